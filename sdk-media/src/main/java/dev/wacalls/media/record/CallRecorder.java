package dev.wacalls.media.record;

import dev.wacalls.media.bridge.LegBridge;
import dev.wacalls.media.leg.WebRtcLeg;
import dev.wacalls.media.rtp.PacketBuffer;
import dev.wacalls.media.rtp.RtpPacket;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a bridged call: the {@link LegBridge.Tap} of both directions, each direction one speaker's
 * {@link AlignedTrack} in its own Ogg Opus file ({@code recruiter.opus}, {@code candidate.opus}), both on the call's
 * clock, plus the {@linkplain RecordingManifest manifest} {@code .recorder.json} that says whose call it is and
 * whether the recording was finished.
 *
 * <pre>{@code
 * CallRecorder recorder = CallRecorder.builder(callId, recordingsRoot.resolve(callId))
 *         .legA(Speaker.CANDIDATE)                // the bridge's leg A is the WhatsApp leg
 *         .legs(whatsAppLeg, browserLeg)          // which payload type is Opus in each direction
 *         .start();                               // the call's second 0
 * try (LegBridge bridge = LegBridge.builder(whatsAppLeg, browserLeg)
 *         .tap(LegBridge.Direction.A_TO_B, recorder)
 *         .tap(LegBridge.Direction.B_TO_A, recorder)
 *         .start()) {
 *     // ... the call ...
 * }
 * recorder.close();                               // both tracks end together; the manifest says "closed"
 * if (!recorder.failures().isEmpty()) {
 *     log.warn("recording incomplete: {}", recorder.failures());
 * }
 * }</pre>
 *
 * <h2>On the packet path</h2>
 * The tap runs on each leg's I/O thread. It copies the Opus payload into the track's reordering window (and, every
 * 250 ms of audio, writes a page to the file); it allocates nothing, never throws and never waits for anything but the
 * track's own lock, which only {@link #close()} and the idle flush below contend for. Packets of other payload types
 * ({@code telephone-event}) are {@linkplain #ignored counted and ignored}. A track whose file cannot be written (a
 * full disk) stops, keeps what it wrote, and reports the error in {@link #failures()}; the call goes on, and so does
 * the other track. Any other exception is caught, counted and reported the same way: the tap contract is that the
 * call must not notice the recorder.
 *
 * <p>A speaker who goes quiet (muted, or on hold) would leave its last packets waiting in memory. There is no timer:
 * each packet of one direction checks whether the other direction's track has been idle for a second and, if so,
 * flushes it; {@link #flushIdle(long)} does the same for an engine-wide housekeeping timer, if there is one.
 *
 * <p>Crash safety: each file holds everything up to at most one page (250 ms) plus the reordering window (80 ms)
 * before the crash. The manifest stays in state {@code recording}; {@link UnfinishedRecordings} finds it and
 * {@link OggRecovery} finishes the files.
 */
public final class CallRecorder implements LegBridge.Tap, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CallRecorder.class);

    private final String callId;
    private final Path directory;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final long idleNanos;
    private final long callStartNanos;
    private final Lane aToB;
    private final Lane bToA;
    private final List<RecorderFailure> failures = new CopyOnWriteArrayList<>();
    private volatile RecordingManifest manifest;
    private final RecordingLock lock;
    private volatile boolean closed;

    /** One direction: the speaker on its source leg, their track, and what the tap saw. */
    private static final class Lane {
        final Speaker speaker;
        final IntSupplier opusPayloadType;
        final AlignedTrack track;
        final Path file;
        // Written under the lane's lock (by the one I/O thread of the direction, or by close): read for monitoring.
        volatile long lastOfferNanos;
        volatile boolean flushedIdle = true;
        long ignored;
        long internalErrors;
        boolean failureReported;

        Lane(Speaker speaker, IntSupplier opusPayloadType, AlignedTrack track, Path file) {
            this.speaker = speaker;
            this.opusPayloadType = opusPayloadType;
            this.track = track;
            this.file = file;
        }
    }

    /** Why a track stopped early, or what else went wrong inside the recorder. */
    public record RecorderFailure(Speaker speaker, Throwable cause) {
        @Override
        public String toString() {
            return speaker.name().toLowerCase(java.util.Locale.ROOT) + ": " + cause;
        }
    }

    private CallRecorder(Builder b, RecordingManifest manifest, long callStartNanos, AlignedTrack aTrack,
            AlignedTrack bTrack, RecordingLock lock) {
        this.lock = lock;
        this.callId = b.callId;
        this.directory = b.directory;
        this.clock = b.clock;
        this.nanoTime = b.nanoTime;
        this.idleNanos = b.idleFlush.toNanos();
        this.callStartNanos = callStartNanos;
        this.manifest = manifest;
        Speaker a = b.legA;
        this.aToB = new Lane(a, b.aToBPayloadType, aTrack, directory.resolve(a.fileName()));
        this.bToA = new Lane(a.other(), b.bToAPayloadType, bTrack, directory.resolve(a.other().fileName()));
        aToB.lastOfferNanos = callStartNanos;
        bToA.lastOfferNanos = callStartNanos;
    }

    /** A builder recording call {@code callId} into {@code directory} (created if missing; one directory per call). */
    public static Builder builder(String callId, Path directory) {
        return new Builder(callId, directory);
    }

    /**
     * The tap: hands the packet's Opus payload to the direction's track. Never throws, never blocks on I/O other
     * than the page write of the track itself.
     */
    @Override
    public void onForwarded(LegBridge.Direction direction, PacketBuffer packet) {
        if (closed) {
            return; // close() holds the lanes while it ends the files: an I/O thread must not wait for that
        }
        Lane lane = direction == LegBridge.Direction.A_TO_B ? aToB : bToA;
        try {
            long now = nanoTime.getAsLong();
            byte[] a = packet.array();
            int off = packet.offset();
            int len = packet.length();
            synchronized (lane) {
                if (len < RtpPacket.FIXED_HEADER_LENGTH
                        || RtpPacket.payloadType(a, off) != lane.opusPayloadType.getAsInt()) {
                    lane.ignored++; // telephone-event (RFC 4733) and anything else that is not the voice
                } else if (lane.track.offerRtp(a, off, len, now) == TrackStatus.FAILED) {
                    reportTrackFailure(lane);
                }
                lane.lastOfferNanos = now;
                lane.flushedIdle = false;
            }
            Lane other = lane == aToB ? bToA : aToB;
            if (!other.flushedIdle && now - other.lastOfferNanos >= idleNanos) {
                flushIfIdle(other, now);
            }
        } catch (RuntimeException e) {
            internalError(lane, e);
        }
    }

    /**
     * Writes out what a track that has been quiet for the idle time (1 s by default) still holds in memory. The tap
     * does this for the other direction as packets flow; call it from a housekeeping timer to cover a call where both
     * sides went quiet. Never throws.
     */
    public void flushIdle(long nowNanos) {
        if (closed) {
            return;
        }
        for (Lane lane : new Lane[] {aToB, bToA}) {
            try {
                if (!lane.flushedIdle && nowNanos - lane.lastOfferNanos >= idleNanos) {
                    flushIfIdle(lane, nowNanos);
                }
            } catch (RuntimeException e) {
                internalError(lane, e);
            }
        }
    }

    private void flushIfIdle(Lane lane, long now) {
        synchronized (lane) {
            if (lane.flushedIdle) {
                return;
            }
            lane.track.flushIfIdle(now, idleNanos);
            lane.flushedIdle = true;
            if (lane.track.failure() != null) {
                reportTrackFailure(lane);
            }
        }
    }

    /**
     * Ends the recording now: both tracks are written out, padded with silence to the same length — the call's end
     * — and closed; the manifest says {@code closed}, with the duration and any failures. Packets the tap sees
     * afterwards are ignored. Idempotent.
     *
     * @throws IOException if the manifest could not be written (the tracks' own errors are in {@link #failures()})
     */
    @Override
    public void close() throws IOException {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        long now = nanoTime.getAsLong();
        long end;
        try {
            synchronized (aToB) {
                synchronized (bToA) {
                    drain(aToB);
                    drain(bToA);
                    // A packet may sit up to the max skew past its arrival: the longer track sets the common end.
                    end = Math.max(aToB.track.samplesForNanos(now),
                            Math.max(aToB.track.samples(), bToA.track.samples()));
                    closeTrack(aToB, end);
                    closeTrack(bToA, end);
                }
            }
            repairIfFailed(aToB);
            repairIfFailed(bToA);
            List<String> problems = new ArrayList<>();
            failures.forEach(f -> problems.add(f.toString()));
            RecordingManifest done = manifest.ended(RecordingManifest.State.CLOSED, clock.instant(),
                    (end - end % OpusPackets.MIN_FRAME_SAMPLES) / 48, problems);
            done.writeTo(directory);
            manifest = done;
        } finally {
            lock.release();
        }
    }

    private void drain(Lane lane) {
        try {
            lane.track.drain();
            reportTrackFailure(lane); // a page that failed while draining
        } catch (RuntimeException e) {
            internalError(lane, e);
        }
    }

    /**
     * A track that stopped (a full disk) ends in a half-written page without end-of-stream, and the manifest is about
     * to say "closed", so no later recovery would look at it: finish it now, as a crash recovery would.
     */
    private void repairIfFailed(Lane lane) {
        if (lane.track.failure() == null) {
            return;
        }
        try {
            OggRecovery.Result r = OggRecovery.recover(lane.file);
            log.info("call {}: the {} track was cut at its last good page: {}", callId,
                    lane.speaker.name().toLowerCase(java.util.Locale.ROOT), r);
        } catch (IOException | RuntimeException e) {
            log.warn("call {}: could not repair the {} track", callId, lane.speaker, e);
        }
    }

    private void closeTrack(Lane lane, long end) {
        try {
            lane.track.close(end);
        } catch (IOException e) {
            // The last page or the EOS flag did not make it (the writer keeps the error as its failure); the file
            // ends at its last complete page, which OggRecovery can finish.
            reportTrackFailure(lane);
        } catch (RuntimeException e) {
            internalError(lane, e);
        }
    }

    /** Called under the lane's lock. */
    private void reportTrackFailure(Lane lane) {
        if (lane.failureReported) {
            return;
        }
        IOException cause = lane.track.failure();
        if (cause == null) {
            return;
        }
        lane.failureReported = true;
        failures.add(new RecorderFailure(lane.speaker, cause));
        log.warn("call {}: the {} track stopped at {} ms, the rest of the call is not recorded for this voice",
                callId, lane.speaker.name().toLowerCase(java.util.Locale.ROOT), lane.track.samples() / 48, cause);
    }

    private void internalError(Lane lane, RuntimeException e) {
        long n;
        synchronized (lane) {
            n = lane.internalErrors++;
        }
        if (n == 0) {
            failures.add(new RecorderFailure(lane.speaker, e));
            log.error("call {}: recorder bug on the {} track; further errors are only counted", callId,
                    lane.speaker, e);
        }
    }

    /** The call's id. */
    public String callId() {
        return callId;
    }

    /** The directory holding the tracks and the manifest. */
    public Path directory() {
        return directory;
    }

    /** The file of {@code speaker}'s track. */
    public Path file(Speaker speaker) {
        return lane(speaker).file;
    }

    /** The manifest as last written. */
    public RecordingManifest manifest() {
        return manifest;
    }

    /** {@link System#nanoTime()} at the call's start: second 0 of both tracks. */
    public long callStartNanos() {
        return callStartNanos;
    }

    /** The counters of {@code speaker}'s track. */
    public TrackStats stats(Speaker speaker) {
        Lane lane = lane(speaker);
        synchronized (lane) {
            return lane.track.stats();
        }
    }

    /** Packets of {@code speaker}'s direction that were not Opus ({@code telephone-event}, …) and were ignored. */
    public long ignored(Speaker speaker) {
        Lane lane = lane(speaker);
        synchronized (lane) {
            return lane.ignored;
        }
    }

    /** Tracks that stopped early and other errors inside the recorder, in order; empty when all went well. */
    public List<RecorderFailure> failures() {
        return List.copyOf(failures);
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    private Lane lane(Speaker speaker) {
        return aToB.speaker == speaker ? aToB : bToA;
    }

    @Override
    public String toString() {
        return "CallRecorder[" + callId + ", " + directory + (closed ? ", closed" : "") + "]";
    }

    /** Opens a track's file; a seam for tests that need a file system that fails. */
    @FunctionalInterface
    interface ChannelOpener {
        FileChannel open(Path file) throws IOException;
    }

    /** Options of a {@link CallRecorder}; {@link #start()} creates the files and marks the call's second 0. */
    public static final class Builder {
        private final String callId;
        private final Path directory;
        private Speaker legA = Speaker.CANDIDATE;
        private IntSupplier aToBPayloadType = () -> 111;
        private IntSupplier bToAPayloadType = () -> 111;
        private int reorderWindow = AlignedTrack.DEFAULT_REORDER_WINDOW;
        private Duration maxSkew = AlignedTrack.DEFAULT_MAX_SKEW;
        private Duration maxPageDuration = OggOpusWriter.DEFAULT_MAX_PAGE_DURATION;
        private FsyncPolicy fsync = FsyncPolicy.NONE;
        private java.util.concurrent.@Nullable Executor io;
        private Duration idleFlush = Duration.ofSeconds(1);
        private Clock clock = Clock.systemUTC();
        private LongSupplier nanoTime = System::nanoTime;
        private long callStartNanos;
        private @Nullable Instant callStartedAt;
        private ChannelOpener opener =
                file -> FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);

        private Builder(String callId, Path directory) {
            this.callId = Objects.requireNonNull(callId, "callId");
            this.directory = Objects.requireNonNull(directory, "directory");
        }

        /**
         * Who is on the bridge's leg A (the other speaker is on leg B): packets {@code A_TO_B} are that speaker's
         * voice. {@link Speaker#CANDIDATE} by default, as in {@code LegBridge.builder(whatsAppLeg, browserLeg)}.
         */
        public Builder legA(Speaker speaker) {
            this.legA = Objects.requireNonNull(speaker, "speaker");
            return this;
        }

        /**
         * The Opus payload type of the packets the tap sees in each direction. The bridge has already mapped them to
         * the <em>receiving</em> leg's numbering, so {@code A_TO_B} carries leg B's Opus payload type. 111 both ways
         * by default (Meta and Chromium); suppliers are read per packet, so a leg negotiated later is picked up.
         */
        public Builder opusPayloadTypes(IntSupplier aToB, IntSupplier bToA) {
            this.aToBPayloadType = Objects.requireNonNull(aToB, "aToB");
            this.bToAPayloadType = Objects.requireNonNull(bToA, "bToA");
            return this;
        }

        /** {@link #opusPayloadTypes} from the two legs the bridge joins, {@code a} and {@code b} in its order. */
        public Builder legs(WebRtcLeg a, WebRtcLeg b) {
            return opusPayloadTypes(b::opusPayloadType, a::opusPayloadType);
        }

        /** See {@link AlignedTrack.Builder#reorderWindow}; 4 packets by default. */
        public Builder reorderWindow(int packets) {
            this.reorderWindow = AlignedTrack.Builder.checkReorderWindow(packets);
            return this;
        }

        /** See {@link AlignedTrack.Builder#maxSkew}; 200 ms by default. */
        public Builder maxSkew(Duration skew) {
            this.maxSkew = AlignedTrack.Builder.checkMaxSkew(skew);
            return this;
        }

        /** See {@link OggOpusWriter.Builder#maxPageDuration}; 250 ms by default. */
        public Builder maxPageDuration(Duration duration) {
            this.maxPageDuration = OggOpusWriter.Builder.checkPageDuration(duration);
            return this;
        }

        /** See {@link FsyncPolicy}; {@link FsyncPolicy#NONE} by default. */
        public Builder fsync(FsyncPolicy policy) {
            this.fsync = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Writes the tracks' pages on {@code io}, so the I/O threads that carry the call never wait for the disk
         * (see {@link OggOpusWriter.Builder#io}); the engine's recorders use its recorder thread. Default: pages are
         * written by the thread that hands over the packet.
         */
        public Builder ioExecutor(java.util.concurrent.Executor io) {
            this.io = Objects.requireNonNull(io, "io");
            return this;
        }

        /** How long a track may receive nothing before what it holds is written out; 1 s by default. */
        public Builder idleFlush(Duration idle) {
            if (idle.isNegative() || idle.isZero()) {
                throw new IllegalArgumentException("idle flush must be positive: " + idle);
            }
            this.idleFlush = idle;
            return this;
        }

        /** The wall clock of the manifest's times; the system clock (UTC) by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The monotonic clock of packet arrivals; {@link System#nanoTime()} by default (tests pass their own). */
        public Builder nanoTime(LongSupplier nanoTime) {
            this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
            return this;
        }

        /**
         * When the call started, if not when {@link #start()} is called: e.g. when it was answered, so that the
         * tracks begin there. {@code nanoTime} is on the {@linkplain #nanoTime monotonic clock} of packet arrivals,
         * {@code wallClock} the same instant for the manifest.
         */
        public Builder callStart(long nanoTime, Instant wallClock) {
            this.callStartNanos = nanoTime;
            this.callStartedAt = Objects.requireNonNull(wallClock, "wallClock");
            return this;
        }

        Builder channelOpener(ChannelOpener opener) {
            this.opener = Objects.requireNonNull(opener, "opener");
            return this;
        }

        /**
         * Creates the directory (if needed), writes the manifest in state {@code recording} and both files' headers,
         * and starts the call's clock: now (or the {@linkplain #callStart given start}) is second 0 of both tracks.
         *
         * @throws java.nio.file.FileAlreadyExistsException if a track file already exists (a recording is never
         *     overwritten)
         * @throws IOException if the directory or files cannot be written
         */
        public CallRecorder start() throws IOException {
            Files.createDirectories(directory);
            Instant startedAt = callStartedAt != null ? callStartedAt : clock.instant();
            long startNanos = callStartedAt != null ? callStartNanos : nanoTime.getAsLong();
            RecordingManifest manifest = RecordingManifest.started(callId, startedAt);
            // Held for the whole recording: a recovery elsewhere (another replica on a shared volume, where process
            // ids mean nothing) sees the lock and leaves a live recording alone.
            RecordingLock lock = RecordingLock.acquire(directory);
            List<AlignedTrack> opened = new ArrayList<>(2);
            try {
                opened.add(openTrack(legA, startNanos, startedAt));
                opened.add(openTrack(legA.other(), startNanos, startedAt));
                manifest.writeTo(directory);
                return new CallRecorder(this, manifest, startNanos, opened.get(0), opened.get(1), lock);
            } catch (IOException | RuntimeException e) {
                lock.release();
                // Leave nothing half made: a retry must be able to create the files again.
                for (int i = 0; i < opened.size(); i++) {
                    Speaker speaker = i == 0 ? legA : legA.other();
                    try {
                        opened.get(i).close();
                        Files.deleteIfExists(directory.resolve(speaker.fileName()));
                    } catch (IOException suppressed) {
                        e.addSuppressed(suppressed);
                    }
                }
                throw e;
            }
        }

        private AlignedTrack openTrack(Speaker speaker, long startNanos, Instant startedAt) throws IOException {
            Path file = directory.resolve(speaker.fileName());
            java.nio.channels.FileChannel channel = opener.open(file);
            try {
                return openTrack(speaker, startNanos, startedAt, channel);
            } catch (IOException | RuntimeException e) {
                // The file exists but its headers did not make it: remove it, or a retry would find it and refuse.
                try {
                    channel.close();
                    Files.deleteIfExists(file);
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        }

        private AlignedTrack openTrack(Speaker speaker, long startNanos, Instant startedAt,
                java.nio.channels.FileChannel channel) throws IOException {
            OggOpusWriter.Builder wb = OggOpusWriter.builder();
            if (io != null) {
                wb.io(io, PageSink.DEFAULT_MAX_QUEUED_BYTES);
            }
            OggOpusWriter writer = wb
                    .comment("WACALLS_CALL_ID", callId)
                    .comment("WACALLS_SPEAKER", speaker.name().toLowerCase(java.util.Locale.ROOT))
                    .comment("DATE", startedAt.toString())
                    .maxPageDuration(maxPageDuration)
                    .fsync(fsync)
                    .open(channel);
            return AlignedTrack.builder(writer, startNanos).reorderWindow(reorderWindow).maxSkew(maxSkew).build();
        }
    }
}
