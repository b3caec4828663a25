package dev.wacalls.media.sdp;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One {@code a=} line as received. Every attribute is kept, known or not, so that nothing a later feature needs is
 * lost; RFC 8866 §5.13 asks receivers to ignore the ones they do not understand, and the parser does.
 *
 * <pre>{@code
 * // a=rtcp-xr:rcvr-rtt=all
 * new Attribute("rtcp-xr", "rcvr-rtt=all");
 * // a=rtcp-mux
 * new Attribute("rtcp-mux", null);
 * }</pre>
 *
 * @param name the name as written (matching is case-insensitive)
 * @param value everything after the first colon, unchanged; {@code null} for a flag attribute
 */
public record Attribute(String name, @Nullable String value) {
    public Attribute {
        Objects.requireNonNull(name, "name");
    }

    /** The line without its ending, e.g. {@code a=mid:0}. */
    @Override
    public String toString() {
        return value == null ? "a=" + name : "a=" + name + ":" + value;
    }
}
