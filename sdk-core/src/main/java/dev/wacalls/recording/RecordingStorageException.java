package dev.wacalls.recording;

import org.jspecify.annotations.Nullable;

/**
 * A recording storage could not do what was asked: the root is not writable, a file is missing, a name would
 * leave the call's folder. The message names the call and the path; the cause is the I/O error, when there was
 * one. Unchecked, like the rest of the SDK's errors.
 *
 * <pre>{@code
 * try {
 *     storage.reserve(callId);
 * } catch (RecordingStorageException e) {
 *     log.error("call {} will not be recorded: {}", callId, e.getMessage());
 * }
 * }</pre>
 */
public class RecordingStorageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RecordingStorageException(String message) {
        super(message);
    }

    public RecordingStorageException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
