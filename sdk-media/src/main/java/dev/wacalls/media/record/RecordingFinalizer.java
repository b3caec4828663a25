package dev.wacalls.media.record;

import dev.wacalls.recording.RecordingFormat;
import dev.wacalls.recording.RecordingRole;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * Turns a call's two recorded tracks into what people and speech-to-text use, once the call is over: the
 * <b>stereo recording</b> — recruiter on the <b>left</b> channel, candidate on the <b>right</b> — in Ogg Opus
 * (default, libopus), MP3 or WAV, and one <b>16 kHz mono 16-bit WAV per speaker</b>, each measured (duration read
 * from the file), sized and hashed (SHA-256).
 *
 * <p>One FFmpeg run does it all ({@link Ffmpeg}: jave's bundled binary by default, or a system one). It never runs
 * on the packet path: call {@link #finish} after hang-up, or {@link #finishAsync} on an executor of your choice.
 *
 * <p><b>Alignment.</b> The recorder writes both tracks on the call's clock, so they should already line up; to be
 * robust anyway each track is resampled against its timestamps (gaps filled with silence, the first sample at
 * time 0), then padded with silence to the <em>longer</em> track's length, so the recording is as long as the call
 * and never cut to the shorter side. Lengths come from the tracks' last Ogg granule positions (RFC 7845), not from
 * {@code -shortest} or ffprobe.
 *
 * <p><b>Bad input.</b> A track file that does not exist, is empty or holds no audio becomes a silent channel, and
 * the result says so ({@link FinalizedRecording#silentTracks()}, {@link FinalizedRecording#warnings()}); with
 * neither track there is nothing to finalise. A track FFmpeg cannot read, an output folder that cannot be written
 * or too little space fail with a {@link RecordingFinalizationException} naming the file, with the tail of FFmpeg's
 * error output. Outputs are written to hidden temporary files and moved into place only when all are complete; the
 * source tracks are only ever read — never modified, moved or deleted — so a failed run can be retried.
 *
 * <pre>{@code
 * RecordingFinalizer finalizer = RecordingFinalizer.builder()
 *         .format(RecordingFormat.OGG_OPUS)                    // or MP3, WAV
 *         .build();                                            // jave's FFmpeg; .ffmpeg(Ffmpeg.at(path)) for another
 * finalizer.check();                                           // at start-up: fails now, not after the first call
 *
 * // <callFolder>/recruiter.opus + candidate.opus  ->  recording.opus, recruiter.16k.wav, candidate.16k.wav
 * FinalizedRecording finished = finalizer.finish(callFolder);
 * CompletableFuture<FinalizedRecording> later = finalizer.finishAsync(callFolder, postCallExecutor);
 * }</pre>
 */
public final class RecordingFinalizer {
    /** The recruiter's track in a call folder, as the recorder writes it. */
    public static final String RECRUITER_TRACK = Speaker.RECRUITER.fileName();
    /** The candidate's track in a call folder, as the recorder writes it. */
    public static final String CANDIDATE_TRACK = Speaker.CANDIDATE.fileName();
    /** The stereo recording's name without extension: {@code recording.opus}, {@code .mp3} or {@code .wav}. */
    public static final String STEREO_NAME = "recording";
    /** The recruiter's 16 kHz speech file. */
    public static final String RECRUITER_SPEECH = "recruiter.16k.wav";
    /** The candidate's 16 kHz speech file. */
    public static final String CANDIDATE_SPEECH = "candidate.16k.wav";
    /** Finalising takes about 1 % of the call's length; ten minutes leaves room for calls of many hours. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(30);
    private static final int SPEECH_RATE = 16_000;

    private final Ffmpeg ffmpeg;
    private final RecordingFormat format;
    private final int opusKbps;
    private final int opusComplexity;
    private final int mp3Kbps;
    private final boolean speechFiles;
    private final Duration timeout;

    private RecordingFinalizer(Builder b) {
        this.ffmpeg = b.ffmpeg == null ? Ffmpeg.bundled() : b.ffmpeg;
        this.format = b.format;
        this.opusKbps = b.opusKbps;
        this.opusComplexity = b.opusComplexity;
        this.mp3Kbps = b.mp3Kbps;
        this.speechFiles = b.speechFiles;
        this.timeout = b.timeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this finaliser's settings, to make a variant. */
    public Builder newBuilder() {
        Builder b = new Builder();
        b.ffmpeg = ffmpeg;
        b.format = format;
        b.opusKbps = opusKbps;
        b.opusComplexity = opusComplexity;
        b.mp3Kbps = mp3Kbps;
        b.speechFiles = speechFiles;
        b.timeout = timeout;
        return b;
    }

    public Ffmpeg ffmpeg() {
        return ffmpeg;
    }

    public RecordingFormat format() {
        return format;
    }

    /**
     * Checks, at start-up, that FFmpeg runs and has what this finaliser's settings need: an Opus decoder for the
     * tracks; the {@code libopus} encoder and {@code ogg} muxer for Ogg Opus (FFmpeg's native {@code opus} encoder
     * is experimental and not used), {@code libmp3lame} and {@code mp3} for MP3, {@code pcm_s16le} and {@code wav}
     * for WAV and the speech files; and the filters of the graph.
     *
     * @return what FFmpeg can do, for the start-up log
     * @throws FfmpegUnavailableException naming the binary and everything it lacks
     */
    public FfmpegCapabilities check() {
        FfmpegCapabilities caps = ffmpeg.capabilities(CHECK_TIMEOUT);
        List<String> missing = new ArrayList<>();
        if (!caps.decoders().contains("opus") && !caps.decoders().contains("libopus")) {
            missing.add("an Opus decoder (opus or libopus)");
        }
        List<String> encoders = new ArrayList<>();
        List<String> muxers = new ArrayList<>();
        switch (format) {
            case OGG_OPUS -> {
                encoders.add("libopus");
                muxers.add("ogg");
            }
            case MP3 -> {
                encoders.add("libmp3lame");
                muxers.add("mp3");
            }
            case WAV -> {
                encoders.add("pcm_s16le");
                muxers.add("wav");
            }
        }
        if (speechFiles) {
            encoders.add("pcm_s16le");
            muxers.add("wav");
        }
        encoders.stream().distinct().filter(e -> !caps.encoders().contains(e)).forEach(e -> missing.add("encoder " + e));
        muxers.stream().distinct().filter(m -> !caps.muxers().contains(m)).forEach(m -> missing.add("muxer " + m));
        for (String filter : List.of("aresample", "aformat", "apad", "atrim", "anullsrc", "join", "asplit", "pan")) {
            if (!speechFiles && (filter.equals("asplit") || filter.equals("pan"))) {
                continue;
            }
            if (!caps.filters().contains(filter)) {
                missing.add("filter " + filter);
            }
        }
        if (!missing.isEmpty()) {
            throw new FfmpegUnavailableException("FFmpeg at " + caps.binary() + " (" + caps.version()
                    + ") cannot finalise " + format + " recordings: it lacks " + String.join(", ", missing)
                    + (missing.contains("encoder libopus")
                            ? " (FFmpeg must be built with --enable-libopus; jave's bundled FFmpeg is)" : ""),
                    caps.binary(), "", null);
        }
        return caps;
    }

    /**
     * Finalises the recording in a call folder: reads {@value #RECRUITER_TRACK} and {@value #CANDIDATE_TRACK},
     * writes {@code recording.<ext>}, {@value #RECRUITER_SPEECH} and {@value #CANDIDATE_SPEECH} next to them
     * (replacing earlier outputs of the same names).
     */
    public FinalizedRecording finish(Path callFolder) {
        return finish(callFolder.resolve(RECRUITER_TRACK), callFolder.resolve(CANDIDATE_TRACK), callFolder);
    }

    /** {@link #finish(Path)} on {@code executor}. */
    public CompletableFuture<FinalizedRecording> finishAsync(Path callFolder, Executor executor) {
        Objects.requireNonNull(callFolder, "callFolder");
        return CompletableFuture.supplyAsync(() -> finish(callFolder), executor);
    }

    /** {@link #finish(Path, Path, Path)} on {@code executor}. */
    public CompletableFuture<FinalizedRecording> finishAsync(
            Path recruiterTrack, Path candidateTrack, Path outputFolder, Executor executor) {
        return CompletableFuture.supplyAsync(() -> finish(recruiterTrack, candidateTrack, outputFolder), executor);
    }

    /**
     * Finalises a recording from two tracks anywhere into {@code outputFolder} (created if needed).
     *
     * @throws RecordingFinalizationException when it cannot; nothing is left half-written and the tracks are as
     *     they were
     * @throws IllegalArgumentException when an output would overwrite a track
     */
    public FinalizedRecording finish(Path recruiterTrack, Path candidateTrack, Path outputFolder) {
        long started = System.nanoTime();
        Path folder = outputFolder.toAbsolutePath().normalize();
        Path recruiter = recruiterTrack.toAbsolutePath().normalize();
        Path candidate = candidateTrack.toAbsolutePath().normalize();
        Output stereo = new Output(RecordingRole.STEREO, folder.resolve(STEREO_NAME + "." + format.extension()), format);
        List<Output> outputs = new ArrayList<>(List.of(stereo));
        if (speechFiles) {
            outputs.add(new Output(RecordingRole.RECRUITER_SPEECH_16K, folder.resolve(RECRUITER_SPEECH), RecordingFormat.WAV));
            outputs.add(new Output(RecordingRole.CANDIDATE_SPEECH_16K, folder.resolve(CANDIDATE_SPEECH), RecordingFormat.WAV));
        }
        for (Output o : outputs) {
            if (sameFile(o.path(), recruiter) || sameFile(o.path(), candidate)) {
                throw new IllegalArgumentException("the output " + o.path() + " would overwrite a source track");
            }
        }

        List<String> warnings = new ArrayList<>();
        Track left = inspect(RecordingRole.RECRUITER_TRACK, recruiter, warnings);
        Track right = inspect(RecordingRole.CANDIDATE_TRACK, candidate, warnings);
        if (left.silent() && right.silent()) {
            throw new RecordingFinalizationException("nothing to finalise in " + folder + ": " + String.join("; ",
                    warnings), recruiter);
        }
        long samples = Math.max(left.samples(), right.samples());

        try {
            prepare(folder, outputs, samples);
            Ffmpeg.Result result;
            try {
                result = ffmpeg.run(arguments(left, right, samples, outputs), timeout);
            } catch (RecordingFinalizationException e) {
                throw new RecordingFinalizationException("cannot finalise the recording of " + describe(left, right)
                        + " into " + folder + ": " + e.summary(), e.file() == null ? folder : e.file(),
                        e.ffmpegOutput(), e);
            }
            if (result.exitCode() != 0) {
                throw new RecordingFinalizationException("FFmpeg failed (exit " + result.exitCode()
                        + ") to finalise the recording of " + describe(left, right) + " into " + folder,
                        blame(result.stderrTail(), left, right, folder), result.stderrTail(), null);
            }
            List<FinalizedFile> files = new ArrayList<>();
            for (Output o : outputs) {
                files.add(measure(o, result));
            }
            for (Output o : outputs) {
                move(o);
            }
            for (Track t : List.of(left, right)) {
                if (!t.silent() && t.oggOpus()) {
                    files.add(new FinalizedFile(t.role(), t.path(), RecordingFormat.OGG_OPUS,
                            AudioFiles.durationOf(t.samples(), OpusPackets.SAMPLE_RATE), size(t.path()), hash(t.path())));
                }
            }
            EnumSet<RecordingRole> silent = EnumSet.noneOf(RecordingRole.class);
            for (Track t : List.of(left, right)) {
                if (t.silent()) {
                    silent.add(t.role());
                }
            }
            return new FinalizedRecording(files, files.get(0).duration(), silent, warnings,
                    Duration.ofNanos(System.nanoTime() - started));
        } finally {
            for (Output o : outputs) {
                deleteQuietly(o.temp());
            }
        }
    }

    /** A side of the call: its track, its length in 48 kHz samples, whether it is a silent channel. */
    private record Track(RecordingRole role, Path path, long samples, boolean silent, boolean oggOpus) {}

    /** One output: its final path and the hidden temporary file FFmpeg writes first. */
    private record Output(RecordingRole role, Path path, RecordingFormat format, Path temp) {
        Output(RecordingRole role, Path path, RecordingFormat format) {
            this(role, path, format, path.resolveSibling("." + path.getFileName() + "." + UUID.randomUUID() + ".part"));
        }
    }

    private Track inspect(RecordingRole role, Path path, List<String> warnings) {
        String who = role == RecordingRole.RECRUITER_TRACK ? "recruiter" : "candidate";
        String channel = role == RecordingRole.RECRUITER_TRACK ? "left" : "right";
        if (!Files.exists(path)) {
            warnings.add("no " + who + " track (" + path + "): the " + channel + " channel is silence");
            return new Track(role, path, 0, true, false);
        }
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new RecordingFinalizationException("the " + who + " track " + path + " is not a readable file", path);
        }
        long size = size(path);
        if (size == 0) {
            warnings.add("the " + who + " track " + path + " is empty: the " + channel + " channel is silence");
            return new Track(role, path, 0, true, false);
        }
        long samples;
        boolean oggOpus;
        try {
            samples = AudioFiles.oggOpus(path).samples();
            oggOpus = true;
        } catch (IOException notOggOpus) {
            // Not what the recorder writes, or damaged: FFmpeg decides, and its error is the one worth showing.
            samples = probe(who, path);
            oggOpus = false;
            warnings.add("the " + who + " track " + path + " is not a well-formed Ogg Opus file ("
                    + notOggOpus.getMessage() + "); FFmpeg read " + AudioFiles.durationOf(samples, OpusPackets.SAMPLE_RATE)
                    + " of audio from it");
        }
        if (samples == 0) {
            warnings.add("the " + who + " track " + path + " holds no audio: the " + channel + " channel is silence");
            return new Track(role, path, 0, true, oggOpus);
        }
        return new Track(role, path, samples, false, oggOpus);
    }

    /** Decodes a track FFmpeg's way, to learn its length or why it cannot be read. */
    private long probe(String who, Path path) {
        Ffmpeg.Result r;
        try {
            r = ffmpeg.run(List.of("-nostdin", "-hide_banner", "-nostats", "-loglevel", "error", "-progress", "pipe:1",
                    "-i", "file:" + path, "-map", "0:a:0", "-f", "null", "-"), timeout);
        } catch (RecordingFinalizationException e) {
            throw new RecordingFinalizationException("cannot read the " + who + " track " + path + ": " + e.summary(),
                    path, e.ffmpegOutput(), e);
        }
        String micros = r.lastProgress("out_time_us");
        if (r.exitCode() != 0 || micros == null || !micros.matches("\\d+")) {
            throw new RecordingFinalizationException("the " + who + " track " + path + " cannot be read by FFmpeg (exit "
                    + r.exitCode() + ")", path, r.stderrTail(), null);
        }
        return Long.parseLong(micros) * OpusPackets.SAMPLE_RATE / 1_000_000L;
    }

    /** Creates the folder, proves it writable by creating the temporary files, and checks there is room. */
    private void prepare(Path folder, List<Output> outputs, long samples) {
        try {
            Files.createDirectories(folder);
        } catch (FileAlreadyExistsException e) {
            throw new RecordingFinalizationException("the output folder " + folder + " is not a folder", folder);
        } catch (IOException | RuntimeException e) {
            throw new RecordingFinalizationException("cannot create the output folder " + folder + ": " + reason(e),
                    folder, "", e);
        }
        for (Output o : outputs) {
            try {
                Files.createFile(o.temp());
            } catch (IOException | RuntimeException e) {
                throw new RecordingFinalizationException("cannot write to the output folder " + folder + ": "
                        + reason(e), folder, "", e);
            }
        }
        long seconds = samples / OpusPackets.SAMPLE_RATE + 1;
        long stereoPerSecond = switch (format) {
            case OGG_OPUS -> opusKbps * 1000L / 8 * 3 / 2; // VBR can overshoot; Ogg adds ~1 %
            case MP3 -> mp3Kbps * 1000L / 8 * 11 / 10;
            case WAV -> 48_000L * 2 * 2;
        };
        long needed = stereoPerSecond * seconds + (speechFiles ? 2L * SPEECH_RATE * 2 * seconds : 0) + 64 * 1024;
        long usable;
        try {
            usable = Files.getFileStore(folder).getUsableSpace();
        } catch (IOException e) {
            return; // unknown: FFmpeg will say so if the disk fills up
        }
        if (usable < needed) {
            throw new RecordingFinalizationException("not enough space in " + folder + " to finalise " + seconds
                    + " s of audio: about " + mb(needed) + " needed, " + mb(usable) + " free", folder);
        }
    }

    private List<String> arguments(Track left, Track right, long samples, List<Output> outputs) {
        List<String> args = new ArrayList<>(List.of(
                "-nostdin", "-hide_banner", "-nostats", "-loglevel", "warning", "-progress", "pipe:1", "-y"));
        StringBuilder graph = new StringBuilder();
        int input = 0;
        for (Track t : List.of(left, right)) {
            String label = t.role() == RecordingRole.RECRUITER_TRACK ? "l" : "r";
            if (t.silent()) {
                graph.append("anullsrc=r=48000:cl=mono,");
            } else {
                args.add("-i");
                args.add("file:" + t.path()); // "file:": a name with a colon is never taken for a protocol
                // async=1 fills gaps in the timestamps with silence, first_pts=0 starts the track at the call's 0;
                // apad + atrim make both sides exactly as long as the longer one (amerge/-shortest would cut).
                graph.append('[').append(input++).append(":a]aresample=48000:async=1:first_pts=0,")
                        .append("aformat=channel_layouts=mono,apad=whole_len=").append(samples).append(',');
            }
            graph.append("atrim=end_sample=").append(samples).append('[').append(label).append("];");
        }
        graph.append("[l][r]join=inputs=2:channel_layout=stereo:map=0.0-FL|1.0-FR");
        if (speechFiles) {
            // The speech files are split from the joined stereo, never from the tracks before join: with asplit
            // feeding join, FFmpeg (4.4 and 5.1) drops join's last frame when the tracks' lengths differ.
            graph.append(",asplit=3[stereo][ls][rs];")
                    .append("[ls]pan=mono|c0=FL,aresample=").append(SPEECH_RATE).append("[l16];")
                    .append("[rs]pan=mono|c0=FR,aresample=").append(SPEECH_RATE).append("[r16]");
        } else {
            graph.append("[stereo]");
        }
        args.add("-filter_complex");
        args.add(graph.toString());
        for (Output o : outputs) {
            args.add("-map");
            args.add(switch (o.role()) {
                case RECRUITER_SPEECH_16K -> "[l16]";
                case CANDIDATE_SPEECH_16K -> "[r16]";
                default -> "[stereo]";
            });
            if (o.role() == RecordingRole.STEREO) {
                switch (o.format()) {
                    case OGG_OPUS -> args.addAll(List.of("-c:a", "libopus", "-b:a", opusKbps + "k",
                            "-compression_level", String.valueOf(opusComplexity), "-f", "ogg"));
                    case MP3 -> args.addAll(List.of("-c:a", "libmp3lame", "-b:a", mp3Kbps + "k", "-f", "mp3"));
                    case WAV -> args.addAll(List.of("-c:a", "pcm_s16le", "-f", "wav"));
                }
            } else {
                args.addAll(List.of("-c:a", "pcm_s16le", "-ar", String.valueOf(SPEECH_RATE), "-ac", "1", "-f", "wav"));
            }
            // bitexact: no encoder version tags and a fixed Ogg serial, so the same tracks give the same bytes.
            args.addAll(List.of("-fflags", "+bitexact", "-flags:a", "+bitexact", "-map_metadata", "-1"));
            args.add("file:" + o.temp());
        }
        return args;
    }

    private FinalizedFile measure(Output o, Ffmpeg.Result result) {
        Duration duration;
        try {
            duration = switch (o.format()) {
                case OGG_OPUS -> AudioFiles.oggOpus(o.temp()).duration();
                case WAV -> AudioFiles.wav(o.temp()).duration();
                case MP3 -> {
                    Duration xing = AudioFiles.mp3(o.temp());
                    yield xing != null ? xing : fromProgress(result, o);
                }
            };
        } catch (IOException | RuntimeException e) {
            throw new RecordingFinalizationException("FFmpeg wrote " + o.path().getFileName() + " but it cannot be "
                    + "measured: " + e.getMessage(), o.path(), result.stderrTail(), e);
        }
        return new FinalizedFile(o.role(), o.path(), o.format(), duration, size(o.temp()), hash(o.temp()));
    }

    private static Duration fromProgress(Ffmpeg.Result result, Output o) {
        String micros = result.lastProgress("out_time_us");
        if (micros == null || !micros.matches("\\d+")) {
            throw new RecordingFinalizationException("cannot tell how long " + o.path().getFileName() + " is",
                    o.path(), result.stderrTail(), null);
        }
        return Duration.ofNanos(Long.parseLong(micros) * 1000);
    }

    private static void move(Output o) {
        try {
            Files.move(o.temp(), o.path(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new RecordingFinalizationException("cannot move the finished " + o.path().getFileName()
                    + " into place: " + reason(e), o.path(), "", e);
        }
    }

    /** The file FFmpeg's error is about: a track when its output names one, else the output folder. */
    private static Path blame(String stderr, Track left, Track right, Path folder) {
        for (Track t : List.of(left, right)) {
            if (!t.silent() && stderr.contains(t.path().toString())) {
                return t.path();
            }
        }
        return folder;
    }

    private static String describe(Track left, Track right) {
        return (left.silent() ? "(no recruiter track)" : left.path().toString()) + " and "
                + (right.silent() ? "(no candidate track)" : right.path().toString());
    }

    private static boolean sameFile(Path a, Path b) {
        if (a.equals(b)) {
            return true;
        }
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new RecordingFinalizationException("cannot read the size of " + file + ": " + reason(e), file, "", e);
        }
    }

    private static String hash(Path file) {
        try {
            return AudioFiles.sha256(file);
        } catch (IOException e) {
            throw new RecordingFinalizationException("cannot read " + file + " to hash it: " + reason(e), file, "", e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException | RuntimeException ignored) {
            // a leftover hidden .part file is harmless, and the next run uses new names
        }
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    private static String reason(Exception e) {
        if (e instanceof AccessDeniedException a) {
            return "permission denied (" + a.getFile() + ")";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason() + " (" + f.getFile() + ")";
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    @Override
    public String toString() {
        return "RecordingFinalizer[" + ffmpeg + ", " + format.name().toLowerCase(Locale.ROOT) + "]";
    }

    /** Settings; every one has a default. */
    public static final class Builder {
        private @Nullable Ffmpeg ffmpeg;
        private RecordingFormat format = RecordingFormat.OGG_OPUS;
        private int opusKbps = 48;
        private int opusComplexity = 10;
        private int mp3Kbps = 96;
        private boolean speechFiles = true;
        private Duration timeout = DEFAULT_TIMEOUT;

        private Builder() {}

        /** The FFmpeg to run; default {@link Ffmpeg#bundled()}. */
        public Builder ffmpeg(Ffmpeg ffmpeg) {
            this.ffmpeg = Objects.requireNonNull(ffmpeg, "ffmpeg");
            return this;
        }

        /** The stereo recording's format; default {@link RecordingFormat#OGG_OPUS}. */
        public Builder format(RecordingFormat format) {
            this.format = Objects.requireNonNull(format, "format");
            return this;
        }

        /** Ogg Opus bit rate for both channels together, kbit/s; default 48 (two voices at about 24 each). */
        public Builder opusBitrateKbps(int kbps) {
            if (kbps < 6 || kbps > 510) {
                throw new IllegalArgumentException("Opus bit rate must be 6 to 510 kbit/s: " + kbps);
            }
            this.opusKbps = kbps;
            return this;
        }

        /**
         * libopus's encoder complexity, 0 to 10; default 10 (best quality per bit). Encoding is most of the
         * finalisation time: with jave's FFmpeg, 5 takes about 15 % less CPU and 3 about 40 % less than 10, for
         * files a few per cent larger or slightly worse at the same bit rate.
         */
        public Builder opusComplexity(int complexity) {
            if (complexity < 0 || complexity > 10) {
                throw new IllegalArgumentException("Opus complexity must be 0 to 10: " + complexity);
            }
            this.opusComplexity = complexity;
            return this;
        }

        /** MP3 bit rate, kbit/s; default 96. */
        public Builder mp3BitrateKbps(int kbps) {
            if (kbps < 32 || kbps > 320) {
                throw new IllegalArgumentException("MP3 bit rate must be 32 to 320 kbit/s: " + kbps);
            }
            this.mp3Kbps = kbps;
            return this;
        }

        /** Whether to write the two 16 kHz speech files; default true (transcription needs them). */
        public Builder speechFiles(boolean speechFiles) {
            this.speechFiles = speechFiles;
            return this;
        }

        /** How long one FFmpeg run may take before it is stopped; default {@link #DEFAULT_TIMEOUT}. */
        public Builder timeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive: " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        public RecordingFinalizer build() {
            return new RecordingFinalizer(this);
        }
    }
}
