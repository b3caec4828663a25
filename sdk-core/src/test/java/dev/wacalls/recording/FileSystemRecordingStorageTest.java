package dev.wacalls.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wacalls.id.CallId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class FileSystemRecordingStorageTest {
    private static final CallId CALL = CallId.of("wacid.HBgLMTY1MDM4Nzk0MzkVAgARGBI5QTJBQzg1RjYzMzFBODkwQkEA==");

    @TempDir
    Path tmp;

    Path root;
    FileSystemRecordingStorage storage;

    @BeforeEach
    void setUp() {
        root = tmp.resolve("recordings");
        storage = new FileSystemRecordingStorage(root);
    }

    static Stream<String> hostileAndWeirdIds() {
        return Stream.of(
                "wacid.HBgLMTY1MDM4Nzk0MzkVAgARGBI5QTJBQzg1RjYzMzFBODkwQkEA==",
                "wacid.a/b+c=",
                "..",
                ".",
                "../../../etc/passwd",
                "/etc/passwd",
                "wacid./../../outside",
                "..\\..\\windows",
                "C:\\Windows\\system32",
                "%2e%2e%2f%2e%2e%2f",
                ".hidden",
                "wacid..x",
                "wacid.\u2215\u2215..\u2215",
                "wacid.ü€😀",
                "wacid." + "A".repeat(1018));
    }

    @ParameterizedTest
    @MethodSource("hostileAndWeirdIds")
    void everyCallIdGetsOneSafeFolderDirectlyUnderTheRoot(String value) throws IOException {
        CallId id = CallId.of(value);

        RecordingLocation location = storage.reserve(id);

        Path dir = location.directory();
        assertThat(dir.getParent()).isEqualTo(storage.root());
        assertThat(dir.toRealPath().getParent()).isEqualTo(storage.root());
        String name = dir.getFileName().toString();
        assertThat(name).matches("[A-Za-z0-9_-][A-Za-z0-9._-]*-[0-9a-f]{32}").doesNotContain("..").hasSizeLessThan(80);
        assertThat(Files.readString(dir.resolve(FileSystemRecordingStorage.CALL_ID_FILE))).isEqualTo(value);
        // Nothing was created beside the root.
        try (Stream<Path> siblings = Files.list(tmp)) {
            assertThat(siblings).containsExactly(root);
        }
        assertThat(storage.reserve(id)).isEqualTo(location);
    }

    @Test
    void folderNamesAreReadableAndHashedNotReversible() {
        assertThat(FileSystemRecordingStorage.folderName(CALL))
                .startsWith("wacid.HBgLMTY1MDM4Nzk0MzkVAgARGBI5QTJBQz-")
                .hasSize(40 + 1 + 32);
        assertThat(FileSystemRecordingStorage.folderName(CallId.of("wacid.a/b+c="))).startsWith("wacid.a_b_c_-");
        assertThat(FileSystemRecordingStorage.folderName(CallId.of("../x"))).startsWith("___x-");
    }

    @Test
    void idsThatDifferOnlyInLetterCaseOrPunctuationGetDifferentFolders() {
        List<String> ids = List.of("wacid.ABC", "wacid.abc", "wacid.a/b", "wacid.a+b", "wacid.a_b", "wacid.a=b");
        Set<String> names = ConcurrentHashMap.newKeySet();
        for (String id : ids) {
            names.add(FileSystemRecordingStorage.folderName(CallId.of(id)).toLowerCase(java.util.Locale.ROOT));
        }
        assertThat(names).hasSize(ids.size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "..", ".", "/etc/passwd", "a/b", "a\\b", ".call-id", ".recording.json", "",
        "x\u0000y", "réc.opus", "rec opus", "-rf"})
    void fileNamesThatAreNotPlainNamesAreRefused(String name) throws IOException {
        storage.reserve(CALL);
        Files.writeString(tmp.resolve("secret"), "outside");

        assertThatThrownBy(() -> storage.open(CALL, name)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("file name");
        assertThatThrownBy(() -> storage.reserve(CALL).file(name)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLinkPlantedWhereACallFolderBelongsIsRefused() throws IOException {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("recording.opus"), "not yours");
        Files.createSymbolicLink(storage.root().resolve(FileSystemRecordingStorage.folderName(CALL)), outside);

        assertThatThrownBy(() -> storage.reserve(CALL)).isInstanceOf(RecordingStorageException.class)
                .hasMessageContaining("outside the root");
        assertThatThrownBy(() -> storage.open(CALL, "recording.opus")).isInstanceOf(RecordingStorageException.class)
                .hasMessageContaining("outside the root");
        assertThatThrownBy(() -> storage.list(CALL)).isInstanceOf(RecordingStorageException.class);
        assertThatThrownBy(() -> storage.delete(CALL)).isInstanceOf(RecordingStorageException.class);
        assertThat(outside.resolve("recording.opus")).hasContent("not yours");
    }

    @Test
    void aLinkInsideACallFolderIsNeitherListedNorOpenedNorFollowedOnDelete() throws IOException {
        Path secret = Files.writeString(tmp.resolve("secret.txt"), "outside");
        RecordingLocation location = storage.reserve(CALL);
        Files.createSymbolicLink(location.directory().resolve("recording.opus"), secret);
        Files.writeString(location.file("candidate.opus"), "audio");

        assertThat(storage.list(CALL)).containsExactly("candidate.opus");
        assertThatThrownBy(() -> storage.open(CALL, "recording.opus")).isInstanceOf(RecordingStorageException.class);
        assertThat(storage.delete(CALL)).isTrue();
        assertThat(secret).hasContent("outside");
        assertThat(location.directory()).doesNotExist();
    }

    @Test
    void aFolderOfAnotherCallIsNotHandedOut() throws IOException {
        RecordingLocation location = storage.reserve(CALL);
        // As if two ids hashed alike, or someone edited the folder: the stored id decides.
        Files.writeString(location.directory().resolve(FileSystemRecordingStorage.CALL_ID_FILE), "wacid.other");

        assertThatThrownBy(() -> storage.reserve(CALL)).isInstanceOf(RecordingStorageException.class)
                .hasMessageContaining("belongs to call wacid.other");
        assertThatThrownBy(() -> storage.list(CALL)).isInstanceOf(RecordingStorageException.class);
    }

    @Test
    void aSavedRecordingIsFoundListedAndOpened() throws IOException {
        RecordingLocation location = storage.reserve(CALL);
        Recording recording = new Recording(CALL, Instant.parse("2026-05-04T10:15:30.123Z"), List.of(
                file(location, RecordingRole.STEREO, "recording.opus", RecordingFormat.OGG_OPUS, "stereo"),
                file(location, RecordingRole.RECRUITER_TRACK, "recruiter.opus", RecordingFormat.OGG_OPUS, "left"),
                file(location, RecordingRole.CANDIDATE_SPEECH_16K, "candidate.16k.wav", RecordingFormat.WAV, "right")));

        storage.save(recording);

        assertThat(storage.find(CALL)).contains(recording);
        assertThat(storage.list(CALL)).containsExactly("candidate.16k.wav", "recording.opus", "recruiter.opus");
        try (InputStream in = storage.open(CALL, "recording.opus")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("stereo");
        }
        assertThat(recording.sizeBytes()).isEqualTo(6);
        assertThat(recording.totalSizeBytes()).isEqualTo(6 + 4 + 5);
        assertThat(recording.format()).isEqualTo(RecordingFormat.OGG_OPUS);
    }

    @Test
    void aCallWithoutAFolderHasNothing() {
        assertThat(storage.find(CALL)).isEmpty();
        assertThat(storage.list(CALL)).isEmpty();
        assertThat(storage.delete(CALL)).isFalse();
        assertThatThrownBy(() -> storage.open(CALL, "recording.opus")).isInstanceOf(RecordingStorageException.class)
                .hasMessageContaining("has no recording folder");
    }

    @Test
    void saveRefusesFilesThatAreMissingOrNotTheSizeTheRecordingSays() throws IOException {
        RecordingLocation location = storage.reserve(CALL);
        RecordingFile stereo = file(location, RecordingRole.STEREO, "recording.opus", RecordingFormat.OGG_OPUS, "abc");
        RecordingFile missing = new RecordingFile(RecordingRole.CANDIDATE_TRACK, "candidate.opus",
                RecordingFormat.OGG_OPUS, Duration.ofSeconds(1), 10, "0".repeat(64));
        RecordingFile wrongSize = new RecordingFile(RecordingRole.STEREO, "recording.opus", RecordingFormat.OGG_OPUS,
                Duration.ofSeconds(1), 99, stereo.sha256());

        assertThatThrownBy(() -> storage.save(new Recording(CALL, Instant.EPOCH, List.of(stereo, missing))))
                .isInstanceOf(RecordingStorageException.class).hasMessageContaining("candidate.opus does not exist");
        assertThatThrownBy(() -> storage.save(new Recording(CALL, Instant.EPOCH, List.of(wrongSize))))
                .isInstanceOf(RecordingStorageException.class).hasMessageContaining("has 3 bytes, the recording says 99");
        assertThat(storage.find(CALL)).isEmpty();
    }

    @Test
    void unreadableMetadataIsAClearErrorAndUnknownRolesFromNewerVersionsAreSkipped() throws IOException {
        RecordingLocation location = storage.reserve(CALL);
        Path metadata = location.directory().resolve(FileSystemRecordingStorage.RECORDING_FILE);
        Files.writeString(metadata, "{\"callId\": \"" + CALL + "\", \"files\": [");
        assertThatThrownBy(() -> storage.find(CALL)).isInstanceOf(RecordingStorageException.class)
                .hasMessageContaining("cannot be read").hasMessageContaining(metadata.toString());

        String sha = "ab".repeat(32);
        Files.writeString(metadata, """
                {"version": 2, "callId": "%s", "createdAt": "2026-05-04T10:15:30Z", "files": [
                  {"role": "STEREO", "name": "recording.mp3", "format": "MP3", "duration": "PT1M", "sizeBytes": 7,
                   "sha256": "%s"},
                  {"role": "VIDEO", "name": "call.webm", "format": "WEBM", "duration": "PT1M", "sizeBytes": 7,
                   "sha256": "%s"}]}
                """.formatted(CALL, sha, sha));
        Recording read = storage.find(CALL).orElseThrow();
        assertThat(read.files()).extracting(RecordingFile::name).containsExactly("recording.mp3");
        assertThat(read.duration()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void concurrentReservationsOfOneCallShareOneFolder() throws Exception {
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<RecordingLocation>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return storage.reserve(CALL);
                }));
            }
            start.countDown();
            Set<Path> dirs = ConcurrentHashMap.newKeySet();
            for (Future<RecordingLocation> f : futures) {
                dirs.add(f.get(30, TimeUnit.SECONDS).directory());
            }
            assertThat(dirs).hasSize(1);
            try (Stream<Path> children = Files.list(storage.root())) {
                assertThat(children).hasSize(1);
            }
            try (Stream<Path> files = Files.list(dirs.iterator().next())) {
                assertThat(files).extracting(p -> p.getFileName().toString())
                        .containsExactly(FileSystemRecordingStorage.CALL_ID_FILE);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentReservationsOfManyCallsGetOneFolderEach() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<RecordingLocation>> futures = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                CallId id = CallId.of("wacid.HBgL" + i + "/+==");
                futures.add(pool.submit(() -> storage.reserve(id)));
            }
            Set<Path> dirs = ConcurrentHashMap.newKeySet();
            for (Future<RecordingLocation> f : futures) {
                dirs.add(f.get(30, TimeUnit.SECONDS).directory());
            }
            assertThat(dirs).hasSize(400);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void readersNeverSeeAHalfWrittenRecordingWhileItIsSavedAgainAndAgain() throws Exception {
        RecordingLocation location = storage.reserve(CALL);
        RecordingFile stereo = file(location, RecordingRole.STEREO, "recording.opus", RecordingFormat.OGG_OPUS, "x");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        AtomicBoolean done = new AtomicBoolean();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        try {
            storage.save(new Recording(CALL, Instant.EPOCH, List.of(stereo)));
            for (int r = 0; r < 2; r++) {
                pool.submit(() -> {
                    while (!done.get()) {
                        try {
                            assertThat(storage.find(CALL)).isPresent();
                        } catch (Throwable t) {
                            failures.add(t);
                        }
                    }
                });
            }
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < 300; i++) {
                        storage.save(new Recording(CALL, Instant.EPOCH.plusSeconds(i), List.of(stereo)));
                    }
                    return null;
                }));
            }
            for (Future<?> f : writers) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            done.set(true);
            pool.shutdown();
            pool.awaitTermination(30, TimeUnit.SECONDS);
        }
        assertThat(failures).isEmpty();
        try (Stream<Path> files = Files.list(location.directory())) {
            assertThat(files).extracting(p -> p.getFileName().toString()).containsExactlyInAnyOrder(
                    FileSystemRecordingStorage.CALL_ID_FILE, FileSystemRecordingStorage.RECORDING_FILE, "recording.opus");
        }
    }

    @Test
    void aReadOnlyRootFailsReservationsWithAClearErrorButStillServesWhatItHas() throws Exception {
        CallId earlier = CallId.of("wacid.earlier");
        RecordingLocation location = storage.reserve(earlier);
        RecordingFile stereo = file(location, RecordingRole.STEREO, "recording.opus", RecordingFormat.OGG_OPUS, "x");
        storage.save(new Recording(earlier, Instant.EPOCH, List.of(stereo)));

        ReadOnlyFolder readOnly = ReadOnlyFolder.of(storage.root());
        try {
            assertThatThrownBy(() -> storage.reserve(CALL)).isInstanceOf(RecordingStorageException.class)
                    .hasMessageContaining("cannot reserve the recording folder of call " + CALL)
                    .hasMessageContaining(storage.root().toString())
                    .hasMessageMatching("(?s).*(permission denied|Operation not permitted|Permission denied).*");
            assertThat(storage.find(earlier)).isPresent();
            assertThat(new FileSystemRecordingStorage(root).list(earlier)).containsExactly("recording.opus");
        } finally {
            readOnly.close();
        }
    }

    @Test
    void aRootThatIsAFileIsRefusedAtConstruction() throws IOException {
        Path file = Files.writeString(tmp.resolve("not-a-folder"), "x");

        assertThatThrownBy(() -> new FileSystemRecordingStorage(file)).isInstanceOf(RecordingStorageException.class)
                .hasMessageContaining(file.toString());
        assertThatThrownBy(() -> new FileSystemRecordingStorage(file.resolve("below")))
                .isInstanceOf(RecordingStorageException.class).hasMessageContaining("recording root");
    }

    private static RecordingFile file(RecordingLocation location, RecordingRole role, String name,
            RecordingFormat format, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        Files.write(location.file(name), bytes);
        try {
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            return new RecordingFile(role, name, format, Duration.ofMillis(61_020), bytes.length, sha);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
