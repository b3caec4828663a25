package dev.wacalls.media.sdp;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** RFC 3551 §6, tables 4 and 5: payload types that need no rtpmap (RFC 8866 §6.6 makes the rtpmap optional). */
final class StaticPayloadTypes {
    private static final Map<Integer, Codec> TABLE = Map.ofEntries(
            entry(0, "PCMU", 8000, 1),
            entry(3, "GSM", 8000, 1),
            entry(4, "G723", 8000, 1),
            entry(5, "DVI4", 8000, 1),
            entry(6, "DVI4", 16000, 1),
            entry(7, "LPC", 8000, 1),
            entry(8, "PCMA", 8000, 1),
            entry(9, "G722", 8000, 1),
            entry(10, "L16", 44100, 2),
            entry(11, "L16", 44100, 1),
            entry(12, "QCELP", 8000, 1),
            entry(13, "CN", 8000, 1),
            entry(14, "MPA", 90000, 1),
            entry(15, "G728", 8000, 1),
            entry(16, "DVI4", 11025, 1),
            entry(17, "DVI4", 22050, 1),
            entry(18, "G729", 8000, 1),
            entry(25, "CelB", 90000, 1),
            entry(26, "JPEG", 90000, 1),
            entry(28, "nv", 90000, 1),
            entry(31, "H261", 90000, 1),
            entry(32, "MPV", 90000, 1),
            entry(33, "MP2T", 90000, 1),
            entry(34, "H263", 90000, 1));

    private StaticPayloadTypes() {}

    private static Map.Entry<Integer, Codec> entry(int pt, String name, int clock, int channels) {
        return Map.entry(pt, new Codec(pt, name, clock, channels, Map.of(), List.of()));
    }

    static @Nullable Codec get(int payloadType) {
        return TABLE.get(payloadType);
    }
}
