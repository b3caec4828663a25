package dev.wacalls.call;

/**
 * One WebRTC peer connection the engine terminates: ICE, DTLS-SRTP and Opus audio with one peer.
 *
 * <p>Business-initiated call: {@link #createOffer()} goes into {@code connect}; the SDP answer from the connect
 * webhook goes to {@link #applyAnswer} at once; media may flow from then on. User-initiated call: Meta's offer from
 * the connect webhook goes to {@link #answerOffer}; the answer goes into {@code pre_accept} and {@code accept};
 * {@link #startSending()} after {@code accept} returned, because WhatsApp treats the first media packet as the
 * answer.
 *
 * <pre>{@code
 * MediaLeg leg = engine.newLeg(LegKind.WHATSAPP, listener);
 * String answer = leg.answerOffer(connect.sdp());
 * client.calls().preAccept(callId, answer);
 * client.calls().accept(AcceptCallRequest.of(callId, answer));
 * leg.startSending();
 * }</pre>
 */
public interface MediaLeg extends AutoCloseable {

    /** The engine's id for this leg, used in events and logs. */
    String id();

    LegKind kind();

    /** Our SDP offer; ICE gathering is done when it returns (no trickle). */
    String createOffer();

    /** Applies the peer's answer to {@link #createOffer()} and starts connectivity checks and DTLS. */
    void applyAnswer(String sdpAnswer);

    /** Answers the peer's offer and starts connectivity checks and DTLS. */
    String answerOffer(String sdpOffer);

    /** From now on media (and RTCP) may be sent to the peer. Until then nothing is sent but ICE and DTLS. */
    void startSending();

    MediaLegState state();

    MediaStats stats();

    /** Stops media and frees the leg's ports, keys and buffers. Idempotent. */
    @Override
    void close();
}
