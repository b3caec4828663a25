package dev.wacalls.media.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OggRecoveryTest {
    @TempDir
    Path dir;

    private static List<byte[]> tone;

    @BeforeAll
    static void setUp() {
        FfmpegCli.requireInstalled();
        tone = TestOpus.tone(440, 3.0);
    }

    /** What a crash leaves: the pages of a 3 s tone written so far, no end-of-stream page. */
    private byte[] crashedFile() throws Exception {
        Path file = dir.resolve("writing.opus");
        Files.deleteIfExists(file);
        try (OggOpusWriter w = OggOpusWriter.builder().open(file)) {
            for (byte[] p : tone) {
                w.writePacket(p, 0, p.length);
            }
            return Files.readAllBytes(file); // as the process dies, before close()
        }
    }

    private byte[] completeFile() throws Exception {
        Path file = dir.resolve("complete.opus");
        Files.deleteIfExists(file);
        try (OggOpusWriter w = OggOpusWriter.builder().open(file)) {
            for (byte[] p : tone) {
                w.writePacket(p, 0, p.length);
            }
        }
        return Files.readAllBytes(file);
    }

    private Path write(String name, byte[] content) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, content);
        return file;
    }

    private static void assertEndsWellFormed(Path file, long samples) throws Exception {
        List<OggFile.Page> pages = OggFile.pages(file);
        assertThat(pages).allMatch(OggFile.Page::crcOk);
        OggFile.Page last = pages.get(pages.size() - 1);
        assertThat(last.eos()).isTrue();
        assertThat(pages.subList(0, pages.size() - 1)).noneMatch(OggFile.Page::eos);
        assertThat(Files.size(file)).isEqualTo(last.position() + last.length());
        assertThat(last.granule()).isEqualTo(samples);
    }

    @Test
    void aFileACrashLeftOpenIsMarkedEndOfStreamAndPlaysToItsLastPage() throws Exception {
        byte[] crashed = crashedFile();
        List<OggFile.Page> before = OggFile.pages(write("probe.opus", crashed));
        long lastGranule = before.get(before.size() - 1).granule();
        assertThat(before.get(before.size() - 1).eos()).isFalse();

        Path file = write("crashed.opus", crashed);
        OggRecovery.Result r = OggRecovery.recover(file);

        assertThat(r.status()).isEqualTo(OggRecovery.Status.RECOVERED);
        assertThat(r.samples()).isEqualTo(lastGranule);
        assertThat(r.discardedBytes()).isZero();
        assertEndsWellFormed(file, lastGranule);
        assertThat(FfmpegCli.decode(file)).hasSize((int) lastGranule);
        assertThat(FfmpegCli.probeDurationSeconds(file)).isEqualTo(lastGranule / 48_000.0);
    }

    @Test
    void aPageCutShortAnywhereIsDroppedAndThePagesBeforeItAreKept() throws Exception {
        byte[] complete = completeFile();
        List<OggFile.Page> pages = OggFile.pages(write("probe.opus", complete));
        Random random = new Random(7);
        for (int round = 0; round < 12; round++) {
            OggFile.Page victim = pages.get(3 + random.nextInt(pages.size() - 3));
            int cut = (int) victim.position() + 1 + random.nextInt(victim.length() - 1);
            Path file = write("cut-" + round + ".opus", Arrays.copyOf(complete, cut));

            OggRecovery.Result r = OggRecovery.recover(file);

            OggFile.Page kept = pages.get(pages.indexOf(victim) - 1);
            assertThat(r.status()).isEqualTo(OggRecovery.Status.RECOVERED);
            assertThat(r.samples()).isEqualTo(kept.granule());
            assertThat(r.discardedBytes()).isEqualTo(cut - victim.position());
            assertThat(r.detail()).contains("cut short");
            assertEndsWellFormed(file, kept.granule());
            if (round < 3) {
                assertThat(FfmpegCli.decode(file)).hasSize((int) kept.granule());
            }
        }
    }

    @Test
    void randomBytesAfterTheLastPageAreCutOff() throws Exception {
        byte[] crashed = crashedFile();
        byte[] garbage = new byte[3_000];
        new Random(11).nextBytes(garbage);
        byte[] content = Arrays.copyOf(crashed, crashed.length + garbage.length);
        System.arraycopy(garbage, 0, content, crashed.length, garbage.length);
        Path file = write("garbage.opus", content);

        OggRecovery.Result r = OggRecovery.recover(file);

        assertThat(r.status()).isEqualTo(OggRecovery.Status.RECOVERED);
        assertThat(r.keptBytes()).isEqualTo(crashed.length);
        assertThat(r.discardedBytes()).isEqualTo(garbage.length);
        assertThat(FfmpegCli.decode(file)).hasSize((int) r.samples());
    }

    @Test
    void aCorruptByteInTheMiddleKeepsThePrefixBeforeItsPage() throws Exception {
        byte[] complete = completeFile();
        List<OggFile.Page> pages = OggFile.pages(write("probe.opus", complete));
        OggFile.Page damaged = pages.get(6);
        byte[] content = complete.clone();
        content[(int) damaged.position() + damaged.length() - 3] ^= 0x40; // one bit in its body
        Path file = write("flipped.opus", content);

        OggRecovery.Result r = OggRecovery.recover(file);

        assertThat(r.status()).isEqualTo(OggRecovery.Status.RECOVERED);
        assertThat(r.detail()).contains("CRC mismatch");
        assertThat(r.pages()).isEqualTo(6);
        assertEndsWellFormed(file, pages.get(5).granule());
        assertThat(FfmpegCli.decode(file)).hasSize((int) pages.get(5).granule());
    }

    @Test
    void aCompleteFileIsLeftByteForByte() throws Exception {
        byte[] complete = completeFile();
        Path file = write("fine.opus", complete);

        OggRecovery.Result r = OggRecovery.recover(file);

        assertThat(r.status()).isEqualTo(OggRecovery.Status.COMPLETE);
        assertThat(r.samples()).isEqualTo(150 * 960);
        assertThat(Files.readAllBytes(file)).isEqualTo(complete);
    }

    @Test
    void inspectReportsWithoutChangingTheFile() throws Exception {
        byte[] crashed = crashedFile();
        Path file = write("inspect.opus", crashed);

        OggRecovery.Result r = OggRecovery.inspect(file);

        assertThat(r.status()).isEqualTo(OggRecovery.Status.RECOVERED);
        assertThat(Files.readAllBytes(file)).isEqualTo(crashed);
    }

    @Test
    void whatIsNotOggOpusIsReportedUnreadableAndLeftAlone() throws Exception {
        byte[] random = new byte[5_000];
        new Random(3).nextBytes(random);
        byte[] complete = completeFile();
        byte[] noHead = complete.clone();
        noHead[28 + 4] = 'X'; // "OpusXead": and a CRC that no longer checks either
        byte[] oggVorbis = complete.clone();
        System.arraycopy("\u0001vorbis\0\0".getBytes(StandardCharsets.ISO_8859_1), 0, oggVorbis, 28, 8);
        OggPages.sealCrc(oggVorbis, 0, 28 + 19);
        byte[] headOnly = Arrays.copyOf(complete, 28 + 19);

        for (byte[] content : List.of(new byte[0], random, noHead, oggVorbis, headOnly)) {
            Path file = write("unreadable.opus", content);
            OggRecovery.Result r = OggRecovery.recover(file);
            assertThat(r.status()).isEqualTo(OggRecovery.Status.UNREADABLE);
            assertThat(r.detail()).isNotBlank();
            assertThat(Files.readAllBytes(file)).isEqualTo(content);
        }
    }

    @Test
    void headersWithoutAudioAreEndedButReportedAsHavingNone() throws Exception {
        Path file = dir.resolve("headers.opus");
        byte[] content;
        try (OggOpusWriter w = OggOpusWriter.builder().open(file)) {
            content = Files.readAllBytes(file);
        }
        Path crashed = write("headers-crashed.opus", content);

        OggRecovery.Result r = OggRecovery.recover(crashed);

        assertThat(r.status()).isEqualTo(OggRecovery.Status.NO_AUDIO);
        assertThat(r.samples()).isZero();
        assertThat(OggFile.pages(crashed).get(1).eos()).isTrue();
    }

    @Test
    void noCutPositionMakesRecoveryThrowOrKeepMoreThanWasWhole() throws Exception {
        byte[] complete = completeFile();
        List<OggFile.Page> pages = OggFile.pages(write("probe.opus", complete));
        for (int cut = 0; cut <= complete.length; cut += 37) {
            Path file = write("every-cut.opus", Arrays.copyOf(complete, cut));
            OggRecovery.Result r = OggRecovery.recover(file);
            long wholePages = pages.stream().filter(p -> p.position() + p.length() <= r.keptBytes()).count();
            if (r.status() == OggRecovery.Status.UNREADABLE) {
                assertThat(cut).isLessThan((int) (pages.get(1).position() + pages.get(1).length()));
            } else {
                assertThat(r.pages()).isEqualTo((int) wholePages);
                assertThat(Files.size(file)).isLessThanOrEqualTo(cut);
            }
        }
    }
}
