package dev.wacalls.media.record;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads back the pages of an Ogg file written by the tests, independently of the writer's own code paths (apart
 * from the CRC, which ffmpeg checks too).
 *
 * <pre>{@code
 * List<OggFile.Page> pages = OggFile.pages(path);
 * assertThat(pages.get(0).bos()).isTrue();
 * }</pre>
 */
final class OggFile {
    private OggFile() {}

    record Page(long position, int flags, long granule, int serial, int sequence, boolean crcOk, int[] lacing,
            byte[] body) {
        boolean bos() {
            return (flags & 0x02) != 0;
        }

        boolean eos() {
            return (flags & 0x04) != 0;
        }

        int length() {
            return 27 + lacing.length + body.length;
        }

        /** The packets on the page (none of ours span pages). */
        List<byte[]> packets() {
            List<byte[]> out = new ArrayList<>();
            int at = 0;
            int start = 0;
            for (int v : lacing) {
                at += v;
                if (v < 255) {
                    byte[] p = new byte[at - start];
                    System.arraycopy(body, start, p, 0, p.length);
                    out.add(p);
                    start = at;
                }
            }
            return out;
        }
    }

    /** All complete pages from the start; stops at the first thing that is not a complete page. */
    static List<Page> pages(Path file) throws IOException {
        byte[] d = Files.readAllBytes(file);
        List<Page> pages = new ArrayList<>();
        int pos = 0;
        while (pos + 27 <= d.length && OggPages.hasCapturePattern(d, pos)) {
            int n = d[pos + 26] & 0xFF;
            if (pos + 27 + n > d.length) {
                break;
            }
            int[] lacing = new int[n];
            int bodyLength = 0;
            for (int i = 0; i < n; i++) {
                lacing[i] = d[pos + 27 + i] & 0xFF;
                bodyLength += lacing[i];
            }
            int length = 27 + n + bodyLength;
            if (pos + length > d.length) {
                break;
            }
            byte[] body = new byte[bodyLength];
            System.arraycopy(d, pos + 27 + n, body, 0, bodyLength);
            pages.add(new Page(pos, d[pos + 5] & 0xFF, OggPages.readI64(d, pos + 6), OggPages.readI32(d, pos + 14),
                    OggPages.readI32(d, pos + 18), OggPages.crcMatches(d, pos, length), lacing, body));
            pos += length;
        }
        return pages;
    }
}
