package dev.wacalls.media.sdp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * One payload format of an RTP m-line: its {@code a=rtpmap} (or the RFC 3551 static assignment), {@code a=fmtp}
 * and {@code a=rtcp-fb} lines.
 *
 * <pre>{@code
 * // a=rtpmap:111 opus/48000/2
 * // a=fmtp:111 minptime=10;useinbandfec=1
 * Codec opus = audio.opus().orElseThrow();
 * opus.payloadType();                    // 111
 * opus.parameters().get("useinbandfec"); // "1"
 * }</pre>
 *
 * @param name the encoding name as written ({@code opus}, {@code OPUS}); compare with {@link #is(String)}
 * @param channels the encoding parameter of audio rtpmaps, 1 when absent (RFC 8866 §6.6)
 * @param parameters the {@code a=fmtp} parameters in order; a parameter without {@code =} (RED's {@code 111/111})
 *     maps to ""
 * @param rtcpFeedback the {@code a=rtcp-fb} values for this payload type and for {@code *} (RFC 4585 §4.2)
 */
public record Codec(
        int payloadType,
        String name,
        int clockRate,
        int channels,
        Map<String, String> parameters,
        List<String> rtcpFeedback) {
    public Codec {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type out of range: " + payloadType);
        }
        Objects.requireNonNull(name, "name");
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        rtcpFeedback = List.copyOf(rtcpFeedback);
    }

    /** Whether the encoding name is {@code name}; RFC 4855 §3 makes media subtype names case-insensitive. */
    public boolean is(String encodingName) {
        return name.equalsIgnoreCase(encodingName);
    }

    /** Whether this is Opus as RFC 7587 §7 requires it to be written: {@code opus/48000/2}. */
    public boolean isOpus() {
        return is("opus") && clockRate == 48_000 && channels == 2;
    }

    /** Whether this is an RFC 4733 DTMF format, at any clock rate. */
    public boolean isTelephoneEvent() {
        return is("telephone-event");
    }

    /** One fmtp parameter, or null. */
    public @Nullable String parameter(String key) {
        return parameters.get(key);
    }

    /** The {@code a=fmtp} value after the payload type, e.g. {@code minptime=10;useinbandfec=1}, or "" if none. */
    public String fmtp() {
        StringJoiner j = new StringJoiner(";");
        parameters.forEach((k, v) -> j.add(v.isEmpty() ? k : k + "=" + v));
        return j.toString();
    }

    /** The {@code a=rtpmap} value after the payload type, e.g. {@code opus/48000/2}. */
    public String rtpmap() {
        return channels == 1 ? name + "/" + clockRate : name + "/" + clockRate + "/" + channels;
    }
}
