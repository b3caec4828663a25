package dev.wacalls.media.record;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the recordings a crash left unfinished — manifests still in state {@code recording} whose process is gone —
 * and finishes them with {@link OggRecovery}, so that the call's record gets its recording after all.
 *
 * <pre>{@code
 * // At application start-up, before new calls are recorded under the same root:
 * for (UnfinishedRecordings.Unfinished u : UnfinishedRecordings.find(recordingsRoot)) {
 *     UnfinishedRecordings.Recovered r = UnfinishedRecordings.recover(u, Clock.systemUTC());
 *     log.info("recovered call {}: {}", u.manifest().callId(), r.tracks());
 * }
 * }</pre>
 *
 * <p>A manifest whose process still runs is left alone ({@link RecordingManifest#ownerAlive()}): it belongs to a call
 * in progress, possibly in another instance sharing the directory on the same host. Manifests that cannot be read are
 * logged and skipped.
 */
public final class UnfinishedRecordings {
    private static final Logger log = LoggerFactory.getLogger(UnfinishedRecordings.class);
    /** How deep under the root manifests are looked for: {@code root/<call>/} or {@code root/<day>/<call>/}. */
    public static final int MAX_DEPTH = 3;

    private UnfinishedRecordings() {}

    /** A recording left in state {@code recording}: its directory and manifest. */
    public record Unfinished(Path directory, RecordingManifest manifest) {}

    /**
     * A finished recovery.
     *
     * @param manifest the manifest as rewritten, in state {@code recovered}
     * @param tracks what {@link OggRecovery} found in each speaker's file (missing files are absent)
     */
    public record Recovered(RecordingManifest manifest, Map<Speaker, OggRecovery.Result> tracks) {}

    /** The unfinished recordings under {@code root} whose process is gone, oldest first. */
    public static List<Unfinished> find(Path root) throws IOException {
        List<Unfinished> found = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return found;
        }
        Files.walkFileTree(root, EnumSet.noneOf(FileVisitOption.class), MAX_DEPTH, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile() && file.getFileName().toString().equals(RecordingManifest.FILE_NAME)) {
                    consider(file, found);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                // One unreadable directory must not hide the recordings in the others.
                log.warn("cannot look into {} for recordings: {}", file, e.toString());
                return FileVisitResult.CONTINUE;
            }
        });
        found.sort(Comparator.comparing(u -> u.manifest().startedAt()));
        return found;
    }

    private static void consider(Path manifestFile, List<Unfinished> found) {
        RecordingManifest m;
        try {
            m = RecordingManifest.read(manifestFile);
        } catch (IOException e) {
            log.warn("skipping unreadable recording manifest {}: {}", manifestFile, e.getMessage());
            return;
        }
        // The lock is the real test (it survives neither a crash nor a kill -9, and works across containers on a
        // shared volume); the process id is a second opinion for recordings made before the lock existed.
        if (m.state() == RecordingManifest.State.RECORDING && !RecordingLock.isHeld(manifestFile.getParent())
                && !m.ownerAlive()) {
            found.add(new Unfinished(manifestFile.getParent(), m));
        }
    }

    /**
     * What {@link #finishAll} did with one crashed recording.
     *
     * @param finished the finalised recording, or null when finalising failed
     * @param error why it failed (FFmpeg, storage), null when it worked; the tracks stay for the next attempt
     */
    public record Finished(Unfinished unfinished, @org.jspecify.annotations.Nullable FinalizedRecording finished,
            @org.jspecify.annotations.Nullable Exception error) {}

    /**
     * The start-up sweep: finds every recording a crash left unfinished under {@code root}, closes its files
     * ({@link #recover}), finalises it like any call ({@link RecordingFinalizer#finish(Path)}: stereo recording, speech
     * files) and, with a storage, saves it for the call's record. One that fails is reported and left for the next
     * start (its manifest still says {@code recording}; the finaliser never touches the tracks); the others go on.
     *
     * <pre>{@code
     * for (UnfinishedRecordings.Finished f : UnfinishedRecordings.finishAll(root, finalizer, storage, clock)) {
     *     if (f.error() != null) log.warn("call {}: recording not finished yet", f.unfinished().manifest().callId());
     * }
     * }</pre>
     *
     * @param storage where finished recordings are saved ({@code root} must be its root); null to only finalise
     */
    public static List<Finished> finishAll(Path root, RecordingFinalizer finalizer,
            dev.wacalls.recording.@org.jspecify.annotations.Nullable RecordingStorage storage, Clock clock)
            throws IOException {
        List<Finished> results = new ArrayList<>();
        for (Unfinished u : find(root)) {
            try {
                FinalizedRecording[] out = new FinalizedRecording[1];
                recover(u, clock, () -> {
                    out[0] = finalizer.finish(u.directory());
                    if (storage != null) {
                        storage.save(out[0].toRecording(dev.wacalls.id.CallId.of(u.manifest().callId()),
                                clock.instant()));
                    }
                });
                FinalizedRecording done = out[0];
                log.info("finished the recording of call {} that a crash left open: {}", u.manifest().callId(),
                        done.duration());
                results.add(new Finished(u, done, null));
            } catch (IOException | RuntimeException e) {
                log.warn("could not finish the crashed recording of call {} in {}; will retry at the next start",
                        u.manifest().callId(), u.directory(), e);
                results.add(new Finished(u, null, e));
            }
        }
        return results;
    }

    /**
     * Runs {@link OggRecovery#recover} on each track of {@code unfinished} and rewrites its manifest in state
     * {@code recovered}, with the longest track's duration and, among the failures, what recovery found.
     */
    public static Recovered recover(Unfinished unfinished, Clock clock) throws IOException {
        return recover(unfinished, clock, () -> { });
    }

    /** Something to do between repairing the tracks and marking the manifest {@code recovered}. */
    @FunctionalInterface
    private interface Step {
        void run() throws IOException;
    }

    /**
     * Repairs the tracks, runs {@code beforeMarking} (e.g. finalising them), and only then rewrites the manifest as
     * {@code recovered}: if that step fails, the manifest still says {@code recording} and the next start retries
     * (repairing a repaired file changes nothing).
     */
    private static Recovered recover(Unfinished unfinished, Clock clock, Step beforeMarking) throws IOException {
        RecordingManifest m = unfinished.manifest();
        Map<Speaker, OggRecovery.Result> results = new EnumMap<>(Speaker.class);
        List<String> notes = new ArrayList<>(m.failures());
        long longest = 0;
        for (Map.Entry<Speaker, String> track : m.tracks().entrySet()) {
            Path file = unfinished.directory().resolve(track.getValue()).normalize();
            if (!file.startsWith(unfinished.directory().normalize()) || !Files.isRegularFile(file)) {
                notes.add(track.getKey().name().toLowerCase(java.util.Locale.ROOT) + ": no track file");
                continue;
            }
            OggRecovery.Result r = OggRecovery.recover(file);
            results.put(track.getKey(), r);
            if (r.status() == OggRecovery.Status.UNREADABLE) {
                notes.add(track.getKey().name().toLowerCase(java.util.Locale.ROOT) + ": unreadable, " + r.detail());
            }
            longest = Math.max(longest, r.samples());
        }
        beforeMarking.run();
        RecordingManifest done = m.ended(RecordingManifest.State.RECOVERED, clock.instant(), longest / 48, notes);
        done.writeTo(unfinished.directory());
        return new Recovered(done, results);
    }
}
