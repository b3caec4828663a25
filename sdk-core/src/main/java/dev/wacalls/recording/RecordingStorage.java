package dev.wacalls.recording;

import dev.wacalls.id.CallId;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * Where the recordings of calls are kept: one folder-like location per call, which the recorder fills during the
 * call and the finaliser completes after it, then a {@link Recording} saved with it that the call record points
 * at. Implementations must keep every call inside its own location whatever the call id holds ({@code /},
 * {@code ..}, {@code =}): call ids come from webhooks, which is to say from outside.
 *
 * <pre>{@code
 * RecordingStorage storage = new FileSystemRecordingStorage(Path.of("/var/lib/ats/recordings"));
 * RecordingLocation location = storage.reserve(callId);            // when the call connects
 * // ... recorder writes location.file("recruiter.opus") and location.file("candidate.opus") ...
 * Recording recording = finalizer.finish(location.directory()).toRecording(callId, Instant.now());
 * storage.save(recording);                                         // after hang-up
 * try (InputStream in = storage.open(callId, recording.stereo().name())) { ... }
 * }</pre>
 */
public interface RecordingStorage {

    /**
     * Creates the call's location, or returns it when it exists already (a restarted finaliser reserves again).
     * Safe to call from several threads and processes at once.
     *
     * @throws RecordingStorageException when the location cannot be created (for instance a read-only root)
     */
    RecordingLocation reserve(CallId callId);

    /**
     * Records that the call's recording is finished, atomically: readers see the previous state or this one,
     * never a half-written one. Every file must already be in the call's location with the size it claims.
     */
    Recording save(Recording recording);

    /** The saved recording of the call; empty when none was saved (not reserved, or not finished yet). */
    Optional<Recording> find(CallId callId);

    /** The names of the files the call's location holds, sorted; empty when the call has no location. */
    List<String> list(CallId callId);

    /**
     * Opens one file of the call for reading.
     *
     * @param name a plain file name as {@link #list} returns it; a path or {@code ..} is refused
     * @throws RecordingStorageException when the call or the file does not exist
     */
    InputStream open(CallId callId, String name);

    /**
     * Deletes the call's location and everything in it (to honour a deletion request, or a retention rule).
     *
     * @return whether there was anything to delete
     */
    boolean delete(CallId callId);
}
