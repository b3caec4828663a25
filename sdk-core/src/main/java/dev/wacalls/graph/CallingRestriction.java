package dev.wacalls.graph;

import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A restriction Meta placed on the number's calling, e.g. {@code RESTRICTED_BUSINESS_INITIATED_CALLING} after
 * high negative feedback (usually for 7 days).
 *
 * @param type Meta's restriction type
 * @param reason Meta's explanation
 * @param expiresAt when it lifts, if given
 */
public record CallingRestriction(String type, @Nullable String reason, @Nullable Instant expiresAt) {
    public static final String BUSINESS_INITIATED = "RESTRICTED_BUSINESS_INITIATED_CALLING";
    public static final String USER_INITIATED = "RESTRICTED_USER_INITIATED_CALLING";

    public Optional<Instant> expiration() {
        return Optional.ofNullable(expiresAt);
    }
}
