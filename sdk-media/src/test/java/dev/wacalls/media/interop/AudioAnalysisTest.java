package dev.wacalls.media.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The measurements the interop tests rely on, checked on signals whose answer is known. */
class AudioAnalysisTest {

    @ParameterizedTest(name = "{0} Hz")
    @ValueSource(doubles = {300, 440, 1000, 3150.5})
    void findsTheFrequencyAndLevelOfAGeneratedTone(double hz) {
        AudioAnalysis a = AudioAnalysis.ofWav(Wav.sine(hz, 48_000, 2.0, 0.5));

        assertThat(a.sampleRate()).isEqualTo(48_000);
        assertThat(a.seconds()).isCloseTo(2.0, within(0.01));
        assertThat(a.dominantFrequencyHz()).isCloseTo(hz, within(0.5));
        assertThat(a.rms()).isCloseTo(0.5 / Math.sqrt(2), within(0.001));
        assertThat(a.powerShareNear(hz, 20)).isGreaterThan(0.99);
    }

    @Test
    void aToneUnderNoiseStillDominatesButSharesItsPower() {
        short[] samples = new short[48_000];
        Random random = new Random(7);
        for (int i = 0; i < samples.length; i++) {
            double tone = 0.3 * Math.sin(2 * Math.PI * 1000 * i / 48_000.0);
            double noise = 0.1 * random.nextGaussian();
            samples[i] = (short) Math.round((tone + noise) * Short.MAX_VALUE);
        }
        AudioAnalysis a = AudioAnalysis.ofWav(Wav.write(48_000, samples));

        assertThat(a.dominantFrequencyHz()).isCloseTo(1000, within(1.0));
        assertThat(a.powerShareNear(1000, 20)).isBetween(0.7, 0.9);
        assertThat(a.powerShareNear(440, 20)).isLessThan(0.01);
    }

    @Test
    void silenceHasNoLevel() {
        AudioAnalysis a = AudioAnalysis.ofWav(Wav.write(48_000, new short[4800]));
        assertThat(a.rms()).isZero();
        assertThat(a.rmsDbfs()).isNegative().isInfinite();
    }

    @Test
    void readsStereoWavWithChunksBeforeTheData() {
        // What ffmpeg writes: a LIST chunk between fmt and data. Stereo is averaged to mono.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer fmt = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        fmt.put(ascii("fmt ")).putInt(16).putShort((short) 1).putShort((short) 2).putInt(16_000).putInt(64_000)
                .putShort((short) 4).putShort((short) 16);
        ByteBuffer list = ByteBuffer.allocate(8 + 5 + 1).order(ByteOrder.LITTLE_ENDIAN);
        list.put(ascii("LIST")).putInt(5).put(ascii("INFOx")).put((byte) 0); // odd size, padded
        ByteBuffer data = ByteBuffer.allocate(8 + 8).order(ByteOrder.LITTLE_ENDIAN);
        data.put(ascii("data")).putInt(8).putShort((short) 100).putShort((short) 300).putShort((short) -2)
                .putShort((short) -4);
        int riffSize = 4 + fmt.capacity() + list.capacity() + data.capacity();
        ByteBuffer head = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        head.put(ascii("RIFF")).putInt(riffSize).put(ascii("WAVE"));
        out.writeBytes(head.array());
        out.writeBytes(fmt.array());
        out.writeBytes(list.array());
        out.writeBytes(data.array());

        Wav.Pcm pcm = Wav.read(out.toByteArray());

        assertThat(pcm.sampleRate()).isEqualTo(16_000);
        assertThat(pcm.samples()).containsExactly((short) 200, (short) -3);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
