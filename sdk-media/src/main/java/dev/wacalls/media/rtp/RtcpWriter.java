package dev.wacalls.media.rtp;

import static dev.wacalls.media.rtp.RtpPacket.writeI32;
import static dev.wacalls.media.rtp.RtpPacket.writeU16;
import static dev.wacalls.media.rtp.RtpPacket.writeU24;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Builds a compound RTCP packet (RFC 3550 §6.1) in place into a {@link PacketBuffer}: SR or RR with report blocks,
 * SDES CNAME, BYE. A reusable cursor: nothing is allocated; errors are sticky and returned by {@link #finish()}.
 *
 * <pre>{@code
 * RtcpWriter rtcp = new RtcpWriter();                  // one per leg, reused
 * PacketBuffer buf = pool.acquire(256);
 * RtcpStatus s = rtcp.begin(buf)
 *         .senderReport(ourSsrc, NtpTime.fromUnixMillis(now), rtpNow, packetsSent, octetsSent)
 *         .reportBlock(theirSsrc, fraction, cumulativeLost, extendedHighest, jitter, lsr, dlsr)
 *         .sdesCname(ourSsrc, cnameBytes)              // pre-encoded once per call, not per packet
 *         .finish();                                   // sets buf.length()
 * }</pre>
 *
 * <p>WhatsApp hangs up after 20 s without media at the start of a call and after 30 s later on, and RTCP counts as
 * media: the engine sends a compound SR/RR + SDES even while the recruiter is silent (whatsapp-calling-api §6.6).
 *
 * <p>By default {@link #begin(PacketBuffer)} leaves {@value #SRTCP_RESERVE} bytes free at the end of the array for the
 * SRTCP index and tag that protection appends (RFC 3711 §3.4, RFC 7714 §9.1).
 */
public final class RtcpWriter {
    /** Tail bytes {@link #begin(PacketBuffer)} leaves for SRTCP: 4-byte E+index and up to a 16-byte tag. */
    public static final int SRTCP_RESERVE = 20;

    private static final byte[] NONE = new byte[0];

    private @Nullable PacketBuffer buffer;
    private byte[] array = NONE;
    private int start;
    private int position;
    private int limit;
    private int current = -1;
    private int currentType;
    private RtcpStatus status = RtcpStatus.OK;

    /** Starts a compound packet at the buffer's offset, reserving {@value #SRTCP_RESERVE} tail bytes for SRTCP. */
    public RtcpWriter begin(PacketBuffer buffer) {
        return begin(buffer, SRTCP_RESERVE);
    }

    /** Starts a compound packet at the buffer's offset, keeping {@code reserve} bytes free at the end of the array. */
    public RtcpWriter begin(PacketBuffer buffer, int reserve) {
        this.buffer = Objects.requireNonNull(buffer, "buffer");
        this.array = buffer.array();
        this.start = buffer.offset();
        this.position = start;
        this.limit = array.length - Math.max(0, reserve);
        this.current = -1;
        this.status = RtcpStatus.OK;
        return this;
    }

    private boolean room(int bytes) {
        if (status != RtcpStatus.OK) {
            return false;
        }
        if (buffer == null || position + bytes > limit) {
            status = RtcpStatus.NO_ROOM;
            return false;
        }
        return true;
    }

    private void open(int type, int count) {
        current = position;
        currentType = type;
        array[position] = (byte) (0x80 | count);
        array[position + 1] = (byte) type;
        position += 4;
    }

    private void close() {
        writeU16(array, current + 2, (position - current) / 4 - 1);
    }

    /**
     * Adds a sender report (RFC 3550 §6.4.1) without report blocks; add them with {@link #reportBlock}.
     *
     * @param ntpTimestamp wallclock time, see {@link NtpTime#fromUnixMillis(long)}
     * @param rtpTimestamp the same instant on the RTP clock of the stream (48 kHz for Opus)
     * @param packetCount RTP packets sent since the start (low 32 bits)
     * @param octetCount payload octets sent since the start (low 32 bits)
     */
    public RtcpWriter senderReport(int ssrc, long ntpTimestamp, long rtpTimestamp, long packetCount, long octetCount) {
        if (room(28)) {
            open(RtcpReader.SR, 0);
            writeI32(array, position, ssrc);
            writeI32(array, position + 4, (int) (ntpTimestamp >>> 32));
            writeI32(array, position + 8, (int) ntpTimestamp);
            writeI32(array, position + 12, (int) rtpTimestamp);
            writeI32(array, position + 16, (int) packetCount);
            writeI32(array, position + 20, (int) octetCount);
            position += 24;
            close();
        }
        return this;
    }

    /** Adds a receiver report (RFC 3550 §6.4.2) without report blocks. */
    public RtcpWriter receiverReport(int ssrc) {
        if (room(8)) {
            open(RtcpReader.RR, 0);
            writeI32(array, position, ssrc);
            position += 4;
            close();
        }
        return this;
    }

    /**
     * Appends a report block to the SR or RR just written.
     *
     * @param fractionLost 0–255, lost/expected since the previous report × 256
     * @param cumulativeLost clamped to the signed 24-bit range (RFC 3550 A.3)
     * @param extendedHighestSequence cycles × 65536 + highest sequence number
     * @param jitter interarrival jitter in timestamp units
     * @param lsr middle 32 bits of the last SR's NTP timestamp, 0 if none yet
     * @param dlsr delay since that SR in 1/65536 s, 0 if none yet
     */
    public RtcpWriter reportBlock(
            int ssrc, int fractionLost, long cumulativeLost, long extendedHighestSequence, long jitter, long lsr,
            long dlsr) {
        if (status != RtcpStatus.OK) {
            return this;
        }
        if (current < 0 || (currentType != RtcpReader.SR && currentType != RtcpReader.RR)
                || (array[current] & 0x1F) == 31) {
            status = RtcpStatus.BAD_ARGUMENT;
            return this;
        }
        if (room(24)) {
            writeI32(array, position, ssrc);
            array[position + 4] = (byte) Math.max(0, Math.min(255, fractionLost));
            long lost = Math.max(-0x80_0000L, Math.min(0x7F_FFFFL, cumulativeLost));
            writeU24(array, position + 5, (int) lost & 0xFF_FFFF);
            writeI32(array, position + 8, (int) extendedHighestSequence);
            writeI32(array, position + 12, (int) jitter);
            writeI32(array, position + 16, (int) lsr);
            writeI32(array, position + 20, (int) dlsr);
            position += 24;
            array[current] = (byte) (array[current] + 1);
            close();
        }
        return this;
    }

    /**
     * Adds an SDES packet with one chunk carrying a CNAME item (RFC 3550 §6.5.1), which every compound packet must
     * contain (§6.1).
     *
     * @param cname the CNAME's bytes (UTF-8), at most 255; encode it once per call, not per packet
     */
    public RtcpWriter sdesCname(int ssrc, byte[] cname) {
        if (status != RtcpStatus.OK) {
            return this;
        }
        if (cname.length > 255) {
            status = RtcpStatus.BAD_ARGUMENT;
            return this;
        }
        // SSRC + type + length + text + at least one null octet, padded to 32 bits.
        int chunk = (4 + 2 + cname.length + 1 + 3) & ~3;
        if (room(4 + chunk)) {
            open(RtcpReader.SDES, 1);
            int chunkStart = position;
            writeI32(array, position, ssrc);
            array[position + 4] = (byte) RtcpReader.SDES_CNAME;
            array[position + 5] = (byte) cname.length;
            System.arraycopy(cname, 0, array, position + 6, cname.length);
            position += 6 + cname.length;
            while (position < chunkStart + chunk) {
                array[position++] = 0;
            }
            close();
        }
        return this;
    }

    /** Adds a BYE (RFC 3550 §6.6) for {@code ssrc} without a reason. */
    public RtcpWriter bye(int ssrc) {
        if (room(8)) {
            open(RtcpReader.BYE, 1);
            writeI32(array, position, ssrc);
            position += 4;
            close();
        }
        return this;
    }

    /** Adds a BYE for {@code ssrc} with a reason (at most 255 bytes, UTF-8). */
    public RtcpWriter bye(int ssrc, byte[] reason) {
        if (status != RtcpStatus.OK) {
            return this;
        }
        if (reason.length > 255) {
            status = RtcpStatus.BAD_ARGUMENT;
            return this;
        }
        int text = (1 + reason.length + 3) & ~3;
        if (room(8 + text)) {
            open(RtcpReader.BYE, 1);
            writeI32(array, position, ssrc);
            position += 4;
            int textStart = position;
            array[position] = (byte) reason.length;
            System.arraycopy(reason, 0, array, position + 1, reason.length);
            position += 1 + reason.length;
            while (position < textStart + text) {
                array[position++] = 0;
            }
            close();
        }
        return this;
    }

    /** Bytes written so far. */
    public int length() {
        return position - start;
    }

    /**
     * Ends the compound packet: on success sets the buffer's length to what was written. On failure the buffer's
     * length is set to 0 so that a half-written packet is never sent.
     */
    public RtcpStatus finish() {
        PacketBuffer b = buffer;
        if (b == null) {
            return RtcpStatus.NO_ROOM;
        }
        b.setOffsetAndLength(start, status == RtcpStatus.OK ? position - start : 0);
        buffer = null;
        return status;
    }
}
