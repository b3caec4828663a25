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

    /**
     * Our SDP offer; ICE gathering is done when it returns (no trickle).
     *
     * @throws IllegalStateException if the leg already made or answered an offer, or is closed
     */
    String createOffer();

    /**
     * Applies the peer's answer to {@link #createOffer()} and starts connectivity checks and DTLS. Media may be sent
     * as soon as the keys are agreed.
     *
     * @throws InvalidSdpException if the answer does not parse or cannot be used (no Opus, no fingerprint, no ICE
     *     credentials, no DTLS role); the leg stays as it was and may take another answer
     * @throws IllegalStateException without an offer, or on a closed leg
     */
    void applyAnswer(String sdpAnswer);

    /**
     * Answers the peer's offer and starts connectivity checks and DTLS.
     *
     * @throws InvalidSdpException if the offer does not parse or cannot be used; nothing was opened
     * @throws IllegalStateException if the leg already made or answered an offer, or is closed
     */
    String answerOffer(String sdpOffer);

    /**
     * From now on media (and RTCP) may be sent to the peer. A WhatsApp leg that answered an offer sends nothing but
     * ICE and DTLS until this is called (WhatsApp takes the first media packet as the answer: call it once
     * {@code accept} returned); other legs send as soon as their keys are agreed, and this does nothing. Idempotent.
     */
    void startSending();

    MediaLegState state();

    MediaStats stats();

    /** Stops media and frees the leg's ports, keys and buffers. Idempotent. */
    @Override
    void close();
}
