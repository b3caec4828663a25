package dev.wacalls.recording;

import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One file of a call's recording, as it was when it was finished: its role, its plain name inside the call's
 * folder (never a path), how it is encoded, how long it plays, its size and its SHA-256 — enough to serve it, to
 * check it has not changed, and to pick the right input for speech-to-text.
 *
 * <pre>{@code
 * RecordingFile stereo = new RecordingFile(RecordingRole.STEREO, "recording.opus", RecordingFormat.OGG_OPUS,
 *         Duration.ofMillis(61_020), 373_112, "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
 * }</pre>
 *
 * @param role what the file is for
 * @param name a plain file name (letters, digits, {@code . _ -}; no separators, no {@code ..})
 * @param format how it is encoded
 * @param duration how long it plays
 * @param sizeBytes its size in bytes
 * @param sha256 the SHA-256 of its bytes, 64 lower-case hex digits
 */
public record RecordingFile(
        RecordingRole role, String name, RecordingFormat format, Duration duration, long sizeBytes, String sha256) {

    public RecordingFile {
        Objects.requireNonNull(role, "role");
        FileNames.require(name);
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative: " + duration);
        }
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("size must not be negative: " + sizeBytes);
        }
        Objects.requireNonNull(sha256, "sha256");
        if (sha256.length() != 64 || !sha256.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits: '" + sha256 + "'");
        }
    }

    /** The digest as bytes, for constant-time comparisons. */
    public byte[] sha256Bytes() {
        return HexFormat.of().parseHex(sha256);
    }
}
