package dev.wacalls.media.rtp;

import static dev.wacalls.media.rtp.RtpPacket.readI32;
import static dev.wacalls.media.rtp.RtpPacket.readU16;
import static dev.wacalls.media.rtp.RtpPacket.readU24;
import static dev.wacalls.media.rtp.RtpPacket.readU32;

/**
 * Reads a compound RTCP packet (RFC 3550 §6) in place: a reusable cursor over its packets with accessors for sender
 * reports, receiver reports and their report blocks, SDES items and BYE; packet types it does not model (APP,
 * feedback RFC 4585, XR …) are simply stepped over.
 *
 * <pre>{@code
 * RtcpReader rtcp = new RtcpReader();                          // one per leg, reused for every packet
 * if (rtcp.reset(a, off, len) == RtcpStatus.OK) {
 *     while (rtcp.next()) {
 *         switch (rtcp.packetType()) {
 *             case RtcpReader.SR -> stats.onSenderReport(rtcp.ntpTimestamp(), arrivalNanos);
 *             case RtcpReader.BYE -> peerLeft(rtcp.byeSsrc(0));
 *             default -> { }
 *         }
 *         for (int i = 0; i < rtcp.reportBlockCount(); i++) {
 *             rtt.update(rtcp.lsr(i), rtcp.dlsr(i));
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>{@link #reset} checks the whole compound first (RFC 3550 appendix A.2: version 2, lengths adding up, padding
 * only at the end, report blocks inside their packet), so that the accessors never read outside a packet afterwards.
 * It does not insist on SR/RR coming first, since reduced-size RTCP (RFC 5506, Chromium's {@code rtcp-rsize}) sends
 * feedback alone.
 */
public final class RtcpReader {
    /** Sender report (RFC 3550 §6.4.1). */
    public static final int SR = 200;
    /** Receiver report (RFC 3550 §6.4.2). */
    public static final int RR = 201;
    /** Source description (RFC 3550 §6.5). */
    public static final int SDES = 202;
    /** Goodbye (RFC 3550 §6.6). */
    public static final int BYE = 203;
    /** Application-defined (RFC 3550 §6.7). */
    public static final int APP = 204;
    /** Transport-layer feedback (RFC 4585 §6.2), e.g. NACK, transport-cc. */
    public static final int RTPFB = 205;
    /** Payload-specific feedback (RFC 4585 §6.3). */
    public static final int PSFB = 206;
    /** Extended reports (RFC 3611). */
    public static final int XR = 207;
    /** SDES item type CNAME (RFC 3550 §6.5.1). */
    public static final int SDES_CNAME = 1;

    private static final int REPORT_BLOCK_LENGTH = 24;
    private static final byte[] NONE = new byte[0];

    private byte[] data = NONE;
    private int position;
    private int end;
    private RtcpStatus status = RtcpStatus.TOO_SHORT;

    private int packet = -1;
    private int packetLength;
    private int packetEnd; // excluding padding
    private int type;
    private int count;

    private int sdesPosition;
    private int sdesChunksLeft;
    private boolean inChunk;
    private int chunkSsrc;
    private int itemType;
    private int itemOffset;
    private int itemLength;

    /**
     * Validates the compound packet {@code data[offset .. offset+length-1]} and positions the cursor before its first
     * packet. On a status other than OK, {@link #next()} returns {@code false} at once.
     */
    public RtcpStatus reset(byte[] data, int offset, int length) {
        this.data = data;
        this.position = offset;
        this.end = offset + length;
        this.packet = -1;
        this.status = validate(data, offset, length);
        return status;
    }

    /** The status {@link #reset} found. */
    public RtcpStatus status() {
        return status;
    }

    private static RtcpStatus validate(byte[] d, int offset, int length) {
        if (length < 4) {
            return RtcpStatus.TOO_SHORT;
        }
        int p = offset;
        int end = offset + length;
        while (p < end) {
            if (end - p < 4) {
                return RtcpStatus.TOO_SHORT;
            }
            int b0 = d[p] & 0xFF;
            if ((b0 >>> 6) != 2) {
                return RtcpStatus.BAD_VERSION;
            }
            int len = (readU16(d, p + 2) + 1) * 4;
            if (p + len > end) {
                return RtcpStatus.LENGTH_OVERRUN;
            }
            int padding = 0;
            if ((b0 & 0x20) != 0) {
                padding = d[p + len - 1] & 0xFF;
                if (p + len != end || padding == 0 || padding > len - 4) {
                    return RtcpStatus.BAD_PADDING;
                }
            }
            int usable = len - padding;
            int rc = b0 & 0x1F;
            int pt = d[p + 1] & 0xFF;
            if (pt == SR) {
                if (usable < 28) {
                    return RtcpStatus.TOO_SHORT;
                }
                if (28 + rc * REPORT_BLOCK_LENGTH > usable) {
                    return RtcpStatus.REPORT_OVERRUN;
                }
            } else if (pt == RR) {
                if (usable < 8) {
                    return RtcpStatus.TOO_SHORT;
                }
                if (8 + rc * REPORT_BLOCK_LENGTH > usable) {
                    return RtcpStatus.REPORT_OVERRUN;
                }
            } else if (pt == BYE) {
                if (4 + rc * 4 > usable) {
                    return RtcpStatus.REPORT_OVERRUN;
                }
            }
            p += len;
        }
        return RtcpStatus.OK;
    }

    /** Moves to the next packet of the compound; {@code false} after the last one. */
    public boolean next() {
        if (status != RtcpStatus.OK || position >= end) {
            packet = -1;
            return false;
        }
        int b0 = data[position] & 0xFF;
        packet = position;
        packetLength = (readU16(data, position + 2) + 1) * 4;
        int padding = (b0 & 0x20) != 0 ? data[position + packetLength - 1] & 0xFF : 0;
        packetEnd = position + packetLength - padding;
        type = data[position + 1] & 0xFF;
        count = b0 & 0x1F;
        position += packetLength;
        sdesPosition = packet + 4;
        sdesChunksLeft = type == SDES ? count : 0;
        inChunk = false;
        return true;
    }

    /** The current packet's type (200 SR, 201 RR, 202 SDES, 203 BYE, 204 APP, 205/206 feedback, …). */
    public int packetType() {
        return type;
    }

    /** The 5-bit count field: report blocks (SR/RR), chunks (SDES), sources (BYE) or FMT (feedback). */
    public int count() {
        return count;
    }

    /** Index in the array of the current packet's first byte. */
    public int packetOffset() {
        return packet;
    }

    /** Bytes in the current packet, header and padding included. */
    public int packetLength() {
        return packetLength;
    }

    /**
     * The SSRC in the 4 bytes after the header: the sender of an SR, RR or feedback packet, the first chunk of an SDES,
     * the first source of a BYE. 0 when the packet is too short to have one.
     */
    public int senderSsrc() {
        return packetEnd - packet >= 8 ? readI32(data, packet + 4) : 0;
    }

    /** SR only: the sender's NTP timestamp (RFC 3550 §6.4.1). */
    public long ntpTimestamp() {
        return type == SR ? (readU32(data, packet + 8) << 32) | readU32(data, packet + 12) : 0;
    }

    /** SR only: the RTP timestamp that corresponds to {@link #ntpTimestamp()}. */
    public long rtpTimestamp() {
        return type == SR ? readU32(data, packet + 16) : 0;
    }

    /** SR only: the sender's packet count. */
    public long senderPacketCount() {
        return type == SR ? readU32(data, packet + 20) : 0;
    }

    /** SR only: the sender's payload octet count. */
    public long senderOctetCount() {
        return type == SR ? readU32(data, packet + 24) : 0;
    }

    /** Report blocks in the current packet (0 unless it is an SR or RR). */
    public int reportBlockCount() {
        return type == SR || type == RR ? count : 0;
    }

    private int block(int index) {
        if (index < 0 || index >= reportBlockCount()) {
            throw new IndexOutOfBoundsException("report block " + index + " of " + reportBlockCount());
        }
        return packet + (type == SR ? 28 : 8) + index * REPORT_BLOCK_LENGTH;
    }

    /** The SSRC that report block {@code index} is about. */
    public int reportSsrc(int index) {
        return readI32(data, block(index));
    }

    /** Fraction lost since the previous report, in 1/256 (RFC 3550 §6.4.1). */
    public int fractionLost(int index) {
        return data[block(index) + 4] & 0xFF;
    }

    /** Cumulative number of packets lost, a signed 24-bit value (duplicates can make it negative). */
    public int cumulativeLost(int index) {
        int v = readU24(data, block(index) + 5);
        return (v << 8) >> 8;
    }

    /** Extended highest sequence number received: cycles in the high 16 bits. */
    public long extendedHighestSequence(int index) {
        return readU32(data, block(index) + 8);
    }

    /** Interarrival jitter in timestamp units. */
    public long jitter(int index) {
        return readU32(data, block(index) + 12);
    }

    /** Middle 32 bits of the NTP timestamp of the last SR received from that source (0 if none). */
    public long lsr(int index) {
        return readU32(data, block(index) + 16);
    }

    /** Delay since that last SR, in 1/65536 s. */
    public long dlsr(int index) {
        return readU32(data, block(index) + 20);
    }

    /** BYE only: source {@code index} (below {@link #count()}) that is leaving. */
    public int byeSsrc(int index) {
        if (type != BYE || index < 0 || index >= count) {
            throw new IndexOutOfBoundsException("BYE source " + index + " of " + (type == BYE ? count : 0));
        }
        return readI32(data, packet + 4 + 4 * index);
    }

    /** BYE only: index in the array of the reason text, or -1 if there is none (or it does not fit). */
    public int byeReasonOffset() {
        int at = packet + 4 + 4 * count;
        if (type != BYE || at >= packetEnd) {
            return -1;
        }
        int len = data[at] & 0xFF;
        return len > 0 && at + 1 + len <= packetEnd ? at + 1 : -1;
    }

    /** BYE only: bytes of reason text, 0 if none. */
    public int byeReasonLength() {
        int at = byeReasonOffset();
        return at < 0 ? 0 : data[at - 1] & 0xFF;
    }

    /**
     * SDES only: moves to the next item of the current SDES packet, across its chunks; {@code false} after the last
     * item (or at an item that does not fit the packet).
     */
    public boolean nextSdesItem() {
        if (type != SDES || packet < 0) {
            return false;
        }
        while (true) {
            if (!inChunk) {
                if (sdesChunksLeft == 0 || sdesPosition + 4 > packetEnd) {
                    return false;
                }
                chunkSsrc = readI32(data, sdesPosition);
                sdesPosition += 4;
                sdesChunksLeft--;
                inChunk = true;
            }
            if (sdesPosition >= packetEnd) {
                return false;
            }
            int t = data[sdesPosition] & 0xFF;
            if (t == 0) {
                // RFC 3550 §6.5: a null item ends the chunk, which is then padded to a 32-bit boundary.
                sdesPosition = packet + ((sdesPosition + 1 - packet + 3) & ~3);
                inChunk = false;
                continue;
            }
            if (sdesPosition + 2 > packetEnd) {
                return false;
            }
            int len = data[sdesPosition + 1] & 0xFF;
            if (sdesPosition + 2 + len > packetEnd) {
                return false;
            }
            itemType = t;
            itemOffset = sdesPosition + 2;
            itemLength = len;
            sdesPosition += 2 + len;
            return true;
        }
    }

    /** SDES: the SSRC/CSRC of the chunk the current item belongs to. */
    public int sdesChunkSsrc() {
        return chunkSsrc;
    }

    /** SDES: the current item's type (1 CNAME, 2 NAME, …). */
    public int sdesItemType() {
        return itemType;
    }

    /** SDES: index in the array of the current item's text. */
    public int sdesItemOffset() {
        return itemOffset;
    }

    /** SDES: bytes of the current item's text. */
    public int sdesItemLength() {
        return itemLength;
    }
}
