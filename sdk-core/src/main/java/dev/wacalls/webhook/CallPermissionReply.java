package dev.wacalls.webhook;

import dev.wacalls.id.CallId;
import dev.wacalls.id.MessageId;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A user granted or refused call permission ({@code interactive.call_permission_reply} in the {@code messages}
 * field). No webhook comes when a temporary permission expires: keep {@link #expiresAt()}.
 *
 * <p>The context tells what it answers: the permission-request message ({@link #inReplyTo()}), the user's own
 * call when WhatsApp granted a callback permission automatically ({@link #afterCall()}), or nothing (the user
 * acted from the business profile, or WhatsApp revoked after unanswered calls).
 *
 * @param context where it came from
 * @param messageId the id of this reply message
 * @param user who answered
 * @param at when
 * @param response accept or reject
 * @param permanent true for a permanent grant
 * @param expiresAt end of a temporary grant
 * @param source the user or WhatsApp
 * @param contextMessageId the permission request this answers
 * @param contextCallId the user's call that granted a callback permission
 */
public record CallPermissionReply(
        EventContext context,
        MessageId messageId,
        UserIdentity user,
        @Nullable Instant at,
        PermissionResponse response,
        boolean permanent,
        @Nullable Instant expiresAt,
        ResponseSource source,
        @Nullable MessageId contextMessageId,
        @Nullable CallId contextCallId)
        implements WebhookEvent {

    public boolean granted() {
        return response == PermissionResponse.ACCEPT;
    }

    public Optional<Instant> expiration() {
        return Optional.ofNullable(expiresAt);
    }

    public Optional<MessageId> inReplyTo() {
        return Optional.ofNullable(contextMessageId);
    }

    public Optional<CallId> afterCall() {
        return Optional.ofNullable(contextCallId);
    }

    @Override
    public String idempotencyKey() {
        return "message:" + messageId.value();
    }

    @Override
    public Optional<Instant> timestamp() {
        return Optional.ofNullable(at);
    }
}
