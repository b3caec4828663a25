package dev.wacalls.webhook;

import dev.wacalls.id.CallId;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A call is being set up. User-initiated: it carries WhatsApp's SDP <b>offer</b>; pre-accept/accept within
 * about 30–60 s or the caller sees "not answered". Business-initiated: it carries WhatsApp's SDP <b>answer</b> to
 * our offer; apply it at once (late answers fail the call with 138007).
 *
 * @param context where it came from
 * @param callId the call
 * @param direction who called
 * @param user the WhatsApp user (the caller when user-initiated, the callee otherwise)
 * @param businessNumber the business number in the call, as Meta wrote it
 * @param at when Meta sent it
 * @param sdpType {@code offer} or {@code answer}
 * @param sdp the SDP, CRLF line endings as sent
 * @param bizOpaqueCallbackData what the business passed to {@code connect}
 * @param deeplinkPayload {@code biz_payload} of a {@code wa.me/call} link the user followed
 * @param ctaPayload payload of a call button the user tapped
 */
public record CallConnect(
        EventContext context,
        CallId callId,
        CallDirection direction,
        UserIdentity user,
        @Nullable String businessNumber,
        @Nullable Instant at,
        String sdpType,
        String sdp,
        @Nullable String bizOpaqueCallbackData,
        @Nullable String deeplinkPayload,
        @Nullable String ctaPayload)
        implements WebhookEvent {

    /** True when WhatsApp sent an offer (user-initiated call) rather than an answer. */
    public boolean isOffer() {
        return "offer".equalsIgnoreCase(sdpType);
    }

    @Override
    public String idempotencyKey() {
        return "call:" + callId.value() + ":connect";
    }

    @Override
    public Optional<Instant> timestamp() {
        return Optional.ofNullable(at);
    }
}
