package dev.wacalls.media.interop;

import org.jspecify.annotations.Nullable;

/**
 * Measures received audio well enough to tell which tone arrived and that it was not silence: RMS level, the
 * dominant frequency (Welch-averaged FFT with a Hann window, refined by parabolic interpolation) and the share of
 * the power that lies near a given frequency.
 *
 * <pre>{@code
 * AudioAnalysis a = AudioAnalysis.ofWav(peer.stopRecordingRemoteAsWav());
 * assertThat(a.dominantFrequencyHz()).isCloseTo(1000, within(5.0));
 * assertThat(a.rmsDbfs()).isGreaterThan(-30);
 * }</pre>
 */
final class AudioAnalysis {
    /** 8192 samples: 5.9 Hz bins at 48 kHz, refined to well under a hertz for a steady tone. */
    private static final int SEGMENT = 8192;

    private final Wav.Pcm pcm;
    private double @Nullable [] spectrum; // averaged power per bin, computed on first use

    private AudioAnalysis(Wav.Pcm pcm) {
        this.pcm = pcm;
    }

    static AudioAnalysis ofWav(byte[] wav) {
        return new AudioAnalysis(Wav.read(wav));
    }

    static AudioAnalysis of(Wav.Pcm pcm) {
        return new AudioAnalysis(pcm);
    }

    int sampleRate() {
        return pcm.sampleRate();
    }

    double seconds() {
        return pcm.seconds();
    }

    /** Root mean square of the samples, full scale = 1.0 (a full-scale sine is 0.707). */
    double rms() {
        short[] s = pcm.samples();
        if (s.length == 0) {
            return 0;
        }
        double sum = 0;
        for (short v : s) {
            double x = v / 32768.0;
            sum += x * x;
        }
        return Math.sqrt(sum / s.length);
    }

    /** {@link #rms()} in dB relative to full scale; negative infinity for digital silence. */
    double rmsDbfs() {
        return 20 * Math.log10(rms());
    }

    /** The frequency with the most power in the whole signal, in Hz. */
    double dominantFrequencyHz() {
        return dominantFrequencyHz(20, sampleRate() / 2.0);
    }

    /** The frequency with the most power between {@code minHz} and {@code maxHz}, in Hz. */
    double dominantFrequencyHz(double minHz, double maxHz) {
        double[] p = spectrum();
        double binHz = sampleRate() / (double) SEGMENT;
        int lo = Math.max(1, (int) Math.ceil(minHz / binHz));
        int hi = Math.min(p.length - 2, (int) Math.floor(maxHz / binHz));
        int peak = lo;
        for (int k = lo; k <= hi; k++) {
            if (p[k] > p[peak]) {
                peak = k;
            }
        }
        // Parabolic interpolation on the log power of the peak and its neighbours (exact enough for a Hann window).
        double a = Math.log(p[peak - 1] + 1e-30);
        double b = Math.log(p[peak] + 1e-30);
        double c = Math.log(p[peak + 1] + 1e-30);
        double denominator = a - 2 * b + c;
        double offset = denominator == 0 ? 0 : 0.5 * (a - c) / denominator;
        return (peak + offset) * binHz;
    }

    /**
     * The share (0..1) of the signal's power within {@code ±bandwidthHz} of {@code frequencyHz}: near 1 for a clean
     * tone at that frequency, near 0 for another tone or noise.
     */
    double powerShareNear(double frequencyHz, double bandwidthHz) {
        double[] p = spectrum();
        double binHz = sampleRate() / (double) SEGMENT;
        double total = 0;
        double near = 0;
        for (int k = 1; k < p.length; k++) {
            total += p[k];
            if (Math.abs(k * binHz - frequencyHz) <= bandwidthHz) {
                near += p[k];
            }
        }
        return total == 0 ? 0 : near / total;
    }

    private double[] spectrum() {
        if (spectrum != null) {
            return spectrum;
        }
        short[] s = pcm.samples();
        double[] power = new double[SEGMENT / 2 + 1];
        double[] window = new double[SEGMENT];
        for (int i = 0; i < SEGMENT; i++) {
            window[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / SEGMENT);
        }
        double[] re = new double[SEGMENT];
        double[] im = new double[SEGMENT];
        int segments = 0;
        // Half-overlapping segments; a signal shorter than one segment is zero-padded.
        for (int start = 0; start == 0 || start + SEGMENT <= s.length; start += SEGMENT / 2) {
            java.util.Arrays.fill(im, 0);
            for (int i = 0; i < SEGMENT; i++) {
                re[i] = start + i < s.length ? window[i] * s[start + i] / 32768.0 : 0;
            }
            fft(re, im);
            for (int k = 0; k < power.length; k++) {
                power[k] += re[k] * re[k] + im[k] * im[k];
            }
            segments++;
        }
        for (int k = 0; k < power.length; k++) {
            power[k] /= segments;
        }
        spectrum = power;
        return power;
    }

    /** In-place iterative radix-2 Cooley-Tukey FFT; the length must be a power of two. */
    static void fft(double[] re, double[] im) {
        int n = re.length;
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        for (int len = 2; len <= n; len <<= 1) {
            double angle = -2 * Math.PI / len;
            double wRe = Math.cos(angle);
            double wIm = Math.sin(angle);
            for (int i = 0; i < n; i += len) {
                double curRe = 1;
                double curIm = 0;
                for (int k = 0; k < len / 2; k++) {
                    int a = i + k;
                    int b = a + len / 2;
                    double bRe = re[b] * curRe - im[b] * curIm;
                    double bIm = re[b] * curIm + im[b] * curRe;
                    re[b] = re[a] - bRe;
                    im[b] = im[a] - bIm;
                    re[a] += bRe;
                    im[a] += bIm;
                    double nextRe = curRe * wRe - curIm * wIm;
                    curIm = curRe * wIm + curIm * wRe;
                    curRe = nextRe;
                }
            }
        }
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%.2f s, RMS %.3f (%.1f dBFS), dominant %.1f Hz",
                seconds(), rms(), rmsDbfs(), dominantFrequencyHz());
    }
}
