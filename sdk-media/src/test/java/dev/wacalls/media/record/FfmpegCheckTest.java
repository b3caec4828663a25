package dev.wacalls.media.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wacalls.recording.RecordingFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link RecordingFinalizer#check()}: a broken FFmpeg is found at start-up, with a message that says what is wrong. */
class FfmpegCheckTest {
    @TempDir
    Path dir;

    static Stream<Named<Ffmpeg>> ffmpegs() {
        return RecordingFinalizerTest.ffmpegs();
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("ffmpegsAndFormats")
    void realFfmpegHasEverythingEachFormatNeeds(Ffmpeg ffmpeg, RecordingFormat format) {
        FfmpegCapabilities caps = RecordingFinalizer.builder().ffmpeg(ffmpeg).format(format).build().check();

        assertThat(caps.version()).startsWith("ffmpeg version");
        assertThat(caps.encoders()).contains("libopus", "libmp3lame", "pcm_s16le");
        assertThat(caps.muxers()).contains("ogg", "mp3", "wav");
        assertThat(caps.filters()).contains("join", "apad", "anullsrc");
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> ffmpegsAndFormats() {
        return RecordingFinalizerTest.ffmpegsAndFormats();
    }

    @Test
    void theBundledFfmpegIsJaves4_4() {
        Ffmpeg bundled = Ffmpeg.bundled();
        assertThat(bundled.isBundled()).isTrue();
        assertThat(bundled.binary()).isExecutable();
        assertThat(bundled.capabilities(Duration.ofSeconds(30)).version()).startsWith("ffmpeg version 4.4.1");
    }

    @Test
    void aPathWithNoFfmpegIsAClearError() {
        Path bogus = dir.resolve("no/such/ffmpeg");

        assertThatThrownBy(() -> RecordingFinalizer.builder().ffmpeg(Ffmpeg.at(bogus)).build().check())
                .isInstanceOfSatisfying(FfmpegUnavailableException.class, e -> assertThat(e.file()).isEqualTo(bogus))
                .hasMessageContaining("FFmpeg not found: " + bogus);
    }

    @Test
    void aFileThatIsNotExecutableIsAClearError() throws IOException {
        Path file = Files.writeString(dir.resolve("ffmpeg"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> RecordingFinalizer.builder().ffmpeg(Ffmpeg.at(file)).build().check())
                .isInstanceOf(FfmpegUnavailableException.class)
                .hasMessageMatching("(?s).*(is not executable|cannot start FFmpeg|Permission denied).*");
    }

    @Test
    void aProgramThatIsNotFfmpegIsAClearError() throws IOException {
        Path file = Files.writeString(dir.resolve("ffmpeg"), "#!/bin/sh\necho 'hello from something else'\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));

        assertThatThrownBy(() -> RecordingFinalizer.builder().ffmpeg(Ffmpeg.at(file)).build().check())
                .isInstanceOf(FfmpegUnavailableException.class)
                .hasMessageContaining("does not answer -version like FFmpeg: 'hello from something else'");
    }

    @Test
    void anFfmpegWithoutLibopusIsRefusedForOggOpusButFineForMp3() throws IOException {
        Path fake = FakeFfmpeg.write(dir.resolve("ffmpeg"), false, false);

        assertThatThrownBy(() -> RecordingFinalizer.builder().ffmpeg(Ffmpeg.at(fake)).build().check())
                .isInstanceOf(FfmpegUnavailableException.class)
                .hasMessageContaining("FFmpeg at " + fake + " (ffmpeg version 9.9-fake")
                .hasMessageContaining("cannot finalise OGG_OPUS recordings: it lacks encoder libopus")
                .hasMessageContaining("--enable-libopus");
        assertThat(RecordingFinalizer.builder().ffmpeg(Ffmpeg.at(fake)).format(RecordingFormat.MP3).build().check()
                .version()).contains("9.9-fake");
    }

    @Test
    void theFakeWithLibopusPassesTheCheckButItsFailureAtWorkStillSaysWhy() throws IOException {
        Path fake = FakeFfmpeg.write(dir.resolve("ffmpeg"), true, false);
        RecordingFinalizer finalizer = RecordingFinalizer.builder().ffmpeg(Ffmpeg.at(fake)).build();
        finalizer.check();
        Path call = Files.createDirectories(dir.resolve("call"));
        Tracks.tone(Ffmpeg.bundled(), call.resolve(RecordingFinalizer.RECRUITER_TRACK), 440, 1);

        assertThatThrownBy(() -> finalizer.finish(call))
                .isInstanceOf(RecordingFinalizationException.class)
                .hasMessageContaining("FFmpeg failed (exit 1)")
                .hasMessageContaining("fake ffmpeg: this build cannot do that");
    }

    @Test
    void listingsAreReadWhateverTheirLegend() {
        String encoders = """
                Encoders:
                 V..... = Video
                 A..... = Audio
                 ------
                 A....D opus                 Opus
                 A..... libopus              libopus Opus (codec opus)
                """;
        String muxers = """
                File formats:
                 D. = Demuxing supported
                 .E = Muxing supported
                 --
                  E ogg             Ogg
                 DE mov,mp4,m4a     QuickTime / MOV
                """;
        assertThat(Ffmpeg.names(encoders)).containsExactly("opus", "libopus");
        assertThat(Ffmpeg.names(muxers)).containsExactly("ogg", "mov", "mp4", "m4a");
    }
}
