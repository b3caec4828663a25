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

    @Override
    void close();
}
