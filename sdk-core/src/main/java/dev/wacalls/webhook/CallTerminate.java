package dev.wacalls.webhook;

import dev.wacalls.error.MetaError;
import dev.wacalls.id.CallId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A call ended: hang-up on either side, {@code terminate}/{@code reject}, or a timeout. Start, end and duration
 * are present only when the call was answered; {@link #errors()} says why a failed call failed (e.g. 138021).
 *
 * @param context where it came from
 * @param callId the call
 * @param direction who called
 * @param user the WhatsApp user
 * @param businessNumber the business number
 * @param at when Meta sent it
 * @param status COMPLETED or FAILED
 * @param startTime when the call was answered
 * @param endTime when it ended
 * @param duration how long it was connected
 * @param errors Meta's reasons for a failure
 * @param bizOpaqueCallbackData what the business passed to {@code connect} or {@code accept}
 */
public record CallTerminate(
        EventContext context,
        CallId callId,
        CallDirection direction,
        UserIdentity user,
        @Nullable String businessNumber,
        @Nullable Instant at,
        TerminateStatus status,
        @Nullable Instant startTime,
        @Nullable Instant endTime,
        @Nullable Duration duration,
        List<MetaError> errors,
        @Nullable String bizOpaqueCallbackData)
        implements WebhookEvent {

    public CallTerminate {
        errors = List.copyOf(errors);
    }

    /** True when the call was connected at some point. */
    public boolean answered() {
        return startTime != null || (duration != null && !duration.isZero());
    }

    public Optional<Duration> connectedFor() {
        return Optional.ofNullable(duration);
    }

    @Override
    public String idempotencyKey() {
        return "call:" + callId.value() + ":terminate";
    }

    @Override
    public Optional<Instant> timestamp() {
        return Optional.ofNullable(at);
    }
}
