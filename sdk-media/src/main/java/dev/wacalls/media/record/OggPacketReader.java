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
            OggPages.Page page = OggPages.parse(ogg, at, ogg.length);
            if (page == null) {
                throw new IllegalArgumentException("no whole Ogg page with a matching CRC at byte " + at);
            }
            int p = page.bodyOffset();
            for (int i = 0; i < page.segments(); i++) {
                int lace = ogg[at + OggPages.HEADER_LENGTH + i] & 0xFF;
                partial.write(ogg, p, lace);
                p += lace;
                if (lace < 255) { // a lacing value below 255 ends the packet
                    packets.add(partial.toByteArray());
                    partial.reset();
                }
            }
            at += page.length();
        }
        return packets;
    }
}
