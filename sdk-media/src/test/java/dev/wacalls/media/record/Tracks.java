package dev.wacalls.media.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Audio made and read at test time with FFmpeg itself, so that no audio is committed: mono Ogg Opus tracks like
 * the recorder's (a tone, optionally after some silence), and any file decoded back to 16-bit PCM per channel.
 *
 * <pre>{@code
 * Path recruiter = Tracks.tone(ffmpeg, dir.resolve("recruiter.opus"), 440, 5.0);
 * Tracks.Pcm pcm = Tracks.decode(ffmpeg, dir.resolve("recording.opus"));
 * assertThat(Tracks.toneRatio(pcm.channel(0), pcm.rate(), 440, 1000)).isGreaterThan(100);
 * }</pre>
 */
final class Tracks {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private Tracks() {}

    /**
     * A mono Ogg Opus track of a sine tone at FFmpeg's default amplitude (1/8 of full scale: RMS 0.088), encoded
     * with libopus like the recorder's.
     */
    static Path tone(Ffmpeg ffmpeg, Path file, int hz, double seconds) {
        return make(ffmpeg, file, "sine=frequency=" + hz + ":sample_rate=48000:duration=" + seconds);
    }

    /** A mono Ogg Opus track: {@code silence} seconds of silence, then {@code seconds} of a tone. */
    static Path toneAfter(Ffmpeg ffmpeg, Path file, double silence, int hz, double seconds) {
        String delayMs = String.format(Locale.ROOT, "%.0f", silence * 1000);
        return make(ffmpeg, file, "sine=frequency=" + hz + ":sample_rate=48000:duration=" + seconds
                + ",adelay=" + delayMs);
    }

    private static Path make(Ffmpeg ffmpeg, Path file, String source) {
        Ffmpeg.Result r = ffmpeg.run(List.of("-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi",
                "-i", source, "-c:a", "libopus", "-b:a", "32k", "-ac", "1", "-f", "ogg", "file:" + file), TIMEOUT);
        assertThat(r.exitCode()).as("ffmpeg making %s: %s", file, r.stderrTail()).isZero();
        return file;
    }

    /** Decoded 16-bit samples, one array per channel. */
    record Pcm(int rate, short[][] channels) {
        short[] channel(int i) {
            return channels[i];
        }

        double seconds() {
            return channels[0].length / (double) rate;
        }
    }

    /** Decodes any audio file FFmpeg reads into s16 PCM, keeping its channels and rate. */
    static Pcm decode(Ffmpeg ffmpeg, Path file) throws IOException {
        Path wav = Files.createTempFile("decoded", ".wav");
        try {
            Ffmpeg.Result r = ffmpeg.run(List.of("-nostdin", "-hide_banner", "-loglevel", "error", "-y",
                    "-i", "file:" + file, "-c:a", "pcm_s16le", "-f", "wav", "file:" + wav), TIMEOUT);
            assertThat(r.exitCode()).as("ffmpeg decoding %s: %s", file, r.stderrTail()).isZero();
            return readWav(Files.readAllBytes(wav));
        } finally {
            Files.deleteIfExists(wav);
        }
    }

    static Pcm readWav(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int pos = 12;
        int channels = 0;
        int rate = 0;
        while (pos + 8 <= bytes.length) {
            String id = new String(bytes, pos, 4, StandardCharsets.US_ASCII);
            int length = b.getInt(pos + 4);
            if (id.equals("fmt ")) {
                channels = b.getShort(pos + 10);
                rate = b.getInt(pos + 12);
            } else if (id.equals("data")) {
                int available = bytes.length - pos - 8;
                int dataBytes = length <= 0 || length > available ? available : length;
                int frames = dataBytes / (2 * channels);
                short[][] out = new short[channels][frames];
                for (int f = 0; f < frames; f++) {
                    for (int c = 0; c < channels; c++) {
                        out[c][f] = b.getShort(pos + 8 + (f * channels + c) * 2);
                    }
                }
                return new Pcm(rate, out);
            }
            pos += 8 + length + (length & 1);
        }
        throw new IllegalArgumentException("no data chunk");
    }

    /** Goertzel power of {@code hz} in {@code samples[from, to)}. */
    static double power(short[] samples, int from, int to, int rate, double hz) {
        double coefficient = 2 * Math.cos(2 * Math.PI * hz / rate);
        double s1 = 0;
        double s2 = 0;
        for (int i = from; i < to; i++) {
            double s = samples[i] / 32768.0 + coefficient * s1 - s2;
            s2 = s1;
            s1 = s;
        }
        return (s1 * s1 + s2 * s2 - coefficient * s1 * s2) / Math.max(1, to - from);
    }

    /** How many times more power {@code hz} has than {@code otherHz} over the whole channel. */
    static double toneRatio(short[] samples, int rate, double hz, double otherHz) {
        return power(samples, 0, samples.length, rate, hz) / (power(samples, 0, samples.length, rate, otherHz) + 1e-12);
    }

    /** Root mean square of {@code samples[from, to)}, full scale 1.0. */
    static double rms(short[] samples, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            double x = samples[i] / 32768.0;
            sum += x * x;
        }
        return Math.sqrt(sum / Math.max(1, to - from));
    }
}
