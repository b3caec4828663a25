package dev.wacalls.media.record;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the packets of a single-stream Ogg file held in memory (RFC 3533): pages in order, each CRC checked, packets
 * reassembled across pages from the lacing values. For short files such as an announcement; the recorder's own
 * files are written by {@link OggOpusWriter} and repaired by {@link OggRecovery}.
 */
final class OggPacketReader {
    private OggPacketReader() {}

    /**
     * @throws IllegalArgumentException at the first page that is not well formed or whose CRC does not match
     */
    static List<byte[]> packets(byte[] ogg) {
        List<byte[]> packets = new ArrayList<>();
        ByteArrayOutputStream partial = new ByteArrayOutputStream();
        int at = 0;
        while (at < ogg.length) {
            if (ogg.length - at < OggPages.HEADER_LENGTH || !OggPages.hasCapturePattern(ogg, at)) {
                throw new IllegalArgumentException("no Ogg page at byte " + at);
            }
            int segments = ogg[at + OggPages.SEGMENTS_OFFSET] & 0xFF;
            int header = OggPages.HEADER_LENGTH + segments;
            if (ogg.length - at < header) {
                throw new IllegalArgumentException("truncated Ogg page header at byte " + at);
            }
            int body = 0;
            for (int i = 0; i < segments; i++) {
                body += ogg[at + OggPages.HEADER_LENGTH + i] & 0xFF;
            }
            if (ogg.length - at < header + body) {
                throw new IllegalArgumentException("truncated Ogg page at byte " + at);
            }
            if (!OggPages.crcMatches(ogg, at, header + body)) {
                throw new IllegalArgumentException("Ogg page at byte " + at + " fails its CRC");
            }
            int p = at + header;
            for (int i = 0; i < segments; i++) {
                int lace = ogg[at + OggPages.HEADER_LENGTH + i] & 0xFF;
                partial.write(ogg, p, lace);
                p += lace;
                if (lace < 255) { // a lacing value below 255 ends the packet
                    packets.add(partial.toByteArray());
                    partial.reset();
                }
            }
            at += header + body;
        }
        return packets;
    }
}
