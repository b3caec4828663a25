package dev.wacalls.media.leg;

import dev.wacalls.media.rtp.NtpTime;
import dev.wacalls.media.rtp.PacketBuffer;
import dev.wacalls.media.rtp.ReceiveStatistics;
import dev.wacalls.media.rtp.RtcpReader;
import dev.wacalls.media.rtp.RtcpStatus;
import dev.wacalls.media.rtp.RtcpWriter;
import dev.wacalls.media.rtp.RtpPacket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * The RTP session state of one leg (RFC 3550 §6): what we received (loss, jitter, the peer's last SR), what we sent
 * (for our SR's sender info), and what the peer reports back about our stream (RTT, loss). It writes the compound
 * SR/RR + SDES (+ BYE) the leg sends on the engine's report tick, and reads the peer's RTCP.
 *
 * <pre>{@code
 * RtcpSession rtcp = new RtcpSession(localSsrc, 48_000, clock);
 * rtcp.onRtpReceived(buf, off, len, System.nanoTime());     // I/O thread, after SRTP authenticated it
 * rtcp.onRtpSent(timestamp, payloadLength, System.nanoTime()); // once it was sent
 * rtcp.writeReport(pooledBuffer, System.nanoTime(), false); // then SRTCP-protect and send
 * }</pre>
 *
 * <p>Threads: receiving (the leg's I/O thread), sending (any forwarding thread) and reporting (the engine's timer)
 * meet here, so the mutable state is guarded by this object's monitor — held for a few field updates per packet,
 * never across I/O. The {@link RtcpReader} is used only by the I/O thread, the {@link RtcpWriter} only under the
 * monitor. Nothing is allocated per packet; a new incoming SSRC (the peer restarted its sender) starts fresh
 * statistics, the one allocation.
 */
final class RtcpSession {
    /** RFC 3550 §6.4: a participant that sent RTP within the last two report intervals sends an SR, else an RR. */
    private static final int SENDER_INTERVALS = 2;

    private final int localSsrc;
    private final int clockRate;
    private final Clock clock;
    private final byte[] cname;
    private final RtcpReader reader = new RtcpReader();
    private final RtcpWriter writer = new RtcpWriter();

    // Receive side.
    private ReceiveStatistics statistics;
    private boolean haveRemoteSsrc;
    private int remoteSsrc;
    private long bytesReceived;

    // Send side.
    private long packetsSent;
    private long octetsSent;
    private boolean haveSent;
    private long lastSentTimestamp;
    private long lastSentNanos;
    private int reportsSinceSend = Integer.MAX_VALUE;

    // What the peer says about our stream.
    private volatile double roundTripMillis = -1;
    private volatile long remoteCumulativeLost;
    private volatile int remoteFractionLost;
    private volatile long reportsReceived;
    private volatile boolean byeReceived;
    private long malformedRtcp;

    RtcpSession(int localSsrc, int clockRate, Clock clock) {
        this.localSsrc = localSsrc;
        this.clockRate = clockRate;
        this.clock = clock;
        this.statistics = new ReceiveStatistics(clockRate, 1);
        // RFC 7022: a short-term random CNAME per session, so calls cannot be linked through it.
        this.cname = ("wacalls-" + Integer.toHexString(localSsrc) + "-" + Long.toHexString(System.nanoTime() & 0xFFFFFF))
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** Accounts for one authenticated incoming RTP packet (header still plain: after SRTP unprotect). */
    synchronized void onRtpReceived(byte[] a, int off, int len, long nowNanos) {
        int ssrc = RtpPacket.ssrc(a, off);
        if (!haveRemoteSsrc || ssrc != remoteSsrc) {
            // SRTP authenticated it, so a new SSRC is the peer's own restart: begin a new source (RFC 3550 §8.2).
            if (haveRemoteSsrc) {
                statistics = new ReceiveStatistics(clockRate, 1);
            }
            haveRemoteSsrc = true;
            remoteSsrc = ssrc;
        }
        statistics.update(RtpPacket.sequenceNumber(a, off), RtpPacket.timestamp(a, off), nowNanos);
        bytesReceived += RtpPacket.payloadLength(a, off, len);
    }

    /** Accounts for one RTP packet that was protected and sent. */
    synchronized void onRtpSent(long rtpTimestamp, int payloadLength, long nowNanos) {
        packetsSent++;
        octetsSent += Math.max(0, payloadLength);
        haveSent = true;
        lastSentTimestamp = rtpTimestamp;
        lastSentNanos = nowNanos;
        reportsSinceSend = 0;
    }

    /**
     * Reads an authenticated incoming compound RTCP packet: the peer's SR (for our LSR/DLSR), report blocks about our
     * stream (RTT, loss), BYE. On the I/O thread only.
     */
    void onRtcpReceived(byte[] a, int off, int len, long nowNanos) {
        if (reader.reset(a, off, len) != RtcpStatus.OK) {
            synchronized (this) {
                malformedRtcp++;
            }
            return;
        }
        while (reader.next()) {
            int type = reader.packetType();
            if (type == RtcpReader.SR) {
                synchronized (this) {
                    if (haveRemoteSsrc && reader.senderSsrc() == remoteSsrc) {
                        statistics.onSenderReport(reader.ntpTimestamp(), nowNanos);
                    }
                }
            }
            if (type == RtcpReader.SR || type == RtcpReader.RR) {
                for (int i = 0; i < reader.reportBlockCount(); i++) {
                    if (reader.reportSsrc(i) == localSsrc) {
                        onReportAboutUs(reader.fractionLost(i), reader.cumulativeLost(i), reader.lsr(i),
                                reader.dlsr(i));
                    }
                }
            } else if (type == RtcpReader.BYE) {
                for (int i = 0; i < reader.count(); i++) {
                    if (haveRemoteSsrc && reader.byeSsrc(i) == remoteSsrc) {
                        byeReceived = true;
                    }
                }
            }
        }
    }

    private void onReportAboutUs(int fractionLost, int cumulativeLost, long lsr, long dlsr) {
        remoteFractionLost = fractionLost;
        remoteCumulativeLost = cumulativeLost;
        reportsReceived++;
        if (lsr == 0) {
            return; // the peer has not seen an SR of ours yet
        }
        // RFC 3550 §6.4.1: RTT = A − LSR − DLSR, all in the middle 32 bits of NTP time (1/65536 s).
        long a = NtpTime.middle32(NtpTime.fromUnixMillis(clock.millis()));
        long rtt = (a - lsr - dlsr) & 0xFFFF_FFFFL;
        if (rtt < 0x8000_0000L) { // a negative (wrapped) value means the clocks disagree: keep the old estimate
            roundTripMillis = rtt * 1000.0 / 65536.0;
        }
    }

    /**
     * Writes our compound report into {@code buffer}: an SR if we sent RTP in the last two intervals, else an RR;
     * the report block about the peer's stream once it sent something; SDES CNAME; and a BYE when {@code bye}.
     * Starts a new fraction-lost interval.
     */
    synchronized RtcpStatus writeReport(PacketBuffer buffer, long nowNanos, boolean bye) {
        RtcpWriter w = writer.begin(buffer);
        if (haveSent && reportsSinceSend < SENDER_INTERVALS) {
            long elapsedUnits = (nowNanos - lastSentNanos) * clockRate / 1_000_000_000L;
            w.senderReport(localSsrc, NtpTime.fromUnixMillis(clock.millis()),
                    (lastSentTimestamp + elapsedUnits) & 0xFFFF_FFFFL, packetsSent, octetsSent);
        } else {
            w.receiverReport(localSsrc);
        }
        if (reportsSinceSend != Integer.MAX_VALUE) {
            reportsSinceSend++;
        }
        if (haveRemoteSsrc) {
            statistics.writeReportBlock(w, remoteSsrc, nowNanos);
        }
        w.sdesCname(localSsrc, cname);
        if (bye) {
            w.bye(localSsrc);
        }
        return w.finish();
    }

    synchronized long packetsLost() {
        return haveRemoteSsrc ? Math.max(0, statistics.cumulativeLost()) : 0;
    }

    synchronized double jitterMillis() {
        return haveRemoteSsrc ? statistics.jitter() * 1000.0 / clockRate : 0;
    }

    synchronized long bytesReceived() {
        return bytesReceived;
    }

    synchronized long packetsSent() {
        return packetsSent;
    }

    synchronized long bytesSent() {
        return octetsSent;
    }

    synchronized long malformedRtcp() {
        return malformedRtcp;
    }

    /** RTT from the peer's last report block with an LSR, in ms; -1 until known. */
    double roundTripMillis() {
        return roundTripMillis;
    }

    /** Cumulative loss of our stream as the peer reported it. */
    long remoteCumulativeLost() {
        return remoteCumulativeLost;
    }

    /** The peer's last fraction lost of our stream, in 1/256. */
    int remoteFractionLost() {
        return remoteFractionLost;
    }

    /** Report blocks about our stream received so far. */
    long reportsReceived() {
        return reportsReceived;
    }

    /** Whether the peer sent an RTCP BYE for its stream. */
    boolean byeReceived() {
        return byeReceived;
    }
}
