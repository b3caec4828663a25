package dev.wacalls.webhook;

import dev.wacalls.id.CallId;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Meta's own recording of a call (opted into with {@code recording} on connect/accept) is ready.
 *
 * @param context where it came from
 * @param callId the call
 * @param at when
 * @param audio the Ogg Opus file
 */
public record CallRecordingAvailable(EventContext context, CallId callId, @Nullable Instant at, MediaFile audio)
        implements WebhookEvent {

    @Override
    public String idempotencyKey() {
        return "call:" + callId.value() + ":recording:" + audio.id();
    }

    @Override
    public Optional<Instant> timestamp() {
        return Optional.ofNullable(at);
    }
}
