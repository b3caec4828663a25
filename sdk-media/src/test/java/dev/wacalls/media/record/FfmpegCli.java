package dev.wacalls.media.record;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The system's ffmpeg and ffprobe (Debian package {@code ffmpeg}), as an independent reader of what the recorder
 * writes: if they decode a file, players will.
 *
 * <pre>{@code
 * short[] pcm = FfmpegCli.decode(file);                 // mono s16 at 48 kHz
 * double seconds = FfmpegCli.probeDurationSeconds(file);
 * }</pre>
 */
final class FfmpegCli {
    static final Path FFMPEG = Path.of("/usr/bin/ffmpeg");
    static final Path FFPROBE = Path.of("/usr/bin/ffprobe");

    private FfmpegCli() {}

    /** ffmpeg's output and exit code. */
    record Result(int exitCode, byte[] stdout, String stderr) {}

    static void requireInstalled() {
        if (!Files.isExecutable(FFMPEG) || !Files.isExecutable(FFPROBE)) {
            throw new IllegalStateException("the recording tests need ffmpeg and ffprobe in /usr/bin "
                    + "(Debian: apt-get install -y ffmpeg)");
        }
    }

    /** Decodes {@code file} to mono signed 16-bit samples at 48 kHz; fails the test on any decoder error. */
    static short[] decode(Path file) throws IOException, InterruptedException {
        Result r = run(List.of(FFMPEG.toString(), "-hide_banner", "-nostdin", "-v", "error", "-xerror", "-i",
                file.toString(), "-f", "s16le", "-ac", "1", "-ar", "48000", "-"));
        if (r.exitCode != 0 || !r.stderr.isBlank()) {
            throw new AssertionError("ffmpeg could not decode " + file + " cleanly (exit " + r.exitCode + "): "
                    + r.stderr);
        }
        ByteBuffer b = ByteBuffer.wrap(r.stdout).order(ByteOrder.LITTLE_ENDIAN);
        short[] samples = new short[r.stdout.length / 2];
        b.asShortBuffer().get(samples);
        return samples;
    }

    /** The stream's duration as ffprobe reports it (from the last granule position). */
    static double probeDurationSeconds(Path file) throws IOException, InterruptedException {
        Result r = run(List.of(FFPROBE.toString(), "-v", "error", "-show_entries", "stream=duration", "-of",
                "default=noprint_wrappers=1:nokey=1", file.toString()));
        String out = new String(r.stdout, StandardCharsets.UTF_8).trim();
        if (r.exitCode != 0 || !r.stderr.isBlank()) {
            throw new AssertionError("ffprobe rejected " + file + " (exit " + r.exitCode + "): " + r.stderr);
        }
        return Double.parseDouble(out);
    }

    /** Codec, channels and sample rate as ffprobe sees them, e.g. {@code opus,1,48000}. */
    static String probeStream(Path file) throws IOException, InterruptedException {
        Result r = run(List.of(FFPROBE.toString(), "-v", "error", "-show_entries",
                "stream=codec_name,channels,sample_rate", "-of", "csv=p=0", file.toString()));
        return new String(r.stdout, StandardCharsets.UTF_8).trim();
    }

    static Result run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(new ArrayList<>(command)).start();
        p.getOutputStream().close();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread drain = new Thread(() -> copy(p.getErrorStream(), err));
        drain.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        drain.join();
        return new Result(p.exitValue(), out, err.toString(StandardCharsets.UTF_8));
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try {
            in.transferTo(out);
        } catch (IOException e) {
            // the process died; its exit code tells
        }
    }
}
