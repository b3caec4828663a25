package dev.wacalls.recording;

import dev.wacalls.id.CallId;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The folder a {@link RecordingStorage} reserved for one call: the recorder writes its tracks there during the
 * call and the finaliser its outputs after it. For a storage that keeps recordings elsewhere (object storage), it
 * is a local staging folder that {@link RecordingStorage#save} uploads from.
 *
 * <pre>{@code
 * RecordingLocation here = storage.reserve(callId);
 * Path recruiterTrack = here.directory().resolve("recruiter.opus");
 * }</pre>
 *
 * @param callId the call
 * @param directory an existing, writable folder that belongs to this call alone
 */
public record RecordingLocation(CallId callId, Path directory) {
    public RecordingLocation {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(directory, "directory");
    }

    /** The path of a file of this call, by plain name ({@code recording.opus}); a path or {@code ..} is refused. */
    public Path file(String name) {
        return directory.resolve(FileNames.require(name));
    }
}
