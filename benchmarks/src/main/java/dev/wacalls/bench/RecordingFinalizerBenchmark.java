package dev.wacalls.bench;

import dev.wacalls.media.record.FinalizedRecording;
import dev.wacalls.media.record.Ffmpeg;
import dev.wacalls.media.record.RecordingFinalizer;
import dev.wacalls.recording.RecordingFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Post-call finalisation of one minute of call audio: two 60 s mono Ogg Opus tracks (a 440 Hz tone for the
 * recruiter, pink noise for the candidate, 32 kbit/s like a WebRTC call) become the stereo recording in
 * {@code format} plus the two 16 kHz speech WAVs, measured and hashed — one {@link RecordingFinalizer#finish} per
 * operation, so ms/op is milliseconds per minute of call. The target is 2 % of the call's length: 1,200 ms/op.
 * Most of it is FFmpeg's own work (decode, resample, encode) in a child process; {@code ffmpeg} picks jave's bundled
 * 4.4.1 static build or a system FFmpeg at that path.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar RecordingFinalizerBenchmark
 * java -jar benchmarks/target/benchmarks.jar RecordingFinalizerBenchmark -p ffmpeg=/usr/bin/ffmpeg -p format=OGG_OPUS
 * java -jar benchmarks/target/benchmarks.jar RecordingFinalizerBenchmark -p format=OGG_OPUS -p opusComplexity=10,5,3
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 8)
@Fork(1)
@Threads(1)
public class RecordingFinalizerBenchmark {
    private static final int CALL_SECONDS = 60;

    /** {@code bundled} for jave's FFmpeg, else the path of an FFmpeg executable. */
    @Param({"bundled", "/usr/bin/ffmpeg"})
    public String ffmpeg;

    @Param({"OGG_OPUS", "MP3", "WAV"})
    public RecordingFormat format;

    /** libopus complexity for OGG_OPUS (0 to 10); the finaliser's default is 10. */
    @Param({"10"})
    public int opusComplexity;

    private Path callFolder;
    private RecordingFinalizer finalizer;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Ffmpeg binary = ffmpeg.equals("bundled") ? Ffmpeg.bundled() : Ffmpeg.at(Path.of(ffmpeg));
        finalizer = RecordingFinalizer.builder().ffmpeg(binary).format(format).opusComplexity(opusComplexity).build();
        finalizer.check();
        callFolder = Files.createTempDirectory("wacalls-finalize-bench");
        // The tracks are made by the bundled FFmpeg whichever is measured, so every run reads the same input.
        Path maker = Ffmpeg.bundled().binary();
        track(maker, "sine=frequency=440:sample_rate=48000:duration=" + CALL_SECONDS,
                callFolder.resolve(RecordingFinalizer.RECRUITER_TRACK));
        track(maker, "anoisesrc=color=pink:amplitude=0.2:sample_rate=48000:duration=" + CALL_SECONDS,
                callFolder.resolve(RecordingFinalizer.CANDIDATE_TRACK));
        FinalizedRecording check = finalizer.finish(callFolder);
        if (Math.abs(check.duration().toMillis() - CALL_SECONDS * 1000L) > 100) {
            throw new IllegalStateException("the recording is " + check.duration() + " long, not " + CALL_SECONDS + " s");
        }
        System.out.printf("%n%s via %s: stereo %,d bytes, speech WAVs %,d bytes each, tracks %,d + %,d bytes%n",
                format, ffmpeg, check.stereo().sizeBytes(),
                Files.size(callFolder.resolve(RecordingFinalizer.RECRUITER_SPEECH)),
                Files.size(callFolder.resolve(RecordingFinalizer.RECRUITER_TRACK)),
                Files.size(callFolder.resolve(RecordingFinalizer.CANDIDATE_TRACK)));
    }

    private static void track(Path ffmpeg, String source, Path out) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(ffmpeg.toString(), "-nostdin", "-v", "error", "-y", "-f", "lavfi",
                "-i", source, "-c:a", "libopus", "-b:a", "32k", "-ac", "1", "-f", "ogg", out.toString()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("ffmpeg could not make " + out);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (Stream<Path> files = Files.walk(callFolder)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Benchmark
    public FinalizedRecording finishOneMinute() {
        return finalizer.finish(callFolder);
    }
}
