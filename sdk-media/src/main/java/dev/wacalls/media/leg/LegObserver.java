package dev.wacalls.media.leg;

/**
 * What a {@link WebRtcLeg} tells its owner besides RTP: the first media, key presses, the peer's goodbye. Every
 * method has a no-op default; override what you need.
 *
 * <pre>{@code
 * WebRtcLeg leg = WebRtcLeg.builder(ice, certificate, executor)
 *         .observer(new LegObserver() {
 *             public void onDtmf(char key, int durationMillis, boolean endSeen) { ivr.onKey(key); }
 *         })
 *         .build();
 * }</pre>
 *
 * <p>Methods run on the ICE I/O thread (RTP and RTCP) or an executor thread (DTLS): return quickly, never block.
 */
public interface LegObserver {
    /** The first RTP packet authenticated (once per leg). */
    default void onFirstRtp() {}

    /**
     * A key press the peer sent as RFC 4733 telephone-events (once per press, on its first end packet).
     *
     * @param key {@code 0}–{@code 9}, {@code *}, {@code #}, {@code A}–{@code D}
     * @param durationMillis the press's duration
     * @param endSeen {@code false} when every end packet was lost and the press was closed by the next one
     */
    default void onDtmf(char key, int durationMillis, boolean endSeen) {}

    /** The peer sent an RTCP BYE for its stream (once). */
    default void onRemoteBye() {}

    /** The peer ended DTLS ({@code close_notify} or a fatal alert) after the handshake (once). */
    default void onDtlsClosed() {}
}
