package dev.wacalls.media.sdp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One synchronization source and its {@code a=ssrc} attributes (RFC 5576 §4.1), grouped by id in order.
 *
 * <pre>{@code
 * // a=ssrc:4208138518 cname:gAXq2V9TKltrnapv
 * audio.ssrcs().get(0).id();    // 4208138518
 * audio.ssrcs().get(0).cname(); // "gAXq2V9TKltrnapv"
 * }</pre>
 *
 * @param id the SSRC, 0 to 2^32-1
 * @param attributes source attributes in order ({@code cname}, {@code msid}, …); a flag attribute maps to ""
 */
public record Ssrc(long id, Map<String, String> attributes) {
    public Ssrc {
        if (id < 0 || id > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("ssrc out of range: " + id);
        }
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /** The RTCP canonical name (RFC 3550 §6.5.1), or null when the description gives none. */
    public @Nullable String cname() {
        return attributes.get("cname");
    }
}
