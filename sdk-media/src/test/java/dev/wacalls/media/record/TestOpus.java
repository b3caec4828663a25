package dev.wacalls.media.record;

import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.github.jaredmdobson.concentus.OpusException;
import java.util.ArrayList;
import java.util.Arrays;
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
            OpusEncoder enc = new OpusEncoder(RATE, 1, OpusApplication.OPUS_APPLICATION_AUDIO);
            enc.setBitrate(bitrate);
            int frames = (int) Math.round(seconds * RATE / FRAME);
            List<byte[]> out = new ArrayList<>(frames);
            short[] pcm = new short[FRAME];
            byte[] buf = new byte[1500];
            for (int f = 0; f < frames; f++) {
                for (int i = 0; i < FRAME; i++) {
                    long n = (long) f * FRAME + i;
                    pcm[i] = (short) Math.round(0.5 * Short.MAX_VALUE * Math.sin(2 * Math.PI * frequencyHz * n / RATE));
                }
                int len = enc.encode(pcm, 0, FRAME, buf, 0, buf.length);
                out.add(Arrays.copyOf(buf, len));
            }
            return out;
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
