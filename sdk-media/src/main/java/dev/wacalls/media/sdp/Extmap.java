package dev.wacalls.media.sdp;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An RTP header extension mapping, {@code a=extmap} (RFC 8285 §8).
 *
 * <pre>{@code
 * // a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level
 * new Extmap(1, null, "urn:ietf:params:rtp-hdrext:ssrc-audio-level", null);
 * }</pre>
 *
 * @param direction the optional {@code /direction} after the id
 * @param attributes extension attributes after the URI, as written
 */
public record Extmap(int id, @Nullable Direction direction, String uri, @Nullable String attributes) {
    public Extmap {
        Objects.requireNonNull(uri, "uri");
    }
}
