package dev.wacalls.media.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingAnnouncementTest {
    @TempDir
    Path dir;

    private Path prompt(double seconds) throws Exception {
        Path wav = dir.resolve("prompt-" + seconds + ".wav");
        FfmpegCli.run(List.of(FfmpegCli.FFMPEG.toString(), "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi",
                "-i", "sine=frequency=600:sample_rate=16000:duration=" + seconds, wav.toString()));
        return wav;
    }

    @Test
    void aWavBecomesTwentyMillisecondOpusPackets_asLongAsThePrompt() throws Exception {
        RecordingAnnouncement a = RecordingAnnouncement.fromWav(prompt(1.5), Ffmpeg.at(FfmpegCli.FFMPEG));

        // 75 packets of sound, plus one for the encoder's pre-skip (RFC 7845 §4.2: 312 samples with libopus).
        assertThat(a.packets()).hasSizeBetween(75, 76);
        assertThat(a.duration()).isBetween(Duration.ofMillis(1500), Duration.ofMillis(1520));
        assertThat(a.packets()).allSatisfy(p -> assertThat(OpusPackets.samples(p, 0, p.length)).isEqualTo(960));
    }

    @Test
    void aMissingOrUnreadablePrompt_isAClearError() throws Exception {
        assertThatThrownBy(() -> RecordingAnnouncement.fromWav(dir.resolve("nope.wav"), Ffmpeg.at(FfmpegCli.FFMPEG)))
                .isInstanceOf(RecordingFinalizationException.class).hasMessageContaining("nope.wav");
        Path junk = dir.resolve("junk.wav");
        Files.write(junk, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        assertThatThrownBy(() -> RecordingAnnouncement.fromWav(junk, Ffmpeg.at(FfmpegCli.FFMPEG)))
                .isInstanceOf(RecordingFinalizationException.class).hasMessageContaining("junk.wav");
    }

    @Test
    void tooLongPrompts_wrongFrameSizes_andBrokenOgg_areRefused() throws Exception {
        assertThatThrownBy(() -> RecordingAnnouncement.fromWav(prompt(31), Ffmpeg.at(FfmpegCli.FFMPEG)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than 30 s");
        byte[] tenMs = {(byte) 0xF0, 0x00}; // CELT fullband, 10 ms, code 0
        assertThatThrownBy(() -> RecordingAnnouncement.ofPackets(List.of(tenMs)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("20 ms");
        assertThatThrownBy(() -> RecordingAnnouncement.ofPackets(List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no audio");
        byte[] ogg = Files.readAllBytes(encode());
        ogg[ogg.length / 2] ^= 0x55;
        assertThatThrownBy(() -> RecordingAnnouncement.ofOggOpus(ogg))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CRC");
    }

    private Path encode() throws Exception {
        Path out = dir.resolve("p.opus");
        FfmpegCli.run(List.of(FfmpegCli.FFMPEG.toString(), "-hide_banner", "-loglevel", "error", "-y", "-i",
                prompt(1).toString(), "-c:a", "libopus", "-frame_duration", "20", out.toString()));
        return out;
    }
}
