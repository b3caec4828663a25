package dev.wacalls.consent;

import dev.wacalls.webhook.CallPermissionReply;
import dev.wacalls.webhook.PermissionResponse;
import dev.wacalls.webhook.ResponseSource;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A candidate's (or WhatsApp's) answer to a call-permission request, as the engine needs it.
 *
 * @param accepted granted or refused
 * @param permanent a permanent grant
 * @param expiresAt end of a temporary grant, as WhatsApp sent it (else 7 days after {@code at})
 * @param automatic WhatsApp answered, not the user: a callback permission, or a revocation after unanswered calls
 * @param at when
 */
public record PermissionReply(boolean accepted, boolean permanent, @Nullable Instant expiresAt, boolean automatic,
        Instant at) {
    public PermissionReply {
        Objects.requireNonNull(at, "at");
    }

    /** From the typed webhook; {@code fallbackTime} when the webhook carried no timestamp. */
    public static PermissionReply of(CallPermissionReply reply, Instant fallbackTime) {
        return new PermissionReply(reply.response() == PermissionResponse.ACCEPT, reply.permanent(), reply.expiresAt(),
                reply.source() == ResponseSource.AUTOMATIC, reply.timestamp().orElse(fallbackTime));
    }
}
