package dev.wacalls.media.rtp;

/**
 * Turns whatever arrives from one leg into a single, continuous RTP stream for the other leg: one outgoing SSRC,
 * one sequence number space without duplicates, one timeline. Meta's relay rewrites the business's streams to a single
 * SSRC and "multiple SSRCs cause undefined behaviour" (whatsapp-calling-api §6.2); the browser leg likewise should see
 * one stream even when the WhatsApp side restarts its sender. One rewriter per direction.
 *
 * <pre>{@code
 * // WhatsApp → browser. RFC 3550 §5.1: initial sequence number and timestamp should be random.
 * RtpRewriter toBrowser = new RtpRewriter(browserLegSsrc, 48_000, random.nextInt(1 << 16), random.nextInt());
 * RewriteStatus s = toBrowser.rewrite(buf, System.nanoTime());   // SSRC, sequence, timestamp rewritten in place
 * if (s.isForwarded()) {
 *     browserSrtp.transformRtp(buf);
 * }
 * }</pre>
 *
 * <h2>How it maps</h2>
 * <ul>
 *   <li>Within one incoming source the mapping is a fixed offset: {@code out = in + delta} (mod 2<sup>16</sup> for
 *       sequence numbers, 2<sup>32</sup> for timestamps). Gaps stay gaps, so the far end's loss statistics and NACKs
 *       stay true; reordered packets keep their place; the sequence wraps at 65535 like the input does.</li>
 *   <li>When the source changes (new SSRC) or restarts (a sequence jump of {@value #MAX_DROPOUT} or more, the RFC 3550
 *       A.1 threshold), the offsets are recomputed so that the next outgoing sequence number is the last one + 1 and
 *       the timestamp advances by the wall-clock time since the last packet (at least {@code minTimestampStep}, one
 *       20 ms frame by default): the receiver's jitter buffer sees a continuous stream with a talkspurt start (M bit).
 *   </li>
 *   <li>A timestamp that jumps by more than {@code maxTimestampJump} against the wall clock while the sequence
 *       continues (a sender that reset its clock) re-anchors the timeline only.</li>
 *   <li>Duplicates are dropped (a 64-packet bit window, like SRTP's replay window), and so are packets from before the
 *       current source started: their outgoing numbers may already be taken.</li>
 * </ul>
 *
 * <p>Not thread-safe: one leg's I/O thread drives it. All state is in primitive fields; {@link #rewrite} allocates
 * nothing.
 */
public final class RtpRewriter {
    /** A forward sequence jump at least this big is a restart (RFC 3550 appendix A.1). */
    public static final int MAX_DROPOUT = ReceiveStatistics.MAX_DROPOUT;
    /** Packets older than this many behind the newest are stale (the width of the duplicate window). */
    public static final int REORDER_WINDOW = 64;
    /** A packet further behind than this is a restart, not a straggler (RFC 3550 appendix A.1). */
    public static final int MAX_MISORDER = ReceiveStatistics.MAX_MISORDER;

    private static final long MASK32 = 0xFFFF_FFFFL;

    private final int outSsrc;
    private final int clockRate;
    private final long minTimestampStep;
    private final long maxTimestampJump;

    private boolean started;
    private int inSsrc;
    private long highestIn; // extended incoming sequence number of the newest packet of this epoch
    private long epochStart; // extended incoming sequence number of the epoch's first packet
    private long seenWindow; // bit i: highestIn - i was forwarded
    private int seqDelta;
    private long tsDelta;
    private long lastInTimestamp;
    private long lastArrivalNanos;
    private int nextOutSeq; // the first epoch starts here
    private long nextOutTimestamp;
    private int highestOutSeq;
    private long highestOutTimestamp;
    private boolean hasPrevious;
    private int previousSsrc;
    private int previousHighestSeq;

    private long forwarded;
    private long restarts;
    private long duplicates;
    private long stale;
    private long invalid;

    /**
     * A rewriter for 20 ms frames (Meta's ptime) with a 5-second timestamp-jump tolerance.
     *
     * @param outSsrc the one SSRC of the outgoing stream
     * @param clockRate the RTP clock of the stream: 48,000 for Opus (RFC 7587)
     * @param initialSequence the first outgoing sequence number (random, RFC 3550 §5.1)
     * @param initialTimestamp the first outgoing timestamp (random, RFC 3550 §5.1)
     */
    public RtpRewriter(int outSsrc, int clockRate, int initialSequence, long initialTimestamp) {
        this(outSsrc, clockRate, initialSequence, initialTimestamp, clockRate / 50, 5L * clockRate);
    }

    /**
     * A rewriter with explicit timing rules.
     *
     * @param minTimestampStep the smallest timestamp advance across a restart: one frame (960 at 48 kHz, 20 ms)
     * @param maxTimestampJump how far (in timestamp units) an incoming timestamp may stray from the wall clock before
     *     the timeline is re-anchored
     */
    public RtpRewriter(
            int outSsrc, int clockRate, int initialSequence, long initialTimestamp, long minTimestampStep,
            long maxTimestampJump) {
        if (clockRate <= 0 || minTimestampStep <= 0 || maxTimestampJump <= 0) {
            throw new IllegalArgumentException("clockRate, minTimestampStep and maxTimestampJump must be positive");
        }
        this.outSsrc = outSsrc;
        this.clockRate = clockRate;
        this.minTimestampStep = minTimestampStep;
        this.maxTimestampJump = maxTimestampJump;
        this.nextOutSeq = initialSequence & 0xFFFF;
        this.nextOutTimestamp = initialTimestamp & MASK32;
    }

    /** Rewrites the RTP packet in {@code buffer} in place; see {@link #rewrite(byte[], int, int, long)}. */
    public RewriteStatus rewrite(PacketBuffer buffer, long arrivalNanos) {
        return rewrite(buffer.array(), buffer.offset(), buffer.length(), arrivalNanos);
    }

    /**
     * Rewrites SSRC, sequence number and timestamp of the RTP packet {@code data[offset .. offset+length-1]} for the
     * outgoing stream, setting the M bit on the first packet after a restart. Dropped packets are left untouched.
     *
     * @param arrivalNanos when the packet arrived, from {@link System#nanoTime()}; used to keep the timeline true to
     *     the wall clock across a restart
     */
    public RewriteStatus rewrite(byte[] data, int offset, int length, long arrivalNanos) {
        if (length < RtpPacket.FIXED_HEADER_LENGTH || (data[offset] & 0xC0) != 0x80) {
            invalid++;
            return RewriteStatus.INVALID;
        }
        int ssrc = RtpPacket.ssrc(data, offset);
        int seq = RtpPacket.sequenceNumber(data, offset);
        long ts = RtpPacket.timestamp(data, offset);

        if (!started) {
            started = true;
            startEpoch(ssrc, seq, ts, arrivalNanos, nextOutSeq, nextOutTimestamp);
            return emit(data, offset, seq, ts, RewriteStatus.RESTARTED);
        }
        if (ssrc != inSsrc) {
            if (hasPrevious && ssrc == previousSsrc
                    && ((previousHighestSeq - seq) & 0xFFFF) < MAX_DROPOUT) {
                // A late packet of the source we switched away from: its old place is gone.
                stale++;
                return RewriteStatus.STALE;
            }
            hasPrevious = true;
            previousSsrc = inSsrc;
            previousHighestSeq = (int) (highestIn & 0xFFFF);
            reanchor(ssrc, seq, ts, arrivalNanos);
            return emit(data, offset, seq, ts, RewriteStatus.RESTARTED);
        }

        int ahead = (seq - (int) (highestIn & 0xFFFF)) & 0xFFFF;
        if (ahead == 0) {
            duplicates++;
            return RewriteStatus.DUPLICATE;
        }
        if (ahead < MAX_DROPOUT) {
            long elapsed = ticksBetween(lastArrivalNanos, arrivalNanos);
            long advance = (int) (ts - lastInTimestamp); // signed 32-bit difference
            if (advance < -maxTimestampJump || advance > elapsed + maxTimestampJump) {
                // The sender reset its clock but not its sequence: keep our timeline continuous.
                tsDelta = (highestOutTimestamp + Math.max(minTimestampStep, elapsed) - ts) & MASK32;
                restarts++;
            }
            highestIn += ahead;
            seenWindow = ahead >= 64 ? 1L : (seenWindow << ahead) | 1L;
            lastInTimestamp = ts;
            lastArrivalNanos = arrivalNanos;
            highestOutSeq = (int) ((highestIn + seqDelta) & 0xFFFF);
            highestOutTimestamp = (ts + tsDelta) & MASK32;
            return emit(data, offset, seq, ts, RewriteStatus.FORWARDED);
        }
        int behind = 0x10000 - ahead;
        if (behind < REORDER_WINDOW) {
            long extended = highestIn - behind;
            if (extended < epochStart) {
                stale++;
                return RewriteStatus.STALE;
            }
            long bit = 1L << behind;
            if ((seenWindow & bit) != 0) {
                duplicates++;
                return RewriteStatus.DUPLICATE;
            }
            seenWindow |= bit;
            return emit(data, offset, seq, ts, RewriteStatus.FORWARDED);
        }
        if (behind <= MAX_MISORDER) {
            // Older than the window but within RFC 3550 A.1's MAX_MISORDER: a straggler, not a restart; its
            // outgoing sequence number may already be in use downstream.
            stale++;
            return RewriteStatus.STALE;
        }
        // A jump forward of MAX_DROPOUT or more, or backward beyond MAX_MISORDER: the source restarted with a
        // new sequence space. SRTP already authenticated the packet, so A.1's second confirming packet is not
        // awaited: that would drop the first 20 ms of the restarted source.
        reanchor(ssrc, seq, ts, arrivalNanos);
        return emit(data, offset, seq, ts, RewriteStatus.RESTARTED);
    }

    private void reanchor(int ssrc, int seq, long ts, long arrivalNanos) {
        long step = Math.max(minTimestampStep, ticksBetween(lastArrivalNanos, arrivalNanos));
        startEpoch(ssrc, seq, ts, arrivalNanos, (highestOutSeq + 1) & 0xFFFF, (highestOutTimestamp + step) & MASK32);
        restarts++;
    }

    private void startEpoch(int ssrc, int seq, long ts, long arrivalNanos, int outSeq, long outTs) {
        inSsrc = ssrc;
        // Start extended numbers one cycle up so that "behind" arithmetic never goes negative.
        highestIn = 0x10000L + seq;
        epochStart = highestIn;
        seenWindow = 1L;
        seqDelta = (outSeq - seq) & 0xFFFF;
        tsDelta = (outTs - ts) & MASK32;
        lastInTimestamp = ts;
        lastArrivalNanos = arrivalNanos;
        highestOutSeq = outSeq;
        highestOutTimestamp = outTs;
    }

    private RewriteStatus emit(byte[] data, int offset, int seq, long ts, RewriteStatus status) {
        RtpPacket.setSsrc(data, offset, outSsrc);
        RtpPacket.setSequenceNumber(data, offset, seq + seqDelta);
        RtpPacket.setTimestamp(data, offset, ts + tsDelta);
        if (status == RewriteStatus.RESTARTED) {
            // RFC 3551 §4.1: the M bit marks the first packet after a discontinuity so the receiver resyncs.
            RtpPacket.setMarker(data, offset, true);
        }
        forwarded++;
        return status;
    }

    private long ticksBetween(long fromNanos, long toNanos) {
        long nanos = toNanos - fromNanos;
        if (nanos <= 0) {
            return 0;
        }
        // nanos × clockRate overflows only after ~2 days at 48 kHz; clamp to be safe.
        long capped = Math.min(nanos, 86_400_000_000_000L);
        return NtpTime.nanosToUnits(capped, clockRate);
    }

    /** The outgoing SSRC. */
    public int outSsrc() {
        return outSsrc;
    }

    /** The incoming SSRC currently being forwarded (0 before the first packet). */
    public int currentSourceSsrc() {
        return inSsrc;
    }

    /** The newest outgoing sequence number. */
    public int highestOutSequence() {
        return highestOutSeq;
    }

    /** The outgoing timestamp of the newest packet. */
    public long highestOutTimestamp() {
        return highestOutTimestamp;
    }

    /** Packets forwarded (including restarts). */
    public long forwarded() {
        return forwarded;
    }

    /** Times the mapping was re-anchored: new source, sequence restart or timestamp jump. */
    public long restarts() {
        return restarts;
    }

    /** Duplicates dropped. */
    public long duplicates() {
        return duplicates;
    }

    /** Late packets dropped. */
    public long stale() {
        return stale;
    }

    /** Invalid packets dropped. */
    public long invalid() {
        return invalid;
    }
}
