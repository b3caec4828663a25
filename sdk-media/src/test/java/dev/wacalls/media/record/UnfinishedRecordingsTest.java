package dev.wacalls.media.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnfinishedRecordingsTest {
    private static final Instant T = Instant.parse("2025-05-01T10:00:00Z");
    private static final long NO_SUCH_PID = Integer.MAX_VALUE - 7L;

    @TempDir
    Path root;

    private Path recording(String relative, RecordingManifest manifest) throws Exception {
        Path dir = root.resolve(relative);
        Files.createDirectories(dir);
        manifest.writeTo(dir);
        return dir;
    }

    private static RecordingManifest orphan(String callId, Instant startedAt) {
        RecordingManifest live = RecordingManifest.started(callId, startedAt);
        return new RecordingManifest(callId, RecordingManifest.State.RECORDING, startedAt, null, -1, live.tracks(),
                NO_SUCH_PID, startedAt, List.of());
    }

    @Test
    void findsRecordingsWhoseProcessIsGoneOldestFirst() throws Exception {
        recording("2025-05-01/wacid.B", orphan("wacid.B", T.plusSeconds(60)));
        recording("wacid.A", orphan("wacid.A", T));
        List<UnfinishedRecordings.Unfinished> found = UnfinishedRecordings.find(root);
        assertThat(found).extracting(u -> u.manifest().callId()).containsExactly("wacid.A", "wacid.B");
        assertThat(found.get(1).directory()).isEqualTo(root.resolve("2025-05-01/wacid.B"));
    }

    @Test
    void leavesAloneWhatIsFinishedOrStillRecordingInALiveProcess() throws Exception {
        recording("live", RecordingManifest.started("wacid.LIVE", T));
        recording("closed", orphan("wacid.CLOSED", T).ended(RecordingManifest.State.CLOSED, T, 1_000, List.of()));
        recording("recovered",
                orphan("wacid.REC", T).ended(RecordingManifest.State.RECOVERED, T, 1_000, List.of()));
        assertThat(UnfinishedRecordings.find(root)).isEmpty();
    }

    @Test
    void aReusedProcessIdDoesNotPassForTheOwner() throws Exception {
        RecordingManifest live = RecordingManifest.started("wacid.REUSED", T);
        recording("reused", new RecordingManifest("wacid.REUSED", RecordingManifest.State.RECORDING, T, null, -1,
                live.tracks(), live.pid(), Instant.parse("2001-01-01T00:00:00Z"), List.of()));
        assertThat(UnfinishedRecordings.find(root)).hasSize(1);
    }

    @Test
    void skipsManifestsItCannotReadAndToleratesWhatItDoesNotKnow() throws Exception {
        Files.createDirectories(root.resolve("broken"));
        Files.writeString(root.resolve("broken/.recorder.json"), "{\"callId\": \"wacid.X\", \"startedAt\": ");
        Files.createDirectories(root.resolve("newer"));
        Files.writeString(root.resolve("newer/.recorder.json"), """
                {"version": 7, "callId": "wacid.NEW", "state": "recording", "startedAt": "2025-05-01T10:00:00Z",
                 "tracks": {"candidate": "candidate.opus", "interpreter": "x.opus"}, "pid": %d,
                 "hologram": {"enabled": true}}
                """.formatted(NO_SUCH_PID));
        assertThat(UnfinishedRecordings.find(root)).singleElement().satisfies(u -> {
            assertThat(u.manifest().callId()).isEqualTo("wacid.NEW");
            assertThat(u.manifest().tracks()).isEqualTo(Map.of(Speaker.CANDIDATE, "candidate.opus"));
            assertThat(u.manifest().processStartedAt()).isNull();
        });
        Files.writeString(root.resolve("newer/.recorder.json"), """
                {"callId": "wacid.NEW", "state": "paused-by-ai", "startedAt": "2025-05-01T10:00:00Z"}
                """);
        assertThat(RecordingManifest.read(root.resolve("newer/.recorder.json")).state())
                .isEqualTo(RecordingManifest.State.UNKNOWN);
    }

    @Test
    void recoveryEndsEachTrackAndMarksTheManifestRecovered() throws Exception {
        Path dir = recording("wacid.CRASH", orphan("wacid.CRASH", T));
        byte[] silence = {(byte) 0xF8, (byte) 0xFF, (byte) 0xFE};
        try (OggOpusWriter w = OggOpusWriter.builder().open(dir.resolve("candidate.opus"))) {
            for (int i = 0; i < 110; i++) { // 8 pages of 13 packets (260 ms) on disk, 6 packets not yet
                w.writePacket(silence, 0, 3);
            }
            Files.copy(dir.resolve("candidate.opus"), dir.resolve("crashed.opus"));
        }
        Files.move(dir.resolve("crashed.opus"), dir.resolve("candidate.opus"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.write(dir.resolve("recruiter.opus"), new byte[] {1, 2, 3});

        UnfinishedRecordings.Recovered r = UnfinishedRecordings.recover(UnfinishedRecordings.find(root).get(0),
                Clock.fixed(T.plusSeconds(3600), ZoneOffset.UTC));

        assertThat(r.tracks().get(Speaker.CANDIDATE).status()).isEqualTo(OggRecovery.Status.RECOVERED);
        assertThat(r.tracks().get(Speaker.RECRUITER).status()).isEqualTo(OggRecovery.Status.UNREADABLE);
        RecordingManifest m = RecordingManifest.read(dir.resolve(".recorder.json"));
        assertThat(m.state()).isEqualTo(RecordingManifest.State.RECOVERED);
        assertThat(m.endedAt()).isEqualTo(T.plusSeconds(3600));
        assertThat(m.durationMillis()).isEqualTo(8 * 260);
        assertThat(m.failures()).singleElement().asString().startsWith("recruiter: unreadable");
        assertThat(UnfinishedRecordings.find(root)).isEmpty();
    }

    @Test
    void aMissingRootHasNothingToRecover() throws Exception {
        assertThat(UnfinishedRecordings.find(root.resolve("nope"))).isEmpty();
    }

    @Test
    void finishAll_atTheNextStart_finalisesAndSavesWhatACrashLeftOpen_andRetriesWhatFailed() throws Exception {
        dev.wacalls.recording.FileSystemRecordingStorage storage =
                new dev.wacalls.recording.FileSystemRecordingStorage(root);
        dev.wacalls.id.CallId callId = dev.wacalls.id.CallId.of("wacid.CRASHED/+==");
        Path dir = storage.reserve(callId).directory();
        // A call recorded for 2 s whose process then died: its manifest still says "recording", for a dead pid.
        long[] now = {1_000_000_000L};
        CallRecorder recorder = CallRecorder.builder(callId.value(), dir).nanoTime(() -> now[0]).start();
        List<byte[]> voice = TestOpus.tone(440, 2.0);
        for (int k = 0; k < voice.size(); k++) {
            now[0] += 20_000_000L;
            recorder.onForwarded(dev.wacalls.media.bridge.LegBridge.Direction.A_TO_B,
                    RtpPackets.rtp(111, k, 960L * k, voice.get(k)));
        }
        recorder.close();
        orphan(callId.value(), T).writeTo(dir);
        Clock clock = Clock.fixed(T.plusSeconds(3600), ZoneOffset.UTC);

        // FFmpeg missing at this start: nothing is lost, the recording stays to be finished.
        RecordingFinalizer broken = RecordingFinalizer.builder().ffmpeg(Ffmpeg.at(root.resolve("no-ffmpeg"))).build();
        List<UnfinishedRecordings.Finished> first = UnfinishedRecordings.finishAll(root, broken, storage, clock);
        assertThat(first).singleElement().satisfies(f -> assertThat(f.error()).isNotNull());
        assertThat(RecordingManifest.read(dir.resolve(RecordingManifest.FILE_NAME)).state())
                .isEqualTo(RecordingManifest.State.RECORDING);

        // The next start, with FFmpeg: finalised, saved, marked recovered, and nothing left.
        RecordingFinalizer finalizer = RecordingFinalizer.builder().ffmpeg(Ffmpeg.at(FfmpegCli.FFMPEG)).build();
        List<UnfinishedRecordings.Finished> second = UnfinishedRecordings.finishAll(root, finalizer, storage, clock);
        assertThat(second).singleElement().satisfies(f -> {
            assertThat(f.error()).isNull();
            assertThat(f.finished().duration().toMillis()).isBetween(1_900L, 2_200L);
        });
        assertThat(storage.find(callId)).isPresent();
        assertThat(RecordingManifest.read(dir.resolve(RecordingManifest.FILE_NAME)).state())
                .isEqualTo(RecordingManifest.State.RECOVERED);
        assertThat(UnfinishedRecordings.finishAll(root, finalizer, storage, clock)).isEmpty();
    }
}
