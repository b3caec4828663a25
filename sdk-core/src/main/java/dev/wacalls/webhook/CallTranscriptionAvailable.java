package dev.wacalls.webhook;

import dev.wacalls.id.CallId;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Meta's own transcript of a call (opted into with {@code transcription} on connect/accept) is ready.
 *
 * @param context where it came from
 * @param callId the call
 * @param at when
 * @param document the JSON transcript
 */
public record CallTranscriptionAvailable(EventContext context, CallId callId, @Nullable Instant at, MediaFile document)
        implements WebhookEvent {

    @Override
    public String idempotencyKey() {
        return "call:" + callId.value() + ":transcription:" + document.id();
    }

    @Override
    public Optional<Instant> timestamp() {
        return Optional.ofNullable(at);
    }
}
