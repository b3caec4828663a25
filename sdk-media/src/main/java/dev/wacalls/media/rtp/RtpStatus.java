package dev.wacalls.media.rtp;

/**
 * Why an RTP packet is or is not usable, from the header validity checks of RFC 3550 §5.1 and appendix A.1.
 *
 * <pre>{@code
 * RtpStatus s = RtpPacket.validate(buf.array(), buf.offset(), buf.length());
 * if (s != RtpStatus.OK) {
 *     malformed.increment(s);          // count and drop; never throw on a peer's bytes
 * }
 * }</pre>
 */
public enum RtpStatus {
    /** The header is well formed and fits the packet. */
    OK,
    /** Fewer than the 12 bytes of the fixed header. */
    TOO_SHORT,
    /** Version field is not 2 (RFC 3550 §5.1). */
    BAD_VERSION,
    /** The CSRC list (4 bytes each, count in the first byte) runs past the end of the packet. */
    CSRC_OVERRUN,
    /** The header extension (RFC 3550 §5.3.1, RFC 8285) runs past the end of the packet. */
    EXTENSION_OVERRUN,
    /** The P bit is set but the padding count is 0 or larger than the payload (RFC 3550 §5.1). */
    BAD_PADDING
}
