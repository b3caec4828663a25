package dev.wacalls.media.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OpusPacketsTest {
    /** RFC 6716 §3.1 table 2, in microseconds, for configurations 0–31. */
    private static final int[] FRAME_MICROS = {
        10_000, 20_000, 40_000, 60_000, 10_000, 20_000, 40_000, 60_000, 10_000, 20_000, 40_000, 60_000,
        10_000, 20_000, 10_000, 20_000,
        2_500, 5_000, 10_000, 20_000, 2_500, 5_000, 10_000, 20_000, 2_500, 5_000, 10_000, 20_000,
        2_500, 5_000, 10_000, 20_000
    };

    @Test
    void everyConfigurationWithOneFrameLastsItsFrameSize() {
        for (int config = 0; config < 32; config++) {
            for (int stereo = 0; stereo < 2; stereo++) {
                byte[] p = {(byte) (config << 3 | stereo << 2), 0x11, 0x22};
                assertThat(OpusPackets.samples(p, 0, p.length)).as("config %d code 0", config)
                        .isEqualTo(FRAME_MICROS[config] * 48 / 1000);
            }
        }
    }

    @Test
    void codesOneAndTwoCarryTwoFrames() {
        for (int config = 0; config < 32; config++) {
            byte[] code1 = {(byte) (config << 3 | 1), 1, 2}; // two frames of one byte each: even payload
            byte[] code2 = {(byte) (config << 3 | 2), 1, 9};
            int two = 2 * FRAME_MICROS[config] * 48 / 1000;
            int expected = two > 5760 ? -1 : two; // 2 × 60 ms is exactly the 120 ms limit, allowed
            assertThat(OpusPackets.samples(code1, 0, code1.length)).as("config %d code 1", config).isEqualTo(expected);
            assertThat(OpusPackets.samples(code2, 0, code2.length)).as("config %d code 2", config).isEqualTo(expected);
        }
    }

    @Test
    void codeThreeCarriesTheFrameCountOfItsSecondByteUpTo120Ms() {
        for (int config = 0; config < 32; config++) {
            int frame = FRAME_MICROS[config] * 48 / 1000;
            for (int m = 1; m <= 48; m++) {
                byte[] p = {(byte) (config << 3 | 3), (byte) m, 0};
                int expected = m * frame <= 5760 ? m * frame : -1;
                assertThat(OpusPackets.samples(p, 0, p.length)).as("config %d, %d frames", config, m)
                        .isEqualTo(expected);
                // The VBR and padding bits of the count byte do not change the count.
                p[1] = (byte) (m | 0xC0);
                assertThat(OpusPackets.samples(p, 0, p.length)).isEqualTo(expected);
            }
        }
    }

    @Test
    void malformedPacketsHaveNoDuration() {
        assertThat(OpusPackets.samples(new byte[] {0x78}, 0, 0)).as("empty").isEqualTo(-1);
        assertThat(OpusPackets.samples(new byte[] {(byte) 0xFB}, 0, 1)).as("code 3 without count").isEqualTo(-1);
        assertThat(OpusPackets.samples(new byte[] {(byte) 0xFB, 0}, 0, 2)).as("zero frames").isEqualTo(-1);
        assertThat(OpusPackets.samples(new byte[] {(byte) 0xF9, 1}, 0, 2)).as("code 1, odd payload").isEqualTo(-1);
        assertThat(OpusPackets.samples(new byte[] {(byte) 0xFB, 7}, 0, 2)).as("7 × 20 ms = 140 ms").isEqualTo(-1);
    }

    @Test
    void readsThePacketAtItsOffset() {
        byte[] buffer = {0, 0, (byte) 0xF8, (byte) 0xFF, (byte) 0xFE, 0};
        assertThat(OpusPackets.samples(buffer, 2, 3)).isEqualTo(960);
    }

    @ParameterizedTest
    @ValueSource(ints = {120, 240, 480, 960, 1920, 2880, 3840, 4800, 5760})
    void silencePacketsLastWhatTheyAreAskedFor(int samples) {
        byte[] p = new byte[OpusPackets.MAX_SILENCE_BYTES + 4];
        int length = OpusPackets.writeSilence(p, 4, samples);
        assertThat(OpusPackets.samples(p, 4, length)).isEqualTo(samples);
    }

    @Test
    void twentyMillisecondsOfSilenceIsTheWellKnownThreeBytes() {
        byte[] p = new byte[3];
        assertThat(OpusPackets.writeSilence(p, 0, 960)).isEqualTo(3);
        assertThat(p).containsExactly(0xF8, 0xFF, 0xFE);
    }

    @Test
    void silenceChunksCoverAnyMultipleOf2Point5Ms() {
        for (int units = 1; units <= 100; units++) {
            long left = units * 120L;
            int packets = 0;
            while (left > 0) {
                int chunk = OpusPackets.silenceChunk(left);
                OpusPackets.writeSilence(new byte[OpusPackets.MAX_SILENCE_BYTES], 0, chunk); // a valid duration
                left -= chunk;
                packets++;
            }
            assertThat(left).isZero();
            assertThat(packets).isLessThanOrEqualTo(units / 48 + 4);
        }
    }

    @Test
    void refusesSilenceOfADurationNoPacketHas() {
        assertThatThrownBy(() -> OpusPackets.writeSilence(new byte[16], 0, 360))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OpusPackets.writeSilence(new byte[16], 0, 100))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
