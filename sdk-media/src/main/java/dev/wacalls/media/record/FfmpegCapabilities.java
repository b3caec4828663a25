package dev.wacalls.media.record;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;

/**
 * What an FFmpeg binary can do, as {@code ffmpeg -version}, {@code -encoders}, {@code -decoders}, {@code -muxers}
 * and {@code -filters} listed it: read once at start-up by {@link RecordingFinalizer#check()}.
 *
 * <pre>{@code
 * FfmpegCapabilities ffmpeg = finalizer.check();
 * log.info("recordings finalised with {} ({})", ffmpeg.version(), ffmpeg.binary());
 * }</pre>
 *
 * @param binary the executable
 * @param version the first line of {@code ffmpeg -version}, e.g. {@code ffmpeg version 4.4.1-static …}
 * @param encoders encoder names ({@code libopus}, {@code libmp3lame}, {@code pcm_s16le}, …)
 * @param decoders decoder names ({@code opus}, {@code libopus}, …)
 * @param muxers muxer names ({@code ogg}, {@code mp3}, {@code wav}, …)
 * @param filters filter names ({@code join}, {@code apad}, …)
 */
public record FfmpegCapabilities(
        Path binary, String version, Set<String> encoders, Set<String> decoders, Set<String> muxers,
        Set<String> filters) {
    public FfmpegCapabilities {
        Objects.requireNonNull(binary, "binary");
        Objects.requireNonNull(version, "version");
        encoders = Set.copyOf(encoders);
        decoders = Set.copyOf(decoders);
        muxers = Set.copyOf(muxers);
        filters = Set.copyOf(filters);
    }
}
