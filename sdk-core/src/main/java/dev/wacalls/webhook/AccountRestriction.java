package dev.wacalls.webhook;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Meta restricted calling on the account ({@code account_update}, {@code ACCOUNT_RESTRICTION}), e.g.
 * {@code RESTRICTED_BUSINESS_INITIATED_CALLING} for 7 days: no business calls and no permission requests.
 *
 * @param context where it came from
 * @param idempotencyKey a hash of the event's content
 * @param at when
 * @param restrictions each restriction and when it lifts
 */
public record AccountRestriction(
        EventContext context, String idempotencyKey, @Nullable Instant at, List<Restriction> restrictions)
        implements WebhookEvent {

    public AccountRestriction {
        restrictions = List.copyOf(restrictions);
    }

    @Override
    public Optional<Instant> timestamp() {
        return Optional.ofNullable(at);
    }

    /**
     * One restriction.
     *
     * @param type e.g. {@code RESTRICTED_USER_INITIATED_CALLING}
     * @param expiresAt when it lifts
     */
    public record Restriction(String type, @Nullable Instant expiresAt) {}
}
