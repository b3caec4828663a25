package dev.wacalls.media.record;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * A recording could not be finalised: a track FFmpeg cannot read, an output folder that cannot be written, FFmpeg
 * failing or running too long. The message names the file and ends with the tail of FFmpeg's error output when
 * FFmpeg ran; {@link #file()} and {@link #ffmpegOutput()} give them separately. The source tracks are never
 * modified or deleted, so a failed finalisation can be retried once the cause is fixed.
 *
 * <pre>{@code
 * try {
 *     finalizer.finish(callFolder);
 * } catch (RecordingFinalizationException e) {
 *     log.error("call {}: recording not finalised ({}): {}", callId, e.file(), e.getMessage());
 *     retryLater(callId);
 * }
 * }</pre>
 */
public class RecordingFinalizationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String summary;
    private final @Nullable Path file;
    private final String ffmpegOutput;

    public RecordingFinalizationException(String message, @Nullable Path file, String ffmpegOutput,
            @Nullable Throwable cause) {
        super(ffmpegOutput.isBlank() ? message : message + "\nFFmpeg said:\n" + ffmpegOutput, cause);
        this.summary = message;
        this.file = file;
        this.ffmpegOutput = ffmpegOutput;
    }

    public RecordingFinalizationException(String message, @Nullable Path file) {
        this(message, file, "", null);
    }

    /** The message without FFmpeg's output. */
    public String summary() {
        return summary;
    }

    /** The file at fault (a track, or the output folder), when one is. */
    public @Nullable Path file() {
        return file;
    }

    /** The last lines FFmpeg wrote to its error output; empty when FFmpeg did not run or said nothing. */
    public String ffmpegOutput() {
        return ffmpegOutput;
    }
}
