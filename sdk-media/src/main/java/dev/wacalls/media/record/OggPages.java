package dev.wacalls.media.record;

/**
 * The Ogg page layout (RFC 3533 §6), shared by the writer and the recovery.
 *
 * <pre>
 *  0      4  5      6         14       18         22    26     27
 * | OggS | 0 | flags | granule | serial | sequence | CRC | nseg | lacing values (nseg bytes) | body |
 * </pre>
 *
 * All integers are little-endian. A packet is split into 255-byte segments plus one shorter segment (possibly 0
 * bytes) that ends it; a page holds at most 255 segments.
 */
final class OggPages {
    static final int HEADER_LENGTH = 27;
    static final int MAX_SEGMENTS = 255;
    static final int MAX_HEADER_LENGTH = HEADER_LENGTH + MAX_SEGMENTS;
    static final int MAX_PAGE_LENGTH = MAX_HEADER_LENGTH + MAX_SEGMENTS * 255;
    /** Header type flag: the page starts with the continuation of the previous page's last packet. */
    static final int FLAG_CONTINUED = 0x01;
    /** Header type flag: first page of the logical stream. */
    static final int FLAG_BOS = 0x02;
    /** Header type flag: last page of the logical stream. */
    static final int FLAG_EOS = 0x04;

    static final int FLAGS_OFFSET = 5;
    static final int GRANULE_OFFSET = 6;
    static final int SERIAL_OFFSET = 14;
    static final int SEQUENCE_OFFSET = 18;
    static final int CRC_OFFSET = 22;
    static final int SEGMENTS_OFFSET = 26;

    private OggPages() {}

    /** Whether {@code data[offset ..]} starts with the capture pattern {@code OggS}. */
    static boolean hasCapturePattern(byte[] data, int offset) {
        return data[offset] == 'O' && data[offset + 1] == 'g' && data[offset + 2] == 'g' && data[offset + 3] == 'S';
    }

    /**
     * A whole Ogg page found in a byte array.
     *
     * @param offset where it starts
     * @param headerLength 27 plus its segment count
     * @param bodyLength the sum of its lacing values
     */
    record Page(int offset, int headerLength, int bodyLength, int flags, long granule, int serial) {
        int length() {
            return headerLength + bodyLength;
        }

        int bodyOffset() {
            return offset + headerLength;
        }

        int segments() {
            return headerLength - HEADER_LENGTH;
        }
    }

    /**
     * The page at {@code data[offset ..]} if it is whole (header, lacing and body within {@code end}), of stream
     * structure version 0, and its CRC matches; null otherwise. The one page parser of this package: the
     * recovery's scan, the duration reader and the packet reader all use it.
     */
    static @org.jspecify.annotations.Nullable Page parse(byte[] data, int offset, int end) {
        if (offset < 0 || end - offset < HEADER_LENGTH || !hasCapturePattern(data, offset) || data[offset + 4] != 0) {
            return null;
        }
        int segments = data[offset + SEGMENTS_OFFSET] & 0xFF;
        int headerLength = HEADER_LENGTH + segments;
        if (end - offset < headerLength) {
            return null;
        }
        int bodyLength = 0;
        for (int i = 0; i < segments; i++) {
            bodyLength += data[offset + HEADER_LENGTH + i] & 0xFF;
        }
        if (end - offset < headerLength + bodyLength || !crcMatches(data, offset, headerLength + bodyLength)) {
            return null;
        }
        return new Page(offset, headerLength, bodyLength, data[offset + FLAGS_OFFSET] & 0xFF,
                readI64(data, offset + GRANULE_OFFSET), readI32(data, offset + SERIAL_OFFSET));
    }

    /** Computes the page's CRC with its checksum field zeroed and stores it there. */
    static void sealCrc(byte[] page, int offset, int length) {
        writeI32(page, offset + CRC_OFFSET, 0);
        writeI32(page, offset + CRC_OFFSET, OggCrc.update(0, page, offset, length));
    }

    /** Whether the page's stored CRC matches its content. Leaves the page as it was. */
    static boolean crcMatches(byte[] page, int offset, int length) {
        int stored = readI32(page, offset + CRC_OFFSET);
        writeI32(page, offset + CRC_OFFSET, 0);
        int actual = OggCrc.update(0, page, offset, length);
        writeI32(page, offset + CRC_OFFSET, stored);
        return stored == actual;
    }

    /** Sets the EOS flag of a complete page and recomputes its CRC. */
    static void markEos(byte[] page, int offset, int length) {
        page[offset + FLAGS_OFFSET] |= FLAG_EOS;
        sealCrc(page, offset, length);
    }

    static void writeI32(byte[] d, int i, int v) {
        d[i] = (byte) v;
        d[i + 1] = (byte) (v >>> 8);
        d[i + 2] = (byte) (v >>> 16);
        d[i + 3] = (byte) (v >>> 24);
    }

    static void writeI64(byte[] d, int i, long v) {
        writeI32(d, i, (int) v);
        writeI32(d, i + 4, (int) (v >>> 32));
    }

    static void writeU16(byte[] d, int i, int v) {
        d[i] = (byte) v;
        d[i + 1] = (byte) (v >>> 8);
    }

    static int readI32(byte[] d, int i) {
        return (d[i] & 0xFF) | (d[i + 1] & 0xFF) << 8 | (d[i + 2] & 0xFF) << 16 | (d[i + 3] & 0xFF) << 24;
    }

    static long readI64(byte[] d, int i) {
        return (readI32(d, i) & 0xFFFF_FFFFL) | (long) readI32(d, i + 4) << 32;
    }

    static int readU16(byte[] d, int i) {
        return (d[i] & 0xFF) | (d[i + 1] & 0xFF) << 8;
    }
}
