package dev.wacalls.media.record;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * The configured FFmpeg cannot finalise recordings: the binary is missing or not executable, does not run, or
 * lacks an encoder, muxer or filter the configured formats need (libopus, for the default Ogg Opus). Thrown by
 * {@link RecordingFinalizer#check()} at start-up, so a broken installation is found before the first call ends.
 *
 * <pre>{@code
 * try {
 *     finalizer.check();
 * } catch (FfmpegUnavailableException e) {
 *     throw new IllegalStateException("recording is on but FFmpeg is unusable: " + e.getMessage(), e);
 * }
 * }</pre>
 */
public class FfmpegUnavailableException extends RecordingFinalizationException {
    private static final long serialVersionUID = 1L;

    public FfmpegUnavailableException(String message, @Nullable Path binary, String ffmpegOutput,
            @Nullable Throwable cause) {
        super(message, binary, ffmpegOutput, cause);
    }
}
