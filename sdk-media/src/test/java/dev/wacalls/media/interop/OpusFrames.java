package dev.wacalls.media.interop;

import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.github.jaredmdobson.concentus.OpusException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Opus frames for peers that cannot encode themselves, with the pure-Java Concentus codec (48 kHz mono, 20 ms). */
public final class OpusFrames {
    static final int RATE = 48_000;
    static final int FRAME = 960; // 20 ms

    private OpusFrames() {}

    /** A sine tone as 20 ms Opus frames; a whole number of seconds loops without a seam for integer frequencies. */
    static List<byte[]> tone(double frequencyHz, double seconds, double amplitude) throws OpusException {
        return tone(frequencyHz, seconds, amplitude, 64_000);
    }

    /** {@link #tone(double, double, double)} at {@code bitrate} bits/s; shared with the recorder's tests. */
    public static List<byte[]> tone(double frequencyHz, double seconds, double amplitude, int bitrate)
            throws OpusException {
        OpusEncoder enc = new OpusEncoder(RATE, 1, OpusApplication.OPUS_APPLICATION_AUDIO);
        enc.setBitrate(bitrate);
        int frames = (int) Math.round(seconds * RATE / FRAME);
        List<byte[]> out = new ArrayList<>(frames);
        short[] pcm = new short[FRAME];
        byte[] buf = new byte[1500];
        for (int f = 0; f < frames; f++) {
            for (int i = 0; i < FRAME; i++) {
                long n = (long) f * FRAME + i;
                pcm[i] = (short) Math.round(amplitude * Short.MAX_VALUE * Math.sin(2 * Math.PI * frequencyHz * n / RATE));
            }
            int len = enc.encode(pcm, 0, FRAME, buf, 0, buf.length);
            out.add(Arrays.copyOf(buf, len));
        }
        return out;
    }

    /** Decodes frames in order into mono 48 kHz PCM, skipping the first {@code skip} (decoder and loop warm-up). */
    static Wav.Pcm decode(List<byte[]> frames, int skip) throws OpusException {
        OpusDecoder dec = new OpusDecoder(RATE, 1);
        short[] all = new short[Math.max(0, frames.size() - skip) * FRAME * 3]; // a frame may be up to 60 ms
        short[] pcm = new short[FRAME * 6];
        int at = 0;
        for (int i = 0; i < frames.size(); i++) {
            byte[] f = frames.get(i);
            int n = dec.decode(f, 0, f.length, pcm, 0, pcm.length, false);
            if (i >= skip) {
                System.arraycopy(pcm, 0, all, at, n);
                at += n;
            }
        }
        return new Wav.Pcm(RATE, Arrays.copyOf(all, at));
    }
}
