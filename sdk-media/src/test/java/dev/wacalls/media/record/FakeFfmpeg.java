package dev.wacalls.media.record;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A shell script that answers {@code -version}, {@code -encoders}, {@code -decoders}, {@code -muxers} and
 * {@code -filters} like FFmpeg — with or without libopus — and, asked to do real work, either fails or hangs.
 *
 * <pre>{@code
 * Path noOpus = FakeFfmpeg.write(dir.resolve("ffmpeg"), false, false);
 * }</pre>
 */
final class FakeFfmpeg {
    private FakeFfmpeg() {}

    static Path write(Path file, boolean libopus, boolean hangOnWork) throws IOException {
        String script = """
                #!/bin/sh
                for a in "$@"; do
                  case "$a" in
                    -version) echo "ffmpeg version 9.9-fake Copyright (c) the test"; exit 0 ;;
                    -encoders) printf 'Encoders:\\n A..... = Audio\\n ------\\n A..... pcm_s16le  PCM signed 16-bit\\n A..... libmp3lame  MP3\\n%s'; exit 0 ;;
                    -decoders) printf 'Decoders:\\n ------\\n A....D opus  Opus\\n'; exit 0 ;;
                    -muxers) printf 'File formats:\\n D. = Demuxing supported\\n --\\n  E ogg  Ogg\\n  E mp3  MP3\\n  E wav  WAV\\n'; exit 0 ;;
                    -filters) printf 'Filters:\\n  A = Audio input/output\\n ... aresample A->A x\\n ... aformat A->A x\\n ... apad A->A x\\n ... atrim A->A x\\n ... anullsrc |->A x\\n ... join N->A x\\n ... asplit A->N x\\n ... pan A->A x\\n'; exit 0 ;;
                  esac
                done
                %s
                """.formatted(libopus ? " A..... libopus  libopus Opus\\\\n" : "",
                hangOnWork ? "sleep 60" : "echo 'fake ffmpeg: this build cannot do that' >&2; exit 1");
        Files.writeString(file, script);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
