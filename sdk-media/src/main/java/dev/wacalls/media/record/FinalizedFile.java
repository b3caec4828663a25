package dev.wacalls.media.record;

import dev.wacalls.recording.RecordingFile;
import dev.wacalls.recording.RecordingFormat;
import dev.wacalls.recording.RecordingRole;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * One file of a finalised recording, measured after FFmpeg wrote it: where it is, how it is encoded, how long it
 * plays (from the file itself: Ogg granule position, WAV data chunk, MP3 Xing frame count), its size and its
 * SHA-256.
 *
 * <pre>{@code
 * FinalizedFile stereo = finished.stereo();
 * log.info("{}: {} s, {} bytes, sha256 {}", stereo.path(), stereo.duration().toMillis() / 1000.0,
 *         stereo.sizeBytes(), stereo.sha256());
 * }</pre>
 *
 * @param role what the file is for
 * @param path where it is
 * @param format how it is encoded
 * @param duration how long it plays
 * @param sizeBytes its size in bytes
 * @param sha256 the SHA-256 of its bytes, lower-case hex
 */
public record FinalizedFile(
        RecordingRole role, Path path, RecordingFormat format, Duration duration, long sizeBytes, String sha256) {
    public FinalizedFile {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(sha256, "sha256");
    }

    /** The same file as a storage records it: by plain name, inside the call's folder. */
    public RecordingFile toRecordingFile() {
        return new RecordingFile(role, path.getFileName().toString(), format, duration, sizeBytes, sha256);
    }
}
