package dev.wacalls.media.sdp;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A description {@link SdpWriter} wrote: the text to send (CRLF line endings, as Meta requires) and the same text
 * parsed back, from which the engine reads what it negotiated.
 *
 * <pre>{@code
 * LocalDescription answer = writer.answer(offer);
 * calls.accept(callId, answer.sdp());
 * rtp.opusPayloadType(answer.opusPayloadType()); // the offer's number: 111 at Meta
 * dtls.client(answer.setup() == SetupRole.ACTIVE);
 * }</pre>
 */
public record LocalDescription(String sdp, SessionDescription description) {
    public LocalDescription {
        Objects.requireNonNull(sdp, "sdp");
        Objects.requireNonNull(description, "description");
        if (description.usableAudio().size() != 1) {
            throw new IllegalArgumentException("a local description has exactly one usable audio m-line");
        }
    }

    /** The one usable audio m-line. */
    public MediaDescription audio() {
        return description.usableAudio().get(0);
    }

    /** Our DTLS role as written: ACTPASS in an offer, ACTIVE or PASSIVE in an answer. */
    public SetupRole setup() {
        return Objects.requireNonNull(audio().setup(), "the writer always writes a=setup");
    }

    /** The audio m-line's mid, or null when answering an offer without one. */
    public @Nullable String mid() {
        return audio().mid();
    }

    /** The Opus payload type. */
    public int opusPayloadType() {
        return audio().opus().orElseThrow().payloadType();
    }

    /** The {@code telephone-event/8000} payload type, or null when the offer we answered had none. */
    public @Nullable Integer telephoneEventPayloadType() {
        return audio().codec("telephone-event", 8000).map(Codec::payloadType).orElse(null);
    }
}
