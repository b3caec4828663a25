package dev.wacalls.media.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The small JSON file ({@value #FILE_NAME}) next to a recording's tracks that says what they are and whether the
 * recording was finished: written when recording starts ({@link State#RECORDING}) and again when it ends
 * ({@link State#CLOSED}), each time atomically (a temporary file renamed over the old one), so that it is always one
 * whole version or the other. A manifest still saying {@code recording} after its process is gone marks a recording
 * a crash interrupted ({@link UnfinishedRecordings}).
 *
 * <pre>{@code
 * {"version":1,"callId":"wacid.ABC","state":"recording","startedAt":"2025-05-01T10:00:00Z",
 *  "tracks":{"recruiter":"recruiter.opus","candidate":"candidate.opus"},"pid":4242,
 *  "processStartedAt":"2025-05-01T09:00:00.120Z","failures":[]}
 * }</pre>
 *
 * Reading is tolerant: unknown fields are ignored and an unknown state reads as {@link State#UNKNOWN}.
 *
 * @param callId the call's id
 * @param state whether the recording is going on, finished or recovered
 * @param startedAt wall-clock time of the call's start: second 0 of every track
 * @param endedAt when it ended (closed) or was recovered; null while recording
 * @param durationMillis length of the tracks once closed or recovered; -1 while recording
 * @param tracks file name of each speaker's track, relative to the manifest's directory
 * @param pid the recording process, to tell a live recording from an orphan
 * @param processStartedAt when that process started (process ids are reused); null if unknown
 * @param failures what went wrong while recording (a full disk, …), as text
 */
public record RecordingManifest(
        String callId, State state, Instant startedAt, @Nullable Instant endedAt, long durationMillis,
        Map<Speaker, String> tracks, long pid, @Nullable Instant processStartedAt, List<String> failures) {
    /** The manifest's file name inside a recording's directory: hidden, like the storage's own files. */
    public static final String FILE_NAME = ".recorder.json";
    private static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where a recording stands. */
    public enum State {
        /** Being written, or interrupted by a crash if its process is gone. */
        RECORDING,
        /** Finished normally: both tracks padded to the call's end and marked end-of-stream. */
        CLOSED,
        /** Interrupted by a crash and finished afterwards by {@link OggRecovery}. */
        RECOVERED,
        /** A state written by a newer version. */
        UNKNOWN
    }

    /** Copies the collections. */
    public RecordingManifest {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(startedAt, "startedAt");
        tracks = Map.copyOf(tracks);
        failures = List.copyOf(failures);
    }

    /** The manifest of a recording starting now in this process. */
    public static RecordingManifest started(String callId, Instant startedAt) {
        ProcessHandle self = ProcessHandle.current();
        Map<Speaker, String> tracks = new EnumMap<>(Speaker.class);
        for (Speaker s : Speaker.values()) {
            tracks.put(s, s.fileName());
        }
        return new RecordingManifest(callId, State.RECORDING, startedAt, null, -1, tracks, self.pid(),
                self.info().startInstant().orElse(null), List.of());
    }

    /** This manifest in {@code state}, ended at {@code endedAt} with tracks of {@code durationMillis}. */
    public RecordingManifest ended(State state, Instant endedAt, long durationMillis, List<String> failures) {
        return new RecordingManifest(callId, state, startedAt, endedAt, durationMillis, tracks, pid,
                processStartedAt, failures);
    }

    /**
     * Whether the process that wrote this manifest still runs (same pid, same start time): a recording in state
     * {@code recording} whose owner is gone was interrupted.
     */
    public boolean ownerAlive() {
        Optional<ProcessHandle> owner = ProcessHandle.of(pid);
        if (owner.isEmpty() || !owner.get().isAlive()) {
            return false;
        }
        Optional<Instant> started = owner.get().info().startInstant();
        return processStartedAt == null || started.isEmpty() || started.get().equals(processStartedAt);
    }

    /** Writes the manifest into {@code directory} atomically: a temporary file, forced to disk, renamed. */
    public void writeTo(Path directory) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", VERSION);
        root.put("callId", callId);
        root.put("state", state.name().toLowerCase(Locale.ROOT));
        root.put("startedAt", startedAt.toString());
        if (endedAt != null) {
            root.put("endedAt", endedAt.toString());
        }
        if (durationMillis >= 0) {
            root.put("durationMillis", durationMillis);
        }
        ObjectNode files = root.putObject("tracks");
        tracks.forEach((speaker, file) -> files.put(speaker.name().toLowerCase(Locale.ROOT), file));
        root.put("pid", pid);
        if (processStartedAt != null) {
            root.put("processStartedAt", processStartedAt.toString());
        }
        ArrayNode errors = root.putArray("failures");
        failures.forEach(errors::add);
        byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);

        Path target = directory.resolve(FILE_NAME);
        Path temporary = directory.resolve(FILE_NAME + ".tmp");
        try (FileChannel ch = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                ch.write(buffer);
            }
            ch.force(true); // the rename must not reach the disk before the content does
        }
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
        forceDirectory(directory);
    }

    /**
     * Reads the manifest file {@code file}.
     *
     * @throws IOException if it cannot be read or is not a manifest (not JSON, no call id, no start time)
     */
    public static RecordingManifest read(Path file) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException("not a recording manifest (bad JSON): " + file, e);
        }
        if (root == null || !root.isObject() || !root.path("callId").isTextual()) {
            throw new IOException("not a recording manifest (no callId): " + file);
        }
        Instant startedAt = instant(root.path("startedAt"));
        if (startedAt == null) {
            throw new IOException("not a recording manifest (no startedAt): " + file);
        }
        Map<Speaker, String> tracks = new EnumMap<>(Speaker.class);
        root.path("tracks").fields().forEachRemaining(e -> {
            for (Speaker s : Speaker.values()) {
                if (s.name().equalsIgnoreCase(e.getKey()) && e.getValue().isTextual()) {
                    tracks.put(s, e.getValue().asText());
                }
            }
        });
        List<String> failures = new ArrayList<>();
        root.path("failures").forEach(f -> failures.add(f.asText()));
        return new RecordingManifest(root.path("callId").asText(), state(root.path("state").asText("")), startedAt,
                instant(root.path("endedAt")), root.path("durationMillis").asLong(-1), tracks,
                root.path("pid").asLong(-1), instant(root.path("processStartedAt")), failures);
    }

    private static State state(String text) {
        for (State s : State.values()) {
            if (s.name().equalsIgnoreCase(text)) {
                return s;
            }
        }
        return State.UNKNOWN;
    }

    private static @Nullable Instant instant(JsonNode node) {
        if (!node.isTextual()) {
            return null;
        }
        try {
            return Instant.parse(node.asText());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static void forceDirectory(Path directory) {
        // The rename is an entry in the directory: force it too, where the platform lets us open a directory.
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not possible here (Windows, some file systems): the rename is still atomic, only its durability waits.
        }
    }
}
