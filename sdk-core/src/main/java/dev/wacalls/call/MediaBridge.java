package dev.wacalls.call;

/**
 * Two legs whose audio is forwarded both ways. Closing the bridge stops forwarding; the legs stay open until
 * closed themselves.
 *
 * <pre>{@code try (MediaBridge bridge = engine.bridge(whatsapp, browser)) { … } }</pre>
 */
public interface MediaBridge extends AutoCloseable {
    MediaLeg whatsapp();

    MediaLeg agent();

    /**
     * Whether the call is being recorded, so that the recruiter's screen can remind them to tell the candidate
     * (and the candidate may have heard an announcement). False once the bridge or its recorder is closed.
     */
    default boolean recording() {
        return false;
    }

    @Override
    void close();
}
