package dev.wacalls.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wacalls.id.CallId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordingTest {
    private static final CallId CALL = CallId.of("wacid.x");
    private static final String SHA = "0".repeat(64);

    private static RecordingFile f(RecordingRole role, String name) {
        return new RecordingFile(role, name, RecordingFormat.OGG_OPUS, Duration.ofSeconds(3), 10, SHA);
    }

    @Test
    void aRecordingNeedsExactlyOneStereoFile() {
        assertThatThrownBy(() -> new Recording(CALL, Instant.EPOCH, List.of(f(RecordingRole.RECRUITER_TRACK, "a.opus"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no STEREO file");
        assertThatThrownBy(() -> new Recording(CALL, Instant.EPOCH,
                        List.of(f(RecordingRole.STEREO, "a.opus"), f(RecordingRole.STEREO, "b.opus"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("role appears twice");
        assertThatThrownBy(() -> new Recording(CALL, Instant.EPOCH,
                        List.of(f(RecordingRole.STEREO, "a.opus"), f(RecordingRole.CANDIDATE_TRACK, "a.opus"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("file name appears twice");
    }

    @Test
    void theRecordingSpeaksForItsStereoFile() {
        Recording r = new Recording(CALL, Instant.EPOCH,
                List.of(f(RecordingRole.CANDIDATE_TRACK, "c.opus"), f(RecordingRole.STEREO, "recording.opus")));
        assertThat(r.stereo().name()).isEqualTo("recording.opus");
        assertThat(r.file(RecordingRole.RECRUITER_TRACK)).isEmpty();
        assertThat(r.duration()).isEqualTo(Duration.ofSeconds(3));
        assertThat(r.sha256()).isEqualTo(SHA);
        assertThat(r.totalSizeBytes()).isEqualTo(20);
    }

    @Test
    void aFileIsAPlainNameWithAHexDigest() {
        assertThatThrownBy(() -> f(RecordingRole.STEREO, "../a.opus")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RecordingFile(RecordingRole.STEREO, "a.opus", RecordingFormat.MP3,
                Duration.ZERO, 1, "ABCD")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sha256");
        assertThatThrownBy(() -> new RecordingFile(RecordingRole.STEREO, "a.opus", RecordingFormat.MP3,
                Duration.ofSeconds(-1), 1, SHA)).isInstanceOf(IllegalArgumentException.class);
        assertThat(RecordingFormat.OGG_OPUS.mediaType()).isEqualTo("audio/ogg");
        assertThat(RecordingFormat.MP3.extension()).isEqualTo("mp3");
    }
}
