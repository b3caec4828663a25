package dev.wacalls.recording;

import dev.wacalls.id.CallId;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The finished recording of one call, what a call record points at: the call id, when it was finished, and its
 * files — exactly one {@link RecordingRole#STEREO} file (recruiter left, candidate right) and usually the two
 * source tracks and the two 16 kHz speech files. {@link #format()}, {@link #duration()}, {@link #sizeBytes()} and
 * {@link #sha256()} are the stereo file's.
 *
 * <pre>{@code
 * Recording recording = finished.toRecording(callId, clock.instant());   // from sdk-media's RecordingFinalizer
 * storage.save(recording);
 * callRecord.recording(recording);
 * }</pre>
 *
 * @param callId the call
 * @param createdAt when the recording was finished
 * @param files the files, each name once, one of them the stereo file
 */
public record Recording(CallId callId, Instant createdAt, List<RecordingFile> files) {

    public Recording {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(createdAt, "createdAt");
        files = List.copyOf(files);
        Set<String> names = new HashSet<>();
        Set<RecordingRole> roles = new HashSet<>();
        for (RecordingFile f : files) {
            if (!names.add(f.name())) {
                throw new IllegalArgumentException("file name appears twice in the recording of " + callId + ": " + f.name());
            }
            if (!roles.add(f.role())) {
                throw new IllegalArgumentException("role appears twice in the recording of " + callId + ": " + f.role());
            }
        }
        if (!roles.contains(RecordingRole.STEREO)) {
            throw new IllegalArgumentException("the recording of " + callId + " has no " + RecordingRole.STEREO + " file");
        }
    }

    /** The file people listen to. */
    public RecordingFile stereo() {
        return file(RecordingRole.STEREO).orElseThrow();
    }

    /** The file with that role, if the recording has one. */
    public Optional<RecordingFile> file(RecordingRole role) {
        return files.stream().filter(f -> f.role() == role).findFirst();
    }

    /** The stereo file's format. */
    public RecordingFormat format() {
        return stereo().format();
    }

    /** How long the stereo file plays: the call's length as recorded. */
    public Duration duration() {
        return stereo().duration();
    }

    /** The stereo file's size in bytes. */
    public long sizeBytes() {
        return stereo().sizeBytes();
    }

    /** The stereo file's SHA-256, hex. */
    public String sha256() {
        return stereo().sha256();
    }

    /** The size of all the files together, in bytes. */
    public long totalSizeBytes() {
        return files.stream().mapToLong(RecordingFile::sizeBytes).sum();
    }
}
