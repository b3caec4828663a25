package dev.wacalls.media.record;

import dev.wacalls.media.rtp.RtpPacket;
import dev.wacalls.media.rtp.RtpStatus;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One voice of a call as an Ogg Opus track on the <em>call's</em> clock: second N of the file is second N of the
 * call, whatever the network and the sender did, so that the two voices of a call can be played side by side (left
 * and right) or mixed without drifting apart.
 *
 * <pre>{@code
 * long callStart = System.nanoTime();
 * AlignedTrack track = AlignedTrack.builder(OggOpusWriter.builder().open(path), callStart).build();
 * // per RTP packet, on the I/O thread:
 * track.offerRtp(packet.array(), packet.offset(), packet.length(), System.nanoTime());
 * // at hang-up:
 * track.drain();
 * track.close(track.samplesForNanos(System.nanoTime()));   // pads the track to the call's end
 * }</pre>
 *
 * <h2>Where a packet goes</h2>
 * <ul>
 *   <li>The first packet is placed at its arrival time: a voice that starts late gets leading silence.</li>
 *   <li>Later packets are placed by their RTP timestamp relative to that anchor (48 kHz, RFC 7587), so network
 *       jitter does not move them. Whatever the timestamps skip — losses, DTX, a muted microphone — is filled with
 *       Opus packets of digital silence ({@link OpusPackets#writeSilence}).</li>
 *   <li>Packets wait in a small reordering window ({@linkplain Builder#reorderWindow 4 packets}, 80 ms, by default)
 *       so that one overtaken by the next is still put in its place; one that comes after its place was written is
 *       dropped and counted {@linkplain TrackStatus#LATE late}. Sequence numbers seen before are dropped as
 *       {@linkplain TrackStatus#DUPLICATE duplicates}.</li>
 *   <li>The RTP timeline is checked against the arrival clock on every packet. When they disagree by more than
 *       {@linkplain Builder#maxSkew the maximum skew} (200 ms by default) the timeline is re-anchored to the arrival
 *       time: at once when a packet arrives earlier than its timestamp allows (a forward timestamp jump, or a sender
 *       clock that runs fast), or when a newer packet's place lies in the past (a backward jump); after the skew has
 *       lasted as long as itself when packets arrive late (a sender clock that runs slow, or a pause the timestamps
 *       did not count) — so that a network stall, which ends in a burst that catches up, moves nothing.</li>
 *   <li>{@link #close(long)} pads the track with silence to the end of the call, so both voices end together.</li>
 * </ul>
 * Positions are kept on a 2.5 ms grid, the shortest Opus frame, so silence fills every gap exactly.
 *
 * <p>Cost: each packet is copied once into a preallocated window slot and once into the page buffer; nothing is
 * allocated per packet. Not thread-safe: one thread at a time ({@link CallRecorder} locks each track).
 */
public final class AlignedTrack implements AutoCloseable {
    /** Default {@linkplain Builder#reorderWindow reordering window}: 4 packets (80 ms of 20 ms packets). */
    public static final int DEFAULT_REORDER_WINDOW = 4;
    /** Default {@linkplain Builder#maxSkew maximum skew} between RTP timeline and arrival clock: 200 ms. */
    public static final Duration DEFAULT_MAX_SKEW = Duration.ofMillis(200);

    private static final int GRID = OpusPackets.MIN_FRAME_SAMPLES;
    private static final int SLOT_CAPACITY = 1500; // an MTU: no RTP payload is bigger in practice
    private static final int MAX_PAYLOAD = OggPages.MAX_SEGMENTS * 255 - 1; // what one page can lace
    private static final int SEQ_WINDOW = 64;
    private static final int MAX_MISORDER = 100; // RFC 3550 A.1: further behind is a restart, not a straggler

    private final OggOpusWriter writer;
    private final long callStartNanos;
    private final int reorderWindow;
    private final long maxSkewSamples;
    private final long maxSkewNanos;

    // Reordering window: slots hold copies of pending packets; order[0 .. pending-1] lists them by position.
    private final byte[][] slotData;
    private final int[] slotLength;
    private final int[] slotSamples;
    private final long[] slotPosition;
    private final int[] order;
    private final int[] free;
    private int freeCount;
    private int pending;
    private final byte[] silence = new byte[OpusPackets.MAX_SILENCE_BYTES];

    private long written; // samples on the file: the next free place on the timeline
    private boolean anchored;
    private long anchorTimestamp;
    private long anchorPosition;
    private boolean lateStreak;
    private long lateStreakStartNanos;
    private long lateStreakMinSkew;
    private boolean seqStarted;
    private int highestSeq;
    private long seqSeen; // bit i: highestSeq - i was seen
    private long lastArrivalNanos;
    private boolean closed;

    private long packets;
    private long silencePackets;
    private long silenceSamples;
    private long late;
    private long duplicates;
    private long invalid;
    private long reanchors;

    private AlignedTrack(Builder b) {
        this.writer = b.writer;
        this.callStartNanos = b.callStartNanos;
        this.reorderWindow = b.reorderWindow;
        this.maxSkewNanos = b.maxSkew.toNanos();
        this.maxSkewSamples = samplesOf(maxSkewNanos);
        int slots = reorderWindow + 1;
        this.slotData = new byte[slots][SLOT_CAPACITY];
        this.slotLength = new int[slots];
        this.slotSamples = new int[slots];
        this.slotPosition = new long[slots];
        this.order = new int[slots];
        this.free = new int[slots];
        for (int i = 0; i < slots; i++) {
            free[i] = i;
        }
        this.freeCount = slots;
        this.lastArrivalNanos = callStartNanos;
    }

    /**
     * A builder for a track written by {@code writer} (which the track owns from now on) on the timeline of a call
     * that started at {@code callStartNanos} ({@link System#nanoTime()}).
     */
    public static Builder builder(OggOpusWriter writer, long callStartNanos) {
        return new Builder(writer, callStartNanos);
    }

    /**
     * Offers a whole RTP packet (header read here; payload type not checked — the caller filters out
     * {@code telephone-event} and anything else that is not Opus).
     */
    public TrackStatus offerRtp(byte[] rtp, int offset, int length, long arrivalNanos) {
        if (RtpPacket.validate(rtp, offset, length) != RtpStatus.OK) {
            if (closed) {
                return TrackStatus.CLOSED;
            }
            invalid++;
            return TrackStatus.INVALID;
        }
        return offer(rtp, RtpPacket.payloadOffset(rtp, offset, length), RtpPacket.payloadLength(rtp, offset, length),
                RtpPacket.sequenceNumber(rtp, offset), RtpPacket.timestamp(rtp, offset), arrivalNanos);
    }

    /**
     * Offers one Opus packet with its RTP sequence number and timestamp and its arrival time. The bytes are copied.
     *
     * @param arrivalNanos when it arrived, from the same {@link System#nanoTime()} clock as the call start
     */
    public TrackStatus offer(byte[] data, int offset, int length, int sequenceNumber, long rtpTimestamp,
            long arrivalNanos) {
        if (closed) {
            return TrackStatus.CLOSED;
        }
        if (writer.failure() != null) {
            return TrackStatus.FAILED;
        }
        int samples = OpusPackets.samples(data, offset, length);
        if (samples < 0 || length > MAX_PAYLOAD) {
            invalid++;
            return TrackStatus.INVALID;
        }
        int seqDistance = seqDistance(sequenceNumber & 0xFFFF);
        if (seqDistance == Integer.MIN_VALUE) {
            duplicates++;
            return TrackStatus.DUPLICATE;
        }
        lastArrivalNanos = arrivalNanos;
        long arrivalPosition = samplesForNanos(arrivalNanos);
        long ts = rtpTimestamp & 0xFFFF_FFFFL;
        if (!anchored) {
            anchor(ts, grid(arrivalPosition));
            anchored = true;
        }
        long position = anchorPosition + (int) (ts - anchorTimestamp); // 32-bit wrap-aware
        long skew = arrivalPosition - position; // > 0: later than its timestamp says
        boolean reanchored = false;
        if (skew < -maxSkewSamples
                || (seqDistance > 0 && position + samples <= pendingEnd() && skew > maxSkewSamples)) {
            // Early beyond any network delay (the timestamps jumped ahead or the sender's clock runs fast), or the
            // newest packet yet with a place before what we already have (the timestamps jumped back): trust the
            // arrival clock.
            position = grid(arrivalPosition);
            reanchored = true;
        } else if (skew > maxSkewSamples) {
            if (!lateStreak) {
                lateStreak = true;
                lateStreakStartNanos = arrivalNanos;
                lateStreakMinSkew = skew;
            } else {
                lateStreakMinSkew = Math.min(lateStreakMinSkew, skew);
                if (arrivalNanos - lateStreakStartNanos >= maxSkewNanos) {
                    // Late for a whole skew's length: not a stall (whose catch-up burst ends the streak) but a timeline
                    // that fell behind. Move it by the smallest lateness seen, so no packet of the streak is early.
                    position += grid(lateStreakMinSkew);
                    reanchored = true;
                }
            }
        } else {
            lateStreak = false;
        }
        if (reanchored) {
            reanchors++;
            lateStreak = false;
        }
        if (reanchored || position > anchorPosition) {
            anchor(ts, position); // also keeps the 32-bit timestamp differences small on long calls
        }
        if (position + samples <= written) {
            late++;
            return TrackStatus.LATE;
        }
        if (!insert(data, offset, length, samples, position)) {
            duplicates++; // same place as a waiting packet: the same audio under another sequence number
            return TrackStatus.DUPLICATE;
        }
        while (pending > reorderWindow) {
            if (!emitFirst()) {
                return TrackStatus.FAILED;
            }
        }
        return TrackStatus.ACCEPTED;
    }

    /**
     * Writes out the packets waiting in the reordering window and closes the current page, if the track received
     * nothing for {@code idleNanos}: a voice that went quiet still reaches the disk. Cheap when there is nothing to
     * do.
     *
     * @return whether anything was written
     */
    public boolean flushIfIdle(long nowNanos, long idleNanos) {
        if (closed || writer.failure() != null || nowNanos - lastArrivalNanos < idleNanos) {
            return false;
        }
        boolean any = pending > 0;
        drain();
        return writer.flush() == WriteStatus.WRITTEN && any;
    }

    /** Writes out every packet waiting in the reordering window (at hang-up, before {@link #close(long)}). */
    public void drain() {
        while (pending > 0 && emitFirst()) {
            // emitFirst writes and frees the slot
        }
    }

    /**
     * Drains the window, pads the track with silence up to {@code endSamples} on the call's timeline (nothing if it is
     * already that long) and closes the file with the end-of-stream flag. Idempotent.
     *
     * @throws IOException if the last page could not be written
     */
    public void close(long endSamples) throws IOException {
        if (closed) {
            return;
        }
        drain();
        if (writer.failure() == null) {
            fillSilence(grid(endSamples) - written);
        }
        closed = true;
        writer.close();
    }

    /** {@link #close(long)} at the end of what was written. */
    @Override
    public void close() throws IOException {
        close(0);
    }

    /** The place on the call's timeline (48 kHz samples since the call start; 0 before it) of {@code nanos}. */
    public long samplesForNanos(long nanos) {
        return samplesOf(Math.max(0, nanos - callStartNanos));
    }

    /** Samples on the track: the end of what was written, after a {@link #drain()} the end of all that arrived. */
    public long samples() {
        return written;
    }

    /** Where the last packet waiting in the reordering window ends (or {@link #samples()} when none waits). */
    public long pendingEnd() {
        return pending == 0 ? written : slotPosition[order[pending - 1]] + slotSamples[order[pending - 1]];
    }

    /** When the last packet arrived ({@link System#nanoTime()}); the call start before any. */
    public long lastArrivalNanos() {
        return lastArrivalNanos;
    }

    /** The counters. */
    public TrackStats stats() {
        return new TrackStats(packets, silencePackets, silenceSamples, written, late, duplicates, invalid, reanchors);
    }

    /** The first write error, after which the track stopped; null while all is well. */
    public @Nullable IOException failure() {
        return writer.failure();
    }

    /** Whether the track was closed. */
    public boolean isClosed() {
        return closed;
    }

    private void anchor(long ts, long position) {
        anchorTimestamp = ts;
        anchorPosition = position;
    }

    /**
     * Marks the sequence number seen and says how far ahead of the newest it is (negative: behind), or
     * {@link Integer#MIN_VALUE} for one seen before.
     */
    private int seqDistance(int seq) {
        if (!seqStarted) {
            seqStarted = true;
            highestSeq = seq;
            seqSeen = 1;
            return 1;
        }
        int d = (short) (seq - highestSeq); // RFC 1982 serial arithmetic on 16 bits
        if (d > 0) {
            seqSeen = d >= SEQ_WINDOW ? 1 : (seqSeen << d) | 1;
            highestSeq = seq;
            return d;
        }
        if (-d < SEQ_WINDOW) {
            long bit = 1L << -d;
            if ((seqSeen & bit) != 0) {
                return Integer.MIN_VALUE;
            }
            seqSeen |= bit;
            return d;
        }
        if (-d > MAX_MISORDER) {
            // Far behind: the sender restarted its numbering (a straggler would not be that old).
            highestSeq = seq;
            seqSeen = 1;
            return 1;
        }
        return d; // old, outside the bit window: its place on the timeline decides
    }

    /** Copies the packet into a free slot, keeping the window sorted by position; false if one waits there already. */
    private boolean insert(byte[] data, int offset, int length, int samples, long position) {
        int i = pending;
        while (i > 0 && slotPosition[order[i - 1]] > position) {
            i--;
        }
        if (i > 0 && slotPosition[order[i - 1]] == position) {
            return false;
        }
        int slot = free[--freeCount];
        if (slotData[slot].length < length) {
            slotData[slot] = new byte[length]; // rare: a payload above an MTU
        }
        System.arraycopy(data, offset, slotData[slot], 0, length);
        slotLength[slot] = length;
        slotSamples[slot] = samples;
        slotPosition[slot] = position;
        System.arraycopy(order, i, order, i + 1, pending - i);
        order[i] = slot;
        pending++;
        return true;
    }

    /** Writes the earliest waiting packet after the silence before it; false once the file failed. */
    private boolean emitFirst() {
        int slot = order[0];
        System.arraycopy(order, 1, order, 0, pending - 1);
        pending--;
        free[freeCount++] = slot;
        long position = slotPosition[slot];
        int samples = slotSamples[slot];
        if (position + samples <= written) {
            late++; // overtaken while waiting, by a packet re-anchored onto its place
            return true;
        }
        // A small overlap (after a re-anchor) shifts the packet to the end of the track; the next gap absorbs it.
        if (!fillSilence(position - written)) {
            return false;
        }
        if (writer.append(slotData[slot], 0, slotLength[slot], samples) != WriteStatus.WRITTEN) {
            return false;
        }
        written += samples;
        packets++;
        return true;
    }

    /** Writes {@code samples} (rounded down to the grid; nothing if not positive) of silence. */
    private boolean fillSilence(long samples) {
        long left = grid(samples);
        while (left > 0) {
            int chunk = OpusPackets.silenceChunk(left);
            int length = OpusPackets.writeSilence(silence, 0, chunk);
            if (writer.append(silence, 0, length, chunk) != WriteStatus.WRITTEN) {
                return false;
            }
            written += chunk;
            left -= chunk;
            silencePackets++;
            silenceSamples += chunk;
        }
        return true;
    }

    private static long samplesOf(long nanos) {
        return Math.floorDiv(nanos, 125_000L) * 6 + Math.floorMod(nanos, 125_000L) * 6 / 125_000L; // × 48,000 / 10⁹
    }

    private static long grid(long samples) {
        return samples - Math.floorMod(samples, GRID);
    }

    /** Options of an {@link AlignedTrack}. */
    public static final class Builder {
        private final OggOpusWriter writer;
        private final long callStartNanos;
        private int reorderWindow = DEFAULT_REORDER_WINDOW;
        private Duration maxSkew = DEFAULT_MAX_SKEW;

        private Builder(OggOpusWriter writer, long callStartNanos) {
            this.writer = Objects.requireNonNull(writer, "writer");
            this.callStartNanos = callStartNanos;
        }

        /**
         * Packets held back to put reordered ones in their place: each adds one packet time (20 ms) to what reaches
         * the disk late and to what a crash can lose. 0 to 32; 4 by default.
         */
        public Builder reorderWindow(int packets) {
            this.reorderWindow = checkReorderWindow(packets);
            return this;
        }

        static int checkReorderWindow(int packets) {
            if (packets < 0 || packets > 32) {
                throw new IllegalArgumentException("reorder window must be 0 to 32 packets: " + packets);
            }
            return packets;
        }

        /**
         * How far the RTP timeline may stray from the arrival clock before it is re-anchored: more than the network's
         * worst jitter, less than an error anyone would hear in the alignment. 20 ms to 5 s; 200 ms by default.
         */
        public Builder maxSkew(Duration skew) {
            this.maxSkew = checkMaxSkew(skew);
            return this;
        }

        static Duration checkMaxSkew(Duration skew) {
            if (skew.compareTo(Duration.ofMillis(20)) < 0 || skew.compareTo(Duration.ofSeconds(5)) > 0) {
                throw new IllegalArgumentException("max skew must be between 20 ms and 5 s: " + skew);
            }
            return skew;
        }

        /** The track. */
        public AlignedTrack build() {
            return new AlignedTrack(this);
        }
    }
}
