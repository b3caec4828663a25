package dev.wacalls.media.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lengths read from the files themselves agree with what FFmpeg decodes from them. */
class AudioFilesTest {
    private static final Ffmpeg FFMPEG = Ffmpeg.bundled();

    @TempDir
    Path dir;

    @Test
    void anOggOpusTrackIsAsLongAsItsLastGranuleMinusPreSkip() throws IOException {
        Path track = Tracks.tone(FFMPEG, dir.resolve("t.opus"), 440, 2.5);

        AudioFiles.OggOpus ogg = AudioFiles.oggOpus(track);

        assertThat(ogg.channels()).isEqualTo(1);
        assertThat(ogg.preSkip()).isPositive();
        assertThat(ogg.duration().toNanos() / 1e9).isCloseTo(Tracks.decode(FFMPEG, track).seconds(), within(1e-6));
    }

    @Test
    void aPageCutShortAtTheEndIsSkippedAsADecoderWould() throws IOException {
        Path track = Tracks.tone(FFMPEG, dir.resolve("t.opus"), 440, 5);
        byte[] whole = Files.readAllBytes(track);
        Path cut = Files.write(dir.resolve("cut.opus"), Arrays.copyOf(whole, whole.length - 100));

        Duration full = AudioFiles.oggOpus(track).duration();
        Duration truncated = AudioFiles.oggOpus(cut).duration();

        assertThat(truncated).isLessThan(full).isGreaterThan(full.minusSeconds(2));
        assertThat(truncated.toNanos() / 1e9).isCloseTo(Tracks.decode(FFMPEG, cut).seconds(), within(0.021));
    }

    @Test
    void whatIsNotOggOpusIsRefusedWithTheFileName() throws IOException {
        Path text = Files.writeString(dir.resolve("x.opus"), "OggS but not really");
        Path vorbis = dir.resolve("v.ogg");
        Ffmpeg.Result r = FFMPEG.run(List.of("-nostdin", "-v", "error", "-f", "lavfi", "-i", "sine=duration=1",
                "-c:a", "libvorbis", "-f", "ogg", "file:" + vorbis), Duration.ofMinutes(1));
        assertThat(r.exitCode()).isZero();

        assertThatThrownBy(() -> AudioFiles.oggOpus(text)).isInstanceOf(IOException.class).hasMessageContaining(text.toString());
        assertThatThrownBy(() -> AudioFiles.oggOpus(vorbis)).isInstanceOf(IOException.class)
                .hasMessageContaining("not an OpusHead");
    }

    @Test
    void anMp3IsAsLongAsItsXingFrameCountMinusTheLameDelayAndPadding() throws IOException {
        Path mp3 = dir.resolve("t.mp3");
        Ffmpeg.Result r = FFMPEG.run(List.of("-nostdin", "-v", "error", "-f", "lavfi", "-i",
                "sine=sample_rate=48000:duration=3.3", "-ac", "2", "-c:a", "libmp3lame", "-b:a", "96k", "-f", "mp3",
                "file:" + mp3), Duration.ofMinutes(1));
        assertThat(r.exitCode()).isZero();

        Duration length = AudioFiles.mp3(mp3);

        assertThat(length).isNotNull();
        assertThat(length.toNanos() / 1e9).isCloseTo(3.3, within(0.001));
        assertThat(Tracks.decode(FFMPEG, mp3).seconds()).isCloseTo(3.3, within(0.001));
    }

    @Test
    void aWavIsAsLongAsItsDataChunkWhateverChunksComeFirst() throws IOException {
        Path wav = dir.resolve("t.wav");
        // FFmpeg writes a LIST chunk before data unless told to be bitexact.
        Ffmpeg.Result r = FFMPEG.run(List.of("-nostdin", "-v", "error", "-f", "lavfi", "-i",
                "sine=sample_rate=16000:duration=1.25", "-c:a", "pcm_s16le", "-f", "wav", "file:" + wav),
                Duration.ofMinutes(1));
        assertThat(r.exitCode()).isZero();

        AudioFiles.Wav header = AudioFiles.wav(wav);

        assertThat(header.sampleRate()).isEqualTo(16_000);
        assertThat(header.channels()).isEqualTo(1);
        assertThat(header.frames()).isEqualTo(20_000);
        assertThat(header.duration()).isEqualTo(Duration.ofMillis(1250));
    }
}
