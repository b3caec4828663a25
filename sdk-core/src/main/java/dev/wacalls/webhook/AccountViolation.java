package dev.wacalls.webhook;

import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Meta warns about the account's calling quality ({@code account_update}, {@code ACCOUNT_VIOLATION}), e.g.
 * {@code LOW_BUSINESS_INITIATED_CALLING_QUALITY} or {@code USER_INITIATED_CALLS_LOW_PICKUP_RATE}.
 *
 * @param context where it came from
 * @param idempotencyKey a hash of the event's content
 * @param at when
 * @param violationType Meta's violation type
 */
public record AccountViolation(EventContext context, String idempotencyKey, @Nullable Instant at, String violationType)
        implements WebhookEvent {

    @Override
    public Optional<Instant> timestamp() {
        return Optional.ofNullable(at);
    }
}
