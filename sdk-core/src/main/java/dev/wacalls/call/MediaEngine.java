package dev.wacalls.call;

/**
 * Creates media legs and bridges them. Implemented by sdk-media ({@code WebRtcMediaEngine}); one engine serves
 * every call of the process, on a fixed set of threads.
 *
 * <pre>{@code
 * MediaLeg whatsapp = engine.newLeg(LegKind.WHATSAPP, listener);
 * MediaLeg browser = engine.newLeg(LegKind.AGENT, listener);
 * MediaBridge bridge = engine.bridge(whatsapp, browser);
 * }</pre>
 */
public interface MediaEngine extends AutoCloseable {

    MediaLeg newLeg(LegKind kind, MediaListener listener);

    /** Audio flows both ways between the two legs, rewritten as each needs. */
    MediaBridge bridge(MediaLeg whatsapp, MediaLeg agent);

    /** Closes every leg and frees the engine's threads and sockets. */
    @Override
    void close();
}
