package dev.wacalls.error;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A limit was hit: Graph request rate (4, 613, 80007, 130429), concurrent calls (138002), call initiations per
 * number (138005), permission requests (138009), or connected calls per user per 24 h (138012).
 * {@link #nextAllowedAt()} is when Meta said the action is allowed again (138012 gives it in
 * {@code error_data}), or when {@code Retry-After} points to.
 */
public class RateLimitedException extends GraphApiException {
    private static final long serialVersionUID = 1L;
    private final @Nullable Instant nextAllowedAt;

    public RateLimitedException(
            int httpStatus, MetaError error, @Nullable Duration retryAfter, @Nullable Instant nextAllowedAt) {
        super(httpStatus, error, retryAfter);
        this.nextAllowedAt = nextAllowedAt;
    }

    public Optional<Instant> nextAllowedAt() {
        return Optional.ofNullable(nextAllowedAt);
    }
}
