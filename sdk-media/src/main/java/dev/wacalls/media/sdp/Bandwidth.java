package dev.wacalls.media.sdp;

import java.util.Objects;

/**
 * A {@code b=} line (RFC 8866 §5.8), e.g. {@code b=AS:64} (kbit/s) or {@code b=TIAS:64000} (bit/s, RFC 3890).
 *
 * <pre>{@code
 * audio.bandwidths().stream().filter(b -> b.type().equals("AS")).findFirst();
 * }</pre>
 */
public record Bandwidth(String type, long value) {
    public Bandwidth {
        Objects.requireNonNull(type, "type");
    }
}
