package dev.wacalls.media.rtp;

/**
 * Walks the elements of an RTP header extension in the one-byte (profile {@code 0xBEDE}) or two-byte (profile
 * {@code 0x100x}) form of RFC 8285 §4, in place. WebRTC peers send audio level (RFC 6464), abs-send-time,
 * transport-wide CC and MID this way; the same cursor object is reused for every packet.
 *
 * <pre>{@code
 * HeaderExtensionCursor ext = new HeaderExtensionCursor();      // one per thread, reused
 * if (ext.reset(a, off, len) == RtpStatus.OK) {
 *     while (ext.next()) {
 *         if (ext.id() == audioLevelId && ext.dataLength() >= 1) {
 *             int level = a[ext.dataOffset()] & 0x7F;       // -dBov (RFC 6464)
 *         }
 *     }
 * }
 * }</pre>
 */
public final class HeaderExtensionCursor {
    /** The "defined by profile" value of the one-byte form (RFC 8285 §4.2). */
    public static final int ONE_BYTE_PROFILE = 0xBEDE;
    /** The two-byte form uses {@code 0x100} in the upper 12 bits; the low 4 bits are "appbits" (RFC 8285 §4.3). */
    public static final int TWO_BYTE_PROFILE_MASK = 0xFFF0;
    /** See {@link #TWO_BYTE_PROFILE_MASK}. */
    public static final int TWO_BYTE_PROFILE = 0x1000;

    private static final byte[] NONE = new byte[0];

    private byte[] data = NONE;
    private int position;
    private int end;
    private int profile = -1;
    private boolean twoByte;
    private boolean malformed;
    private int id;
    private int dataOffset;
    private int dataLength;

    /**
     * Positions the cursor before the first element of the packet's header extension. A packet without the X bit,
     * or with an extension that is neither RFC 8285 form, yields no element.
     *
     * @return the packet's {@link RtpPacket#validate} status; on anything but OK the cursor yields nothing
     */
    public RtpStatus reset(byte[] data, int offset, int length) {
        this.data = data;
        this.position = 0;
        this.end = 0;
        this.profile = -1;
        this.malformed = false;
        this.id = 0;
        RtpStatus status = RtpPacket.validate(data, offset, length);
        if (status != RtpStatus.OK) {
            return status;
        }
        int ext = RtpPacket.extensionOffset(data, offset);
        if (ext < 0) {
            return RtpStatus.OK;
        }
        profile = RtpPacket.readU16(data, ext);
        position = ext + 4;
        end = position + 4 * RtpPacket.readU16(data, ext + 2);
        twoByte = (profile & TWO_BYTE_PROFILE_MASK) == TWO_BYTE_PROFILE;
        if (profile != ONE_BYTE_PROFILE && !twoByte) {
            position = end; // some other profile's extension: skip it whole
        }
        return RtpStatus.OK;
    }

    /** Moves to the next element; {@code false} at the end of the extension (or at a malformed element). */
    public boolean next() {
        while (position < end) {
            int b = data[position] & 0xFF;
            if (b == 0) {
                position++; // padding between elements (RFC 8285 §4.2, §4.3)
                continue;
            }
            if (!twoByte) {
                int elementId = b >>> 4;
                if (elementId == 15) {
                    // RFC 8285 §4.2: ID 15 is reserved; stop processing the extension here.
                    position = end;
                    return false;
                }
                int len = (b & 0x0F) + 1;
                if (position + 1 + len > end) {
                    return fail();
                }
                id = elementId;
                dataOffset = position + 1;
                dataLength = len;
                position += 1 + len;
                return true;
            }
            if (position + 2 > end) {
                return fail();
            }
            int len = data[position + 1] & 0xFF;
            if (position + 2 + len > end) {
                return fail();
            }
            id = b;
            dataOffset = position + 2;
            dataLength = len;
            position += 2 + len;
            return true;
        }
        return false;
    }

    private boolean fail() {
        malformed = true;
        position = end;
        return false;
    }

    /** The current element's ID (1–14 in the one-byte form, 1–255 in the two-byte form). */
    public int id() {
        return id;
    }

    /** Index in the packet array of the current element's first data byte. */
    public int dataOffset() {
        return dataOffset;
    }

    /** Data bytes of the current element (0 is possible in the two-byte form). */
    public int dataLength() {
        return dataLength;
    }

    /** The extension's 16-bit profile field, or -1 when the packet has none. */
    public int profile() {
        return profile;
    }

    /** Whether the extension uses the two-byte form. */
    public boolean isTwoByte() {
        return twoByte;
    }

    /** Whether the walk stopped at an element that ran past the extension's declared length. */
    public boolean isMalformed() {
        return malformed;
    }
}
