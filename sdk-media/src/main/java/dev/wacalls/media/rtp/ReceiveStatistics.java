package dev.wacalls.media.rtp;

/**
 * Receive statistics of one incoming RTP source, kept exactly as RFC 3550 appendix A computes them, in primitive
 * fields: sequence validation and the extended highest sequence number (A.1), expected/lost and the fraction lost per
 * report interval (A.3), interarrival jitter (A.8), and LSR/DLSR for the report block (§6.4.1). It feeds the report
 * blocks of the RTCP the engine keeps sending, which also keeps WhatsApp's inactivity timer quiet.
 *
 * <pre>{@code
 * ReceiveStatistics stats = new ReceiveStatistics(48_000);
 * // per packet (after SRTP authenticated it):
 * stats.update(RtpPacket.sequenceNumber(a, off), RtpPacket.timestamp(a, off), System.nanoTime());
 * // per RTCP interval:
 * stats.writeReportBlock(rtcpWriter, theirSsrc, System.nanoTime());
 * }</pre>
 *
 * <p>Not thread-safe: one leg's I/O thread updates it (and may read it for the report); other threads should only
 * read the getters for monitoring, accepting slightly stale values.
 */
public final class ReceiveStatistics {
    /** RFC 3550 A.1: larger forward jumps are not counted until confirmed by a second packet. */
    public static final int MAX_DROPOUT = 3000;
    /** RFC 3550 A.1: packets this far behind are reordered or duplicates, not a restart. */
    public static final int MAX_MISORDER = 100;
    /** RFC 3550 A.1: sequential packets needed before a source is valid. */
    public static final int MIN_SEQUENTIAL = 2;

    private static final int RTP_SEQ_MOD = 1 << 16;

    private final int clockRate;
    private final int minSequential;

    private boolean initialized;
    private int maxSeq;
    private long cycles;
    private int baseSeq;
    private int badSeq;
    private int probation;
    private long received;
    private long expectedPrior;
    private long receivedPrior;

    private boolean haveArrivalBase;
    private long arrivalBaseNanos;
    private boolean haveTransit;
    private int transit;
    private long jitterQ4; // jitter × 16, as in A.8

    private boolean haveSenderReport;
    private long lastSrMiddle;
    private long lastSrArrivalNanos;

    /** Statistics for a source with RTP clock {@code clockRate} (48,000 for Opus) and A.1's probation of 2. */
    public ReceiveStatistics(int clockRate) {
        this(clockRate, MIN_SEQUENTIAL);
    }

    /**
     * Statistics with an explicit probation: {@code minSequential} in-order packets before the source counts (0 or 1
     * count the first packet at once, which suits an SRTP-authenticated source).
     */
    public ReceiveStatistics(int clockRate, int minSequential) {
        if (clockRate <= 0 || minSequential < 0) {
            throw new IllegalArgumentException("clockRate " + clockRate + ", minSequential " + minSequential);
        }
        this.clockRate = clockRate;
        this.minSequential = minSequential;
    }

    /**
     * Accounts for one received packet.
     *
     * @param sequenceNumber the packet's 16-bit sequence number
     * @param rtpTimestamp the packet's timestamp (unsigned 32-bit)
     * @param arrivalNanos arrival time from {@link System#nanoTime()}
     * @return {@code true} if the packet is valid per A.1 (counted), {@code false} while on probation or on an
     *     unconfirmed jump
     */
    public boolean update(int sequenceNumber, long rtpTimestamp, long arrivalNanos) {
        int seq = sequenceNumber & 0xFFFF;
        if (!initialized) {
            initialized = true;
            initSeq(seq);
            probation = minSequential;
            if (probation > 0) {
                maxSeq = (seq - 1) & 0xFFFF; // A.1: the first packet is the first of MIN_SEQUENTIAL in a row
            }
        }
        if (!updateSeq(seq)) {
            return false;
        }
        updateJitter(rtpTimestamp, arrivalNanos);
        return true;
    }

    private void initSeq(int seq) {
        baseSeq = seq;
        maxSeq = seq;
        badSeq = RTP_SEQ_MOD + 1; // so seq == badSeq is false
        cycles = 0;
        received = 0;
        receivedPrior = 0;
        expectedPrior = 0;
    }

    private boolean updateSeq(int seq) {
        int udelta = (seq - maxSeq) & 0xFFFF;
        if (probation > 0) {
            if (seq == ((maxSeq + 1) & 0xFFFF)) {
                probation--;
                maxSeq = seq;
                if (probation == 0) {
                    initSeq(seq);
                    received++;
                    return true;
                }
            } else {
                probation = minSequential - 1;
                maxSeq = seq;
            }
            return false;
        } else if (udelta < MAX_DROPOUT) {
            if (seq < maxSeq) {
                cycles += RTP_SEQ_MOD; // wrapped
            }
            maxSeq = seq;
        } else if (udelta <= RTP_SEQ_MOD - MAX_MISORDER) {
            if (seq == badSeq) {
                // Two sequential packets after a big jump: the sender restarted; start over (A.1).
                initSeq(seq);
            } else {
                badSeq = (seq + 1) & 0xFFFF;
                return false;
            }
        }
        // else: duplicate or reordered, counted but max_seq unchanged
        received++;
        return true;
    }

    private void updateJitter(long rtpTimestamp, long arrivalNanos) {
        if (!haveArrivalBase) {
            haveArrivalBase = true;
            arrivalBaseNanos = arrivalNanos;
        }
        long elapsed = Math.max(0, arrivalNanos - arrivalBaseNanos);
        long arrivalTicks = NtpTime.nanosToUnits(elapsed, clockRate);
        // A.8 works modulo 2^32 like the timestamps do.
        int t = (int) (arrivalTicks - rtpTimestamp);
        if (haveTransit) {
            int d = t - transit;
            if (d < 0) {
                d = -d;
            }
            jitterQ4 += d - ((jitterQ4 + 8) >> 4);
        }
        haveTransit = true;
        transit = t;
    }

    /**
     * Records a sender report from this source, for LSR/DLSR (RFC 3550 §6.4.1).
     *
     * @param ntpTimestamp the SR's NTP timestamp ({@link RtcpReader#ntpTimestamp()})
     * @param arrivalNanos when the SR arrived, from {@link System#nanoTime()}
     */
    public void onSenderReport(long ntpTimestamp, long arrivalNanos) {
        haveSenderReport = true;
        lastSrMiddle = NtpTime.middle32(ntpTimestamp);
        lastSrArrivalNanos = arrivalNanos;
    }

    /** Extended highest sequence number received: cycles × 65536 + highest (A.1). */
    public long extendedHighestSequence() {
        return cycles + maxSeq;
    }

    /** The first counted sequence number (after probation). */
    public int baseSequence() {
        return baseSeq;
    }

    /** Packets counted as received, duplicates included (A.3 notes that this can make "lost" negative). */
    public long received() {
        return received;
    }

    /** Packets expected: extended highest − base + 1 (A.3); 0 before the first counted packet. */
    public long expected() {
        return received == 0 && expectedPrior == 0 ? 0 : extendedHighestSequence() - baseSeq + 1;
    }

    /** Cumulative packets lost (expected − received), clamped to the signed 24-bit field of a report block. */
    public long cumulativeLost() {
        long lost = expected() - received;
        return Math.max(-0x80_0000L, Math.min(0x7F_FFFFL, lost));
    }

    /**
     * The fraction lost since the previous call, in 1/256, and starts a new interval (A.3). Call it once per report.
     */
    public int nextFractionLost() {
        long expected = expected();
        long expectedInterval = expected - expectedPrior;
        expectedPrior = expected;
        long receivedInterval = received - receivedPrior;
        receivedPrior = received;
        long lostInterval = expectedInterval - receivedInterval;
        if (expectedInterval == 0 || lostInterval <= 0) {
            return 0;
        }
        return (int) ((lostInterval << 8) / expectedInterval);
    }

    /** Interarrival jitter in timestamp units (A.8: the scaled estimate ÷ 16). */
    public long jitter() {
        return jitterQ4 >> 4;
    }

    /** LSR: middle 32 bits of the last SR's NTP timestamp, 0 if none was received. */
    public long lsr() {
        return haveSenderReport ? lastSrMiddle : 0;
    }

    /** DLSR: time since the last SR in 1/65536 s, 0 if none was received. */
    public long dlsr(long nowNanos) {
        return haveSenderReport ? NtpTime.toDlsrUnits(nowNanos - lastSrArrivalNanos) : 0;
    }

    /**
     * Appends this source's report block to the SR or RR being written, starting a new fraction-lost interval.
     *
     * @param sourceSsrc the SSRC of the source these statistics describe
     */
    public RtcpWriter writeReportBlock(RtcpWriter writer, int sourceSsrc, long nowNanos) {
        return writer.reportBlock(
                sourceSsrc, nextFractionLost(), cumulativeLost(), extendedHighestSequence() & 0xFFFF_FFFFL,
                jitter() & 0xFFFF_FFFFL, lsr(), dlsr(nowNanos));
    }
}
