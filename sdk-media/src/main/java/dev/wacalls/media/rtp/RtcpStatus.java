package dev.wacalls.media.rtp;

/**
 * Outcome of reading or writing a compound RTCP packet (RFC 3550 §6.1 and the validity checks of appendix A.2).
 *
 * <pre>{@code
 * RtcpStatus s = reader.reset(a, off, len);
 * if (s != RtcpStatus.OK) {
 *     rtcpMalformed++;
 * }
 * }</pre>
 */
public enum RtcpStatus {
    /** Well formed (reading) or fully written (writing). */
    OK,
    /** Fewer bytes than an RTCP header (4) or than a packet's fixed part needs. */
    TOO_SHORT,
    /** Version field is not 2. */
    BAD_VERSION,
    /** A packet's length field runs past the end of the compound packet. */
    LENGTH_OVERRUN,
    /** Report blocks (24 bytes each, count in the header) do not fit the packet's length. */
    REPORT_OVERRUN,
    /** Padding that is zero or larger than the packet, or padding on a packet other than the last (RFC 3550 A.2). */
    BAD_PADDING,
    /** Writing: the buffer has no room left for what was asked. */
    NO_ROOM,
    /** Writing: an argument out of range (more than 31 report blocks, an SDES item over 255 bytes, …). */
    BAD_ARGUMENT
}
