package dev.wacalls.media.record;

import io.github.jaredmdobson.concentus.OpusException;
import java.util.List;

/**
 * Real Opus packets for the recorder's tests, encoded with the pure-Java Concentus codec (48 kHz mono, 20 ms).
 *
 * <pre>{@code
 * List<byte[]> tone = TestOpus.tone(440, 5.0);   // 250 packets
 * }</pre>
 */
final class TestOpus {
    static final int RATE = 48_000;
    static final int FRAME = 960;

    private TestOpus() {}

    /** A 440 Hz-style sine tone at -6 dBFS as 20 ms packets, continuous in phase across packets. */
    static List<byte[]> tone(double frequencyHz, double seconds) {
        return tone(frequencyHz, seconds, 32_000);
    }

    /** {@link #tone(double, double)} at {@code bitrate} bits/s (510,000 gives packets of over 1,000 bytes). */
    static List<byte[]> tone(double frequencyHz, double seconds, int bitrate) {
        try {
            return dev.wacalls.media.interop.OpusFrames.tone(frequencyHz, seconds, 0.5, bitrate);
        } catch (OpusException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RMS of {@code pcm[from, to)}, full scale 1.0. */
    static double rms(short[] pcm, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            double x = pcm[i] / 32768.0;
            sum += x * x;
        }
        return to > from ? Math.sqrt(sum / (to - from)) : 0;
    }
}
