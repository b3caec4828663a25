package dev.wacalls.webhook;

import dev.wacalls.error.MetaError;
import dev.wacalls.id.MessageId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A message the business sent — such as a call-permission request — was sent, delivered, read or failed. A
 * failed permission request carries its reason in {@link #errors()} (e.g. 131026, app too old).
 *
 * @param context where it came from
 * @param messageId the message
 * @param status the new status
 * @param rawStatus the status as Meta wrote it
 * @param recipient who it was sent to
 * @param at when
 * @param errors why it failed
 */
public record MessageStatusUpdate(
        EventContext context,
        MessageId messageId,
        MessageStatus status,
        String rawStatus,
        UserIdentity recipient,
        @Nullable Instant at,
        List<MetaError> errors)
        implements WebhookEvent {

    public MessageStatusUpdate {
        errors = List.copyOf(errors);
    }

    @Override
    public String idempotencyKey() {
        return "message-status:" + messageId.value() + ":" + rawStatus.toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public Optional<Instant> timestamp() {
        return Optional.ofNullable(at);
    }
}
