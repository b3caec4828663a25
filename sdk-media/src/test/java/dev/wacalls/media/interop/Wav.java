package dev.wacalls.media.interop;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * 16-bit PCM WAV files, made and read at test time so that no audio is committed: a sine tone for Chromium's fake
 * microphone, and the reader for what ffmpeg decodes from a recording.
 *
 * <pre>{@code
 * byte[] tone = Wav.sine(440, 48_000, 1.0, 0.5);       // 1 s of 440 Hz at -6 dBFS, 48 kHz mono
 * Wav.Pcm pcm = Wav.read(tone);                           // pcm.sampleRate() == 48_000
 * }</pre>
 */
final class Wav {
    private Wav() {}

    /** Mono samples (channels averaged) at their sample rate. */
    record Pcm(int sampleRate, short[] samples) {
        double seconds() {
            return samples.length / (double) sampleRate;
        }
    }

    /**
     * A mono s16 sine tone. The length is rounded to a whole number of periods so that Chromium, which loops the
     * file, plays it without a click at the seam.
     */
    static byte[] sine(double frequencyHz, int sampleRate, double seconds, double amplitude) {
        if (frequencyHz <= 0 || frequencyHz >= sampleRate / 2.0) {
            throw new IllegalArgumentException("frequency must be in (0, " + sampleRate / 2 + ") Hz: " + frequencyHz);
        }
        long periods = Math.max(1, Math.round(seconds * frequencyHz));
        int count = (int) Math.round(periods * sampleRate / frequencyHz);
        short[] samples = new short[count];
        for (int i = 0; i < count; i++) {
            samples[i] = (short) Math.round(amplitude * Short.MAX_VALUE * Math.sin(2 * Math.PI * frequencyHz * i / sampleRate));
        }
        return write(sampleRate, samples);
    }

    static byte[] write(int sampleRate, short[] samples) {
        int dataBytes = samples.length * 2;
        ByteBuffer b = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + dataBytes).put("WAVE".getBytes(StandardCharsets.US_ASCII));
        b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16)
                .putShort((short) 1)            // PCM
                .putShort((short) 1)            // mono
                .putInt(sampleRate)
                .putInt(sampleRate * 2)         // byte rate
                .putShort((short) 2)            // block align
                .putShort((short) 16);          // bits per sample
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(dataBytes);
        for (short s : samples) {
            b.putShort(s);
        }
        return b.array();
    }

    /** Reads a 16-bit PCM WAV, skipping chunks it does not need (ffmpeg writes a LIST chunk before the data). */
    static Pcm read(byte[] wav) {
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        if (wav.length < 12 || !tag(b, 0).equals("RIFF") || !tag(b, 8).equals("WAVE")) {
            throw new IllegalArgumentException("not a RIFF/WAVE file (" + wav.length + " bytes)");
        }
        int channels = 0;
        int sampleRate = 0;
        int bits = 0;
        int pos = 12;
        while (pos + 8 <= wav.length) {
            String id = tag(b, pos);
            long size = Integer.toUnsignedLong(b.getInt(pos + 4));
            int body = pos + 8;
            if (id.equals("fmt ")) {
                int format = Short.toUnsignedInt(b.getShort(body));
                channels = b.getShort(body + 2);
                sampleRate = b.getInt(body + 4);
                bits = b.getShort(body + 14);
                if ((format != 1 && format != 0xFFFE) || bits != 16) {
                    throw new IllegalArgumentException("only 16-bit PCM is read, got format " + format + ", " + bits + " bits");
                }
            } else if (id.equals("data")) {
                if (channels == 0) {
                    throw new IllegalArgumentException("data chunk before fmt chunk");
                }
                // A streamed WAV may carry a placeholder size: take what is there.
                int end = (int) Math.min(wav.length, body + size);
                int frames = (end - body) / (2 * channels);
                short[] mono = new short[frames];
                for (int f = 0; f < frames; f++) {
                    int sum = 0;
                    for (int c = 0; c < channels; c++) {
                        sum += b.getShort(body + (f * channels + c) * 2);
                    }
                    mono[f] = (short) (sum / channels);
                }
                return new Pcm(sampleRate, mono);
            }
            pos = (int) Math.min(Integer.MAX_VALUE, body + size + (size & 1));
        }
        throw new IllegalArgumentException("no data chunk");
    }

    private static String tag(ByteBuffer b, int at) {
        byte[] t = new byte[4];
        b.get(at, t);
        return new String(t, StandardCharsets.US_ASCII);
    }
}
