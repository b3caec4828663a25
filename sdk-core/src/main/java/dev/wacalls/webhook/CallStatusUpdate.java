package dev.wacalls.webhook;

import dev.wacalls.id.CallId;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A business-initiated call is ringing, was accepted, or was rejected ({@code value.statuses[]} with
 * {@code type: call}). A rejection is followed by a {@link CallTerminate}.
 *
 * @param context where it came from
 * @param callId the call
 * @param status the new status
 * @param rawStatus the status as Meta wrote it
 * @param recipient the called user
 * @param at when
 * @param bizOpaqueCallbackData what the business passed to {@code connect}
 */
public record CallStatusUpdate(
        EventContext context,
        CallId callId,
        CallStatus status,
        String rawStatus,
        UserIdentity recipient,
        @Nullable Instant at,
        @Nullable String bizOpaqueCallbackData)
        implements WebhookEvent {

    @Override
    public String idempotencyKey() {
        return "call:" + callId.value() + ":status:" + rawStatus.toUpperCase(java.util.Locale.ROOT);
    }

    @Override
    public Optional<Instant> timestamp() {
        return Optional.ofNullable(at);
    }
}
