package dev.wacalls.bench;

import dev.wacalls.media.bridge.LegBridge;
import dev.wacalls.media.record.AlignedTrack;
import dev.wacalls.media.record.CallRecorder;
import dev.wacalls.media.record.OggOpusWriter;
import dev.wacalls.media.record.TrackStatus;
import dev.wacalls.media.record.WriteStatus;
import dev.wacalls.media.rtp.PacketBuffer;
import dev.wacalls.media.rtp.RtpPacket;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The recorder's cost per packet on the leg's I/O thread, writing real files in a temporary directory (the page
 * cache; no fsync). One operation is one packet; the packets are 20 ms CELT frames of 80 bytes (32 kbit/s) in RTP
 * with a 12-byte header, in order, one every 20 ms of a simulated clock.
 *
 * <ul>
 *   <li>{@code tap}: {@link CallRecorder#onForwarded} as the bridge calls it, alternating the two directions: payload
 *       type check, the lane's lock, {@link AlignedTrack} (reordering window, timeline), the page buffer and, every
 *       250 ms of audio, a page's CRC and {@code write(2)}.</li>
 *   <li>{@code track}: one {@link AlignedTrack} alone, without the recorder's lock and payload-type check.</li>
 *   <li>{@code writer}: one {@link OggOpusWriter} alone: the page buffer, CRC and writes.</li>
 * </ul>
 *
 * Files are replaced every 2<sup>20</sup> packets (about 100 MB, 5.8 hours of one voice) so that a run does not fill
 * the disk; closing and deleting them is inside the measurement, amortised over those packets (a few ns/op).
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar RecorderBenchmark -f 1 -wi 3 -w 1s -i 5 -r 1s -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(1)
public class RecorderBenchmark {
    private static final int ROTATE = 1 << 20;
    private static final long FRAME_NANOS = 20_000_000L;
    private static final int PAYLOAD = 80;

    private Path root;
    private PacketBuffer packet;
    private byte[] opus;
    private long now;
    private int seq;
    private int files;
    private int sinceRotation;

    /** {@code direct}: pages written by the packet's thread; {@code queued}: handed to an I/O thread (the engine's). */
    @org.openjdk.jmh.annotations.Param({"direct", "queued"})
    public String pageWrites;

    private java.util.concurrent.ExecutorService io;
    private CallRecorder recorder;
    private AlignedTrack track;
    private OggOpusWriter writer;
    private long failures;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        root = Files.createTempDirectory("wacalls-recorder-bench");
        SplittableRandom random = new SplittableRandom(1);
        opus = new byte[PAYLOAD];
        for (int i = 0; i < PAYLOAD; i++) {
            opus[i] = (byte) random.nextInt(256);
        }
        opus[0] = (byte) 0xF8; // CELT fullband 20 ms, one frame
        packet = new PacketBuffer(1500, 64);
        byte[] rtp = new byte[12 + PAYLOAD];
        RtpPacket.writeHeader(rtp, 0, false, 111, 0, 0, 0x2A2A2A2A);
        System.arraycopy(opus, 0, rtp, 12, PAYLOAD);
        packet.copyFrom(rtp, 0, rtp.length);
        now = 1_000_000_000L;
        io = java.util.concurrent.Executors.newSingleThreadExecutor();
        open();
    }

    private void open() throws IOException {
        Path dir = root.resolve("call-" + files++);
        long start = now;
        CallRecorder.Builder rb = CallRecorder.builder("wacid.BENCH" + files, dir).nanoTime(() -> now);
        OggOpusWriter.Builder tb = OggOpusWriter.builder();
        OggOpusWriter.Builder wb = OggOpusWriter.builder();
        if (pageWrites.equals("queued")) {
            rb.ioExecutor(io);
            tb.io(io, 256 * 1024);
            wb.io(io, 256 * 1024);
        }
        recorder = rb.start();
        track = AlignedTrack.builder(tb.open(dir.resolve("track.opus")), start).build();
        writer = wb.open(dir.resolve("writer.opus"));
    }

    private void rotate() throws IOException {
        recorder.close();
        track.close();
        writer.close();
        deleteTree(root);
        Files.createDirectories(root);
        open();
        sinceRotation = 0;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        recorder.close();
        track.close();
        writer.close();
        if (failures != 0 || !recorder.failures().isEmpty()) {
            throw new IllegalStateException(failures + " packets refused; " + recorder.failures());
        }
        deleteTree(root);
        io.shutdownNow();
    }

    /** Advances the simulated clock by {@code nanos} and stamps sequence number {@code k} and its timestamp. */
    private void advance(long nanos) throws IOException {
        if (++sinceRotation == ROTATE) {
            rotate();
        }
        seq++;
        now += nanos;
    }

    private void stamp(int k) {
        RtpPacket.setSequenceNumber(packet.array(), packet.offset(), k);
        RtpPacket.setTimestamp(packet.array(), packet.offset(), 960L * k);
    }

    @Benchmark
    public int tap() throws IOException {
        advance(FRAME_NANOS / 2); // two directions, each a packet every 20 ms
        stamp(seq >>> 1);
        recorder.onForwarded((seq & 1) == 0 ? LegBridge.Direction.A_TO_B : LegBridge.Direction.B_TO_A, packet);
        return seq;
    }

    @Benchmark
    public TrackStatus track() throws IOException {
        advance(FRAME_NANOS);
        stamp(seq);
        TrackStatus s = track.offerRtp(packet.array(), packet.offset(), packet.length(), now);
        if (s != TrackStatus.ACCEPTED) {
            failures++;
        }
        return s;
    }

    @Benchmark
    public WriteStatus writer() throws IOException {
        advance(FRAME_NANOS);
        WriteStatus s = writer.writePacket(opus, 0, PAYLOAD);
        if (s != WriteStatus.WRITTEN) {
            failures++;
        }
        return s;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
