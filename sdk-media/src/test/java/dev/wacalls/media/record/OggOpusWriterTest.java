package dev.wacalls.media.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OggOpusWriterTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void ffmpegIsThere() {
        FfmpegCli.requireInstalled();
    }

    @Test
    void oggCrcIsTheUnreflectedPolynomialWithZeroInitialValue() {
        // CRC-32/CKSUM (poly 04C11DB7, init 0, not reflected) has check value 765E7680 over "123456789" after its
        // final XOR with FFFFFFFF; Ogg uses no final XOR.
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertThat(OggCrc.update(0, check, 0, check.length)).isEqualTo(~0x765E7680);
    }

    @Test
    void oggCrcGivesTheSameAnswerInPiecesOfAnyLengthAsBitByBit() {
        byte[] data = new byte[1_000];
        new java.util.Random(5).nextBytes(data);
        for (int length = 0; length <= 40; length++) {
            int bitwise = 0;
            for (int i = 0; i < length; i++) {
                bitwise ^= (data[i] & 0xFF) << 24;
                for (int bit = 0; bit < 8; bit++) {
                    bitwise = bitwise < 0 ? (bitwise << 1) ^ 0x04C11DB7 : bitwise << 1;
                }
            }
            assertThat(OggCrc.update(0, data, 0, length)).as("%d bytes", length).isEqualTo(bitwise);
            int split = length / 3;
            assertThat(OggCrc.update(OggCrc.update(0, data, 0, split), data, split, length - split)).isEqualTo(bitwise);
        }
    }

    @Test
    void ffmpegDecodesTheFileAndItsDurationIsTheLastGranuleToTheSample() throws Exception {
        Path file = dir.resolve("tone.opus");
        List<byte[]> tone = TestOpus.tone(440, 5.0);
        try (OggOpusWriter w = OggOpusWriter.builder().comment("WACALLS_CALL_ID", "wacid.TEST").open(file)) {
            for (byte[] p : tone) {
                assertThat(w.writePacket(p, 0, p.length)).isEqualTo(WriteStatus.WRITTEN);
            }
            assertThat(w.samples()).isEqualTo(250 * 960);
        }
        assertThat(FfmpegCli.probeStream(file)).isEqualTo("opus,48000,1");
        assertThat(FfmpegCli.probeDurationSeconds(file)).isEqualTo(5.0);
        short[] pcm = FfmpegCli.decode(file);
        assertThat(pcm).hasSize(250 * 960);
        assertThat(TestOpus.rms(pcm, 4800, pcm.length)).isCloseTo(0.35, org.assertj.core.data.Offset.offset(0.05));
    }

    @Test
    void headersAreOnTheirOwnPagesAndEveryPageIsWellFormed() throws Exception {
        Path file = dir.resolve("pages.opus");
        List<byte[]> tone = TestOpus.tone(440, 2.0);
        int serial;
        try (OggOpusWriter w = OggOpusWriter.builder().open(file)) {
            serial = w.serial();
            for (byte[] p : tone) {
                w.writePacket(p, 0, p.length);
            }
        }
        List<OggFile.Page> pages = OggFile.pages(file);
        assertThat(pages.get(0).bos()).isTrue();
        assertThat(pages.get(0).packets()).hasSize(1);
        byte[] head = pages.get(0).packets().get(0);
        assertThat(new String(head, 0, 8, StandardCharsets.US_ASCII)).isEqualTo("OpusHead");
        assertThat(head).hasSize(19);
        assertThat(head[8]).as("version").isEqualTo((byte) 1);
        assertThat(head[9]).as("channels").isEqualTo((byte) 1);
        assertThat(OggPages.readU16(head, 10)).as("pre-skip").isZero();
        assertThat(OggPages.readI32(head, 12)).as("input rate").isEqualTo(48_000);
        assertThat(OggPages.readU16(head, 16)).as("gain").isZero();
        assertThat(head[18]).as("mapping family").isZero();
        byte[] tags = pages.get(1).packets().get(0);
        assertThat(new String(tags, 0, 8, StandardCharsets.US_ASCII)).isEqualTo("OpusTags");
        assertThat(new String(tags, 12, 7, StandardCharsets.US_ASCII)).isEqualTo("wacalls");
        assertThat(pages.get(1).packets()).hasSize(1);
        assertThat(pages.get(0).granule()).isZero();
        assertThat(pages.get(1).granule()).isZero();

        long samples = 0;
        for (int i = 0; i < pages.size(); i++) {
            OggFile.Page p = pages.get(i);
            assertThat(p.crcOk()).as("CRC of page %d", i).isTrue();
            assertThat(p.sequence()).isEqualTo(i);
            assertThat(p.serial()).isEqualTo(serial);
            assertThat(p.bos()).isEqualTo(i == 0);
            assertThat(p.eos()).isEqualTo(i == pages.size() - 1);
            assertThat(p.lacing().length).isLessThanOrEqualTo(255);
            if (i >= 2) {
                for (byte[] packet : p.packets()) {
                    samples += OpusPackets.samples(packet, 0, packet.length);
                }
                assertThat(p.granule()).as("granule of page %d", i).isEqualTo(samples);
                assertThat(p.packets().size() * 20).as("ms on page %d", i).isLessThanOrEqualTo(260);
            }
        }
        assertThat(samples).isEqualTo(100 * 960);
        assertThat(Files.size(file)).isEqualTo(pages.get(pages.size() - 1).position()
                + pages.get(pages.size() - 1).length());
    }

    @Test
    void pagesReachTheFileWhileTheStreamIsStillOpen() throws Exception {
        Path file = dir.resolve("open.opus");
        byte[] silence = {(byte) 0xF8, (byte) 0xFF, (byte) 0xFE};
        try (OggOpusWriter w = OggOpusWriter.builder().maxPageDuration(Duration.ofMillis(100)).open(file)) {
            for (int i = 0; i < 50; i++) { // 1 s
                w.writePacket(silence, 0, 3);
            }
            List<OggFile.Page> pages = OggFile.pages(file);
            assertThat(pages).hasSize(2 + 10);
            assertThat(pages.get(pages.size() - 1).granule()).isEqualTo(48_000);
            assertThat(pages).noneMatch(OggFile.Page::eos);
        }
    }

    @Test
    void aPageNeverHoldsMoreThan255Segments() throws Exception {
        Path file = dir.resolve("segments.opus");
        byte[] tiny = {(byte) 0xE0, (byte) 0xFF, (byte) 0xFE}; // 2.5 ms: 100 ms pages would need 40 per page
        try (OggOpusWriter w = OggOpusWriter.builder().maxPageDuration(Duration.ofSeconds(10)).open(file)) {
            for (int i = 0; i < 1000; i++) {
                w.writePacket(tiny, 0, 3);
            }
        }
        List<OggFile.Page> pages = OggFile.pages(file);
        assertThat(pages.subList(2, pages.size())).allMatch(p -> p.lacing().length <= 255)
                .anyMatch(p -> p.lacing().length == 255);
        assertThat(FfmpegCli.probeDurationSeconds(file)).isEqualTo(2.5);
    }

    @Test
    void packetsLongerThan255BytesAreLacedAndDecode() throws Exception {
        Path file = dir.resolve("big.opus");
        List<byte[]> tone = TestOpus.tone(1000, 1.0, 256_000);
        assertThat(tone).anyMatch(p -> p.length > 510);
        try (OggOpusWriter w = OggOpusWriter.builder().open(file)) {
            for (byte[] p : tone) {
                w.writePacket(p, 0, p.length);
            }
            byte[] exactly255 = new byte[255];
            exactly255[0] = (byte) 0xF8; // a 20 ms CELT frame of 254 bytes: laced as 255 + 0
            assertThat(w.writePacket(exactly255, 0, 255)).isEqualTo(WriteStatus.WRITTEN);
        }
        List<OggFile.Page> pages = OggFile.pages(file);
        assertThat(pages).allMatch(OggFile.Page::crcOk);
        assertThat(pages.stream().flatMap(p -> p.packets().stream()).skip(2).toList())
                .hasSize(tone.size() + 1)
                .last().satisfies(p -> assertThat(p).hasSize(255));
        assertThat(FfmpegCli.probeDurationSeconds(file)).isEqualTo(1.02);
    }

    @Test
    void theLastPageIsMarkedEndOfStreamEvenWhenItWasAlreadyWritten() throws Exception {
        Path file = dir.resolve("eos.opus");
        byte[] silence = {(byte) 0xF8, (byte) 0xFF, (byte) 0xFE};
        try (OggOpusWriter w = OggOpusWriter.builder().maxPageDuration(Duration.ofMillis(100)).open(file)) {
            for (int i = 0; i < 5; i++) { // exactly one page, written as it filled
                w.writePacket(silence, 0, 3);
            }
            assertThat(OggFile.pages(file)).hasSize(3);
        }
        List<OggFile.Page> pages = OggFile.pages(file);
        assertThat(pages).hasSize(3);
        assertThat(pages.get(2).eos()).isTrue();
        assertThat(pages.get(2).crcOk()).isTrue();
        assertThat(FfmpegCli.probeDurationSeconds(file)).isEqualTo(0.1);
    }

    @Test
    void aStreamWithoutAudioIsTwoWellFormedHeaderPagesEndingTheStream() throws Exception {
        // (ffprobe answers "End of file" for a stream without a single audio packet; the recorder always pads its
        // tracks to the call's length, so it never writes one.)
        Path file = dir.resolve("empty.opus");
        OggOpusWriter.builder().open(file).close();
        List<OggFile.Page> pages = OggFile.pages(file);
        assertThat(pages).hasSize(2);
        assertThat(pages).allMatch(OggFile.Page::crcOk);
        assertThat(pages.get(0).bos()).isTrue();
        assertThat(pages.get(1).eos()).isTrue();
        assertThat(Files.size(file)).isEqualTo(pages.get(1).position() + pages.get(1).length());
    }

    @Test
    void silencePacketsOfEveryLengthDecodeToDigitalSilence() throws Exception {
        Path file = dir.resolve("silence.opus");
        int[] lengths = {120, 240, 480, 960, 1920, 2880, 3840, 4800, 5760};
        long total = 0;
        try (OggOpusWriter w = OggOpusWriter.builder().open(file)) {
            byte[] p = new byte[OpusPackets.MAX_SILENCE_BYTES];
            for (int round = 0; round < 3; round++) {
                for (int samples : lengths) {
                    int n = OpusPackets.writeSilence(p, 0, samples);
                    assertThat(w.writePacket(p, 0, n)).isEqualTo(WriteStatus.WRITTEN);
                    total += samples;
                }
            }
        }
        short[] pcm = FfmpegCli.decode(file);
        assertThat(pcm).hasSize((int) total);
        assertThat(pcm).containsOnly((short) 0);
    }

    @Test
    void silenceAfterSpeechFadesToDigitalSilenceWithinAFrame() throws Exception {
        Path file = dir.resolve("tone-then-silence.opus");
        List<byte[]> tone = TestOpus.tone(440, 1.0);
        try (OggOpusWriter w = OggOpusWriter.builder().open(file)) {
            for (byte[] p : tone) {
                w.writePacket(p, 0, p.length);
            }
            byte[] p = new byte[OpusPackets.MAX_SILENCE_BYTES];
            for (int samples : new int[] {120, 240, 480, 960, 5760}) {
                w.writePacket(p, 0, OpusPackets.writeSilence(p, 0, samples));
            }
        }
        short[] pcm = FfmpegCli.decode(file);
        assertThat(pcm).hasSize(48_000 + 120 + 240 + 480 + 960 + 5760);
        assertThat(TestOpus.rms(pcm, 48_000 + 960, pcm.length)).isLessThan(1e-4);
    }

    @Test
    void packetsThatAreNotOpusAreRefusedWithAStatus() throws Exception {
        try (OggOpusWriter w = OggOpusWriter.builder().open(dir.resolve("bad.opus"))) {
            assertThat(w.writePacket(new byte[] {(byte) 0xFB, 0}, 0, 2)).isEqualTo(WriteStatus.INVALID);
            assertThat(w.writePacket(new byte[0], 0, 0)).isEqualTo(WriteStatus.INVALID);
            assertThat(w.writePacket(new byte[70_000], 0, 70_000)).isEqualTo(WriteStatus.TOO_LARGE);
            assertThat(w.packets()).isZero();
            w.close();
            assertThat(w.writePacket(new byte[] {(byte) 0xF8, (byte) 0xFF, (byte) 0xFE}, 0, 3))
                    .isEqualTo(WriteStatus.CLOSED);
        }
    }
}
