package dev.wacalls.media.record;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import ws.schild.jave.process.ffmpeg.DefaultFFMPEGLocator;

/**
 * One FFmpeg executable: <b>jave's bundled static build</b> ({@link #bundled()}: FFmpeg 4.4.1 with libopus and
 * libmp3lame, copied out of jave's jar into a private folder under {@code java.io.tmpdir} once per JVM — 77 MB,
 * under a second) or a
 * <b>system FFmpeg</b> at a path ({@link #at(Path)}), for machines where the temp directory is {@code noexec},
 * other CPUs than x86-64, or a newer FFmpeg.
 *
 * <p>jave is used only to find and unpack its binary; this class runs it itself with explicit arguments (never a
 * shell), a timeout, and the error output captured for the message when it fails.
 *
 * <pre>{@code
 * Ffmpeg ffmpeg = Ffmpeg.bundled();                         // default
 * Ffmpeg system = Ffmpeg.at(Path.of("/usr/bin/ffmpeg"));     // Debian's, for instance
 * RecordingFinalizer finalizer = RecordingFinalizer.builder().ffmpeg(system).build();
 * }</pre>
 */
public final class Ffmpeg {
    /** One unpack per JVM. */
    private static final Object JAVE_UNPACK = new Object();
    private static @Nullable Path unpacked;
    /** How much of FFmpeg's error output is kept: its last lines say what went wrong. */
    private static final int TAIL_BYTES = 16 * 1024;
    /** Standard output holds listings (-filters is ~40 kB) and progress; more than this is cut from the front. */
    private static final int STDOUT_BYTES = 1024 * 1024;
    private static final int TAIL_LINES = 25;

    private final @Nullable Path configured;
    private volatile @Nullable Path resolved;

    private Ffmpeg(@Nullable Path configured) {
        this.configured = configured;
    }

    /** jave's bundled FFmpeg (Linux x86-64), unpacked on first use. */
    public static Ffmpeg bundled() {
        return new Ffmpeg(null);
    }

    /** The FFmpeg executable at {@code binary}, such as {@code /usr/bin/ffmpeg}. */
    public static Ffmpeg at(Path binary) {
        return new Ffmpeg(Objects.requireNonNull(binary, "binary").toAbsolutePath().normalize());
    }

    /** Whether this is jave's bundled binary. */
    public boolean isBundled() {
        return configured == null;
    }

    /**
     * The executable's path; for the bundled FFmpeg, jave unpacks it first if needed.
     *
     * @throws FfmpegUnavailableException when there is no usable file there
     */
    public Path binary() {
        Path path = resolved;
        if (path == null) {
            path = configured == null ? unpackBundled() : configured;
            if (!Files.isRegularFile(path)) {
                throw new FfmpegUnavailableException("FFmpeg not found: " + path + " does not exist or is not a file",
                        path, "", null);
            }
            if (!Files.isExecutable(path)) {
                throw new FfmpegUnavailableException("FFmpeg at " + path + " is not executable", path, "", null);
            }
            resolved = path;
        }
        return path;
    }

    /**
     * Runs {@code ffmpeg -version}, {@code -encoders}, {@code -decoders}, {@code -muxers} and {@code -filters}.
     *
     * @throws FfmpegUnavailableException when the binary is missing, does not run or does not answer as FFmpeg
     */
    public FfmpegCapabilities capabilities(Duration timeout) {
        Path binary = binary();
        Result version = runForCheck(binary, timeout, "-version");
        String first = version.stdout().lines().findFirst().orElse("").trim();
        if (!first.toLowerCase(Locale.ROOT).startsWith("ffmpeg version")) {
            throw new FfmpegUnavailableException("the program at " + binary + " does not answer -version like FFmpeg: '"
                    + first + "'", binary, version.stderrTail(), null);
        }
        return new FfmpegCapabilities(binary, first,
                names(runForCheck(binary, timeout, "-encoders").stdout()),
                names(runForCheck(binary, timeout, "-decoders").stdout()),
                names(runForCheck(binary, timeout, "-muxers").stdout()),
                names(runForCheck(binary, timeout, "-filters").stdout()));
    }

    private Result runForCheck(Path binary, Duration timeout, String option) {
        Result r;
        try {
            r = run(List.of("-hide_banner", option), timeout);
        } catch (FfmpegUnavailableException e) {
            throw e;
        } catch (RecordingFinalizationException e) {
            throw new FfmpegUnavailableException("FFmpeg at " + binary + " does not run (" + option + "): "
                    + e.getMessage(), binary, e.ffmpegOutput(), e);
        }
        if (r.exitCode() != 0) {
            throw new FfmpegUnavailableException("FFmpeg at " + binary + " failed on " + option + " (exit "
                    + r.exitCode() + ")", binary, r.stderrTail(), null);
        }
        return r;
    }

    /**
     * The names in a listing: lines whose first token is a flag column ({@code A....D}, {@code E}, {@code T..})
     * followed by a name; legend lines ({@code A = Audio}) and the {@code ---} rule are skipped.
     */
    static Set<String> names(String listing) {
        Set<String> names = new LinkedHashSet<>();
        for (String line : listing.split("\n")) {
            String[] tokens = line.trim().split("\\s+");
            if (tokens.length < 2 || !tokens[0].matches("[A-Z.|]+") || tokens[1].equals("=")) {
                continue;
            }
            for (String name : tokens[1].split(",")) {
                names.add(name);
            }
        }
        return names;
    }

    /**
     * Runs FFmpeg with {@code arguments}, waiting at most {@code timeout}; on timeout or interruption the process
     * (and anything it started) is killed. Standard output and error go to temporary files, so a chatty FFmpeg
     * can never block on a full pipe, and only their tails are kept.
     */
    Result run(List<String> arguments, Duration timeout) {
        Path binary = binary();
        List<String> command = new ArrayList<>(arguments.size() + 1);
        command.add(binary.toString());
        command.addAll(arguments);
        Path logs;
        try {
            logs = Files.createTempDirectory("wacalls-ffmpeg-");
        } catch (IOException e) {
            throw new RecordingFinalizationException("cannot create a temporary folder for FFmpeg's output: " + e,
                    null, "", e);
        }
        Path out = logs.resolve("stdout.txt");
        Path err = logs.resolve("stderr.txt");
        long started = System.nanoTime();
        try {
            Process process;
            try {
                process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            } catch (IOException e) {
                throw new FfmpegUnavailableException("cannot start FFmpeg at " + binary + ": " + e.getMessage(),
                        binary, "", e);
            }
            try {
                process.getOutputStream().close(); // with -nostdin FFmpeg reads nothing; close it anyway
            } catch (IOException ignored) {
                // the process may already have exited
            }
            boolean finished;
            try {
                finished = process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                kill(process);
                Thread.currentThread().interrupt();
                throw new RecordingFinalizationException("interrupted while FFmpeg was running; it was stopped", null,
                        tail(err), e);
            }
            if (!finished) {
                kill(process);
                throw new RecordingFinalizationException("FFmpeg did not finish within " + timeout
                        + " and was stopped", null, tail(err), null);
            }
            return new Result(process.exitValue(), readTail(out, STDOUT_BYTES), tail(err),
                    Duration.ofNanos(System.nanoTime() - started));
        } finally {
            try {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
                Files.deleteIfExists(logs);
            } catch (IOException ignored) {
                // a leftover file in the temp folder is harmless
            }
        }
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The last {@value #TAIL_LINES} lines of a file, read from its last {@value #TAIL_BYTES} bytes. */
    private static String tail(Path file) {
        String text = readTail(file, TAIL_BYTES);
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    }

    private static String readTail(Path file, int maxBytes) {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            long from = Math.max(0, length - maxBytes);
            byte[] bytes = new byte[(int) (length - from)];
            raf.seek(from);
            raf.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return "";
        } catch (IOException e) {
            return "(FFmpeg's output could not be read: " + e.getMessage() + ")";
        }
    }

    /**
     * Copies jave's bundled binary out of its jar once per JVM, into a private temporary folder (not jave's own
     * predictable, shared location: see below).
     */
    private static Path unpackBundled() {
        synchronized (JAVE_UNPACK) {
            if (unpacked != null && Files.isExecutable(unpacked)) {
                return unpacked;
            }
            String arch = System.getProperty("os.arch", "?");
            String os = System.getProperty("os.name", "?");
            URL resource = DefaultFFMPEGLocator.class.getResource("/ws/schild/jave/nativebin/ffmpeg-" + arch);
            if (resource == null || !os.toLowerCase(Locale.ROOT).contains("linux")) {
                throw new FfmpegUnavailableException("jave bundles FFmpeg for Linux x86-64 only (here: " + os + " "
                        + arch + "); configure a system FFmpeg with Ffmpeg.at(path)", null, "", null);
            }
            // Our own private copy, not jave's: jave unpacks to a predictable path in the shared temp folder and
            // reuses whatever file is there, which another local user could have planted. A fresh directory from
            // createTempDirectory is readable by this user only (0700), and the copy is written here, now.
            Path dir = null;
            try {
                dir = Files.createTempDirectory("wacalls-ffmpeg-");
                Path binary = dir.resolve("ffmpeg");
                try (java.io.InputStream in = resource.openStream()) {
                    Files.copy(in, binary);
                }
                Files.setPosixFilePermissions(binary, java.nio.file.attribute.PosixFilePermissions.fromString(
                        "r-x------"));
                binary.toFile().deleteOnExit();
                dir.toFile().deleteOnExit();
                unpacked = binary;
                return binary;
            } catch (IOException | RuntimeException e) {
                throw new FfmpegUnavailableException("cannot unpack jave's FFmpeg into " + (dir != null ? dir
                        : System.getProperty("java.io.tmpdir")) + " (is the temp folder writable, with ~80 MB free?): "
                        + e, null, "", e);
            }
        }
    }

    @Override
    public String toString() {
        return configured == null ? "Ffmpeg[bundled by jave]" : "Ffmpeg[" + configured + "]";
    }

    /** How one FFmpeg run ended: exit code, standard output (its last MB) and the last lines of its errors. */
    record Result(int exitCode, String stdout, String stderrTail, Duration elapsed) {
        /** The last {@code key=value} FFmpeg's {@code -progress pipe:1} wrote for {@code key}, if any. */
        @Nullable String lastProgress(String key) {
            String value = null;
            for (String line : stdout.split("\n")) {
                if (line.startsWith(key + "=")) {
                    value = line.substring(key.length() + 1).trim();
                }
            }
            return value;
        }
    }
}
