package dev.wacalls.media.record;

/**
 * The CRC-32 of Ogg pages (RFC 3533 §6): generator polynomial 0x04C11DB7, initial value 0, no reflection of input or
 * output, no final XOR — not the zlib CRC-32 of {@link java.util.zip.CRC32}, which is reflected. Computed over the
 * whole page with its checksum field set to zero.
 *
 * <p>Four bytes per step ("slicing-by-4"): table {@code k} holds the CRC of a byte followed by {@code k} zero bytes,
 * so four table look-ups replace four dependent byte steps. A page is checksummed once, as it is written.
 */
final class OggCrc {
    private static final int[] T0 = new int[256];
    private static final int[] T1 = new int[256];
    private static final int[] T2 = new int[256];
    private static final int[] T3 = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int r = i << 24;
            for (int bit = 0; bit < 8; bit++) {
                r = (r & 0x8000_0000) != 0 ? (r << 1) ^ 0x04C1_1DB7 : r << 1;
            }
            T0[i] = r;
        }
        for (int i = 0; i < 256; i++) {
            T1[i] = (T0[i] << 8) ^ T0[T0[i] >>> 24];
            T2[i] = (T1[i] << 8) ^ T0[T1[i] >>> 24];
            T3[i] = (T2[i] << 8) ^ T0[T2[i] >>> 24];
        }
    }

    private OggCrc() {}

    /** Continues {@code crc} over {@code data[offset .. offset+length-1]}; start with 0. */
    static int update(int crc, byte[] data, int offset, int length) {
        int c = crc;
        int i = offset;
        int end = offset + length;
        for (int end4 = end - 3; i < end4; i += 4) {
            c ^= (data[i] & 0xFF) << 24 | (data[i + 1] & 0xFF) << 16 | (data[i + 2] & 0xFF) << 8 | (data[i + 3] & 0xFF);
            c = T3[c >>> 24] ^ T2[(c >>> 16) & 0xFF] ^ T1[(c >>> 8) & 0xFF] ^ T0[c & 0xFF];
        }
        for (; i < end; i++) {
            c = (c << 8) ^ T0[((c >>> 24) ^ data[i]) & 0xFF];
        }
        return c;
    }
}
