package dev.wacalls.media.rtp;

/**
 * Reads and writes RTP header fields (RFC 3550 §5.1) in place on {@code byte[]} + offset, without allocating.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|X|  CC   |M|     PT      |       sequence number         |
 * |                           timestamp                           |
 * |           synchronization source (SSRC) identifier            |
 * |            contributing source (CSRC) identifiers (CC × 4)    |
 * |  profile (0xBEDE / 0x100x)    |      extension length (words) |   if X
 * |                      header extension                         |
 * |                          payload  …  | padding | pad count     |   if P
 * </pre>
 *
 * <pre>{@code
 * byte[] a = buf.array();
 * int off = buf.offset();
 * if (RtpPacket.validate(a, off, buf.length()) == RtpStatus.OK) {
 *     int pt = RtpPacket.payloadType(a, off);
 *     int payload = RtpPacket.payloadOffset(a, off, buf.length());
 *     int payloadLength = RtpPacket.payloadLength(a, off, buf.length());
 * }
 * }</pre>
 *
 * <p>The getters of single fields assume at least the 12-byte fixed header is there (check with {@link #validate}
 * first); the methods that take a length never read past it.
 */
public final class RtpPacket {
    /** Bytes in the fixed header (RFC 3550 §5.1). */
    public static final int FIXED_HEADER_LENGTH = 12;
    /** The only RTP version there is. */
    public static final int VERSION = 2;
    /** Opus's RTP clock, whatever the audio's real rate (RFC 7587 §4.1): the timeline of every stream here. */
    public static final int OPUS_CLOCK_RATE = 48_000;

    private RtpPacket() {}

    /**
     * Checks that {@code data[offset .. offset+length-1]} is a well-formed RTP packet: fixed header, version 2, CSRC
     * list and header extension inside the packet, and a padding count that fits (RFC 3550 appendix A.1).
     */
    public static RtpStatus validate(byte[] data, int offset, int length) {
        if (length < FIXED_HEADER_LENGTH) {
            return RtpStatus.TOO_SHORT;
        }
        int b0 = data[offset] & 0xFF;
        if ((b0 >>> 6) != VERSION) {
            return RtpStatus.BAD_VERSION;
        }
        int header = FIXED_HEADER_LENGTH + 4 * (b0 & 0x0F);
        if (header > length) {
            return RtpStatus.CSRC_OVERRUN;
        }
        if ((b0 & 0x10) != 0) {
            if (header + 4 > length) {
                return RtpStatus.EXTENSION_OVERRUN;
            }
            header += 4 + 4 * readU16(data, offset + header + 2);
            if (header > length) {
                return RtpStatus.EXTENSION_OVERRUN;
            }
        }
        if ((b0 & 0x20) != 0) {
            int padding = data[offset + length - 1] & 0xFF;
            if (padding == 0 || header + padding > length) {
                return RtpStatus.BAD_PADDING;
            }
        }
        return RtpStatus.OK;
    }

    /**
     * Length of the header including CSRCs and the header extension, or -1 when it does not fit {@code length}
     * bytes (or the packet is not version 2). Used on SRTP packets too, where the padding is still encrypted.
     */
    public static int headerLength(byte[] data, int offset, int length) {
        if (length < FIXED_HEADER_LENGTH || (data[offset] & 0xC0) != 0x80) {
            return -1;
        }
        int b0 = data[offset] & 0xFF;
        int header = FIXED_HEADER_LENGTH + 4 * (b0 & 0x0F);
        if ((b0 & 0x10) != 0) {
            if (header + 4 > length) {
                return -1;
            }
            header += 4 + 4 * readU16(data, offset + header + 2);
        }
        return header <= length ? header : -1;
    }

    /** Padding bytes at the end of a {@linkplain #validate valid} packet (0 when the P bit is clear). */
    public static int paddingLength(byte[] data, int offset, int length) {
        return hasPadding(data, offset) && length > 0 ? data[offset + length - 1] & 0xFF : 0;
    }

    /** Index in {@code data} of the first payload byte of a valid packet, after CSRCs and header extension. */
    public static int payloadOffset(byte[] data, int offset, int length) {
        return offset + headerLength(data, offset, length);
    }

    /** Payload bytes of a valid packet, without header and padding. */
    public static int payloadLength(byte[] data, int offset, int length) {
        return length - headerLength(data, offset, length) - paddingLength(data, offset, length);
    }

    /** The version field (2 for RTP). */
    public static int version(byte[] data, int offset) {
        return (data[offset] & 0xFF) >>> 6;
    }

    /** The P bit. */
    public static boolean hasPadding(byte[] data, int offset) {
        return (data[offset] & 0x20) != 0;
    }

    /** The X bit: a header extension follows the CSRC list. */
    public static boolean hasExtension(byte[] data, int offset) {
        return (data[offset] & 0x10) != 0;
    }

    /** The CC field: number of CSRC identifiers. */
    public static int csrcCount(byte[] data, int offset) {
        return data[offset] & 0x0F;
    }

    /** The M bit; for audio, the first packet of a talkspurt (RFC 3551 §4.1). */
    public static boolean marker(byte[] data, int offset) {
        return (data[offset + 1] & 0x80) != 0;
    }

    /** The payload type, 0–127. */
    public static int payloadType(byte[] data, int offset) {
        return data[offset + 1] & 0x7F;
    }

    /** The sequence number, 0–65535. */
    public static int sequenceNumber(byte[] data, int offset) {
        return readU16(data, offset + 2);
    }

    /** The timestamp as an unsigned 32-bit value. */
    public static long timestamp(byte[] data, int offset) {
        return readU32(data, offset + 4);
    }

    /** The SSRC (compare as an int; print with {@link Integer#toUnsignedString(int)}). */
    public static int ssrc(byte[] data, int offset) {
        return readI32(data, offset + 8);
    }

    /** CSRC number {@code index} (0-based, below {@link #csrcCount}). */
    public static int csrc(byte[] data, int offset, int index) {
        return readI32(data, offset + FIXED_HEADER_LENGTH + 4 * index);
    }

    /** Index in {@code data} of the 4-byte extension header (profile + length), or -1 without the X bit. */
    public static int extensionOffset(byte[] data, int offset) {
        return hasExtension(data, offset) ? offset + FIXED_HEADER_LENGTH + 4 * csrcCount(data, offset) : -1;
    }

    /** Sets or clears the M bit. */
    public static void setMarker(byte[] data, int offset, boolean marker) {
        data[offset + 1] = (byte) (marker ? data[offset + 1] | 0x80 : data[offset + 1] & 0x7F);
    }

    /** Sets the payload type, keeping the M bit. */
    public static void setPayloadType(byte[] data, int offset, int payloadType) {
        data[offset + 1] = (byte) ((data[offset + 1] & 0x80) | (payloadType & 0x7F));
    }

    /** Sets the sequence number (low 16 bits of {@code sequenceNumber}). */
    public static void setSequenceNumber(byte[] data, int offset, int sequenceNumber) {
        writeU16(data, offset + 2, sequenceNumber);
    }

    /** Sets the timestamp (low 32 bits of {@code timestamp}). */
    public static void setTimestamp(byte[] data, int offset, long timestamp) {
        writeI32(data, offset + 4, (int) timestamp);
    }

    /** Sets the SSRC. */
    public static void setSsrc(byte[] data, int offset, int ssrc) {
        writeI32(data, offset + 8, ssrc);
    }

    /**
     * Writes a 12-byte fixed header (version 2, no padding, no extension, no CSRC) and returns 12.
     */
    public static int writeHeader(
            byte[] data, int offset, boolean marker, int payloadType, int sequenceNumber, long timestamp, int ssrc) {
        data[offset] = (byte) 0x80;
        data[offset + 1] = (byte) ((marker ? 0x80 : 0) | (payloadType & 0x7F));
        writeU16(data, offset + 2, sequenceNumber);
        writeI32(data, offset + 4, (int) timestamp);
        writeI32(data, offset + 8, ssrc);
        return FIXED_HEADER_LENGTH;
    }

    static int readU16(byte[] d, int i) {
        return ((d[i] & 0xFF) << 8) | (d[i + 1] & 0xFF);
    }

    static int readU24(byte[] d, int i) {
        return ((d[i] & 0xFF) << 16) | ((d[i + 1] & 0xFF) << 8) | (d[i + 2] & 0xFF);
    }

    static int readI32(byte[] d, int i) {
        return ((d[i] & 0xFF) << 24) | ((d[i + 1] & 0xFF) << 16) | ((d[i + 2] & 0xFF) << 8) | (d[i + 3] & 0xFF);
    }

    static long readU32(byte[] d, int i) {
        return readI32(d, i) & 0xFFFF_FFFFL;
    }

    static void writeU16(byte[] d, int i, int v) {
        d[i] = (byte) (v >>> 8);
        d[i + 1] = (byte) v;
    }

    static void writeU24(byte[] d, int i, int v) {
        d[i] = (byte) (v >>> 16);
        d[i + 1] = (byte) (v >>> 8);
        d[i + 2] = (byte) v;
    }

    static void writeI32(byte[] d, int i, int v) {
        d[i] = (byte) (v >>> 24);
        d[i + 1] = (byte) (v >>> 16);
        d[i + 2] = (byte) (v >>> 8);
        d[i + 3] = (byte) v;
    }
}
