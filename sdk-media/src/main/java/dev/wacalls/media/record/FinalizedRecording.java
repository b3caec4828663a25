package dev.wacalls.media.record;

import dev.wacalls.id.CallId;
import dev.wacalls.recording.Recording;
import dev.wacalls.recording.RecordingRole;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What {@link RecordingFinalizer} produced for one call: the stereo recording, the 16 kHz speech files and the
 * source tracks it read (each measured and hashed), the recording's length, and what was not as expected — a
 * track that was missing, empty or silent and so became a silent channel ({@link #silentTracks()}, explained in
 * {@link #warnings()}).
 *
 * <pre>{@code
 * FinalizedRecording finished = finalizer.finish(location.directory());
 * if (!finished.silentTracks().isEmpty()) {
 *     log.warn("call {}: {}", callId, finished.warnings());
 * }
 * storage.save(finished.toRecording(callId, clock.instant()));
 * }</pre>
 *
 * @param files every file, the stereo one first
 * @param duration the stereo recording's length: the longer track's
 * @param silentTracks {@link RecordingRole#RECRUITER_TRACK} and/or {@link RecordingRole#CANDIDATE_TRACK} when that
 *     track was missing, empty or without audio and its channel is silence
 * @param warnings what was not as expected, in words for a log or an operator
 * @param elapsed how long finalisation took (FFmpeg, measuring and hashing)
 */
public record FinalizedRecording(
        List<FinalizedFile> files, Duration duration, Set<RecordingRole> silentTracks, List<String> warnings,
        Duration elapsed) {

    public FinalizedRecording {
        files = List.copyOf(files);
        silentTracks = Set.copyOf(silentTracks);
        warnings = List.copyOf(warnings);
        if (files.stream().noneMatch(f -> f.role() == RecordingRole.STEREO)) {
            throw new IllegalArgumentException("a finalised recording has a stereo file");
        }
    }

    /** The recording people listen to: recruiter left, candidate right. */
    public FinalizedFile stereo() {
        return file(RecordingRole.STEREO).orElseThrow();
    }

    /** The file with that role, if there is one. */
    public Optional<FinalizedFile> file(RecordingRole role) {
        return files.stream().filter(f -> f.role() == role).findFirst();
    }

    /**
     * The {@link Recording} a call record points at and a {@link dev.wacalls.recording.RecordingStorage} saves.
     * Files are named by their plain names, so they must all be in the call's folder (they are, with
     * {@link RecordingFinalizer#finish(java.nio.file.Path)}).
     */
    public Recording toRecording(CallId callId, Instant createdAt) {
        return new Recording(callId, createdAt, files.stream().map(FinalizedFile::toRecordingFile).toList());
    }
}
