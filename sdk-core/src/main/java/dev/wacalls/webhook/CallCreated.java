package dev.wacalls.webhook;

import dev.wacalls.id.CallId;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A SIP call was attempted ({@code call_created}, sent only when webhooks for SIP calls are enabled). Like a
 * connect event without SDP.
 *
 * @param context where it came from
 * @param callId the call
 * @param direction who called
 * @param user the WhatsApp user
 * @param businessNumber the business number
 * @param at when
 */
public record CallCreated(
        EventContext context,
        CallId callId,
        CallDirection direction,
        UserIdentity user,
        @Nullable String businessNumber,
        @Nullable Instant at)
        implements WebhookEvent {

    @Override
    public String idempotencyKey() {
        return "call:" + callId.value() + ":created";
    }

    @Override
    public Optional<Instant> timestamp() {
        return Optional.ofNullable(at);
    }
}
