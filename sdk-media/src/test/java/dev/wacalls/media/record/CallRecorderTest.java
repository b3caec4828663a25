package dev.wacalls.media.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wacalls.media.bridge.LegBridge.Direction;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallRecorderTest {
    private static final long MS = 1_000_000L;
    private static final long T0 = 900_000 * MS;
    private static final Instant WALL = Instant.parse("2025-05-01T10:00:00Z");

    @TempDir
    Path root;

    private final AtomicLong now = new AtomicLong(T0);
    private static List<byte[]> candidateVoice;
    private static List<byte[]> recruiterVoice;

    @BeforeAll
    static void voices() {
        FfmpegCli.requireInstalled();
        candidateVoice = TestOpus.tone(440, 4.0);
        recruiterVoice = TestOpus.tone(880, 2.0);
    }

    private CallRecorder.Builder builder(String callId) {
        return CallRecorder.builder(callId, root.resolve(callId))
                .clock(Clock.fixed(WALL, ZoneOffset.UTC))
                .nanoTime(now::get);
    }

    private void at(long ms) {
        now.set(T0 + ms * MS);
    }

    @Test
    void eachDirectionIsItsSpeakersFileAndBothLastTheWholeCall() throws Exception {
        CallRecorder recorder = builder("wacid.ONE").legA(Speaker.CANDIDATE).start();
        // 0–4 s the candidate (leg A → B) talks; from 2 s to 4 s the recruiter (B → A) too.
        for (int k = 0; k < 200; k++) {
            at(20L * k + 30);
            recorder.onForwarded(Direction.A_TO_B, RtpPackets.rtp(111, k, 960L * k, candidateVoice.get(k)));
            if (k >= 100) {
                int j = k - 100;
                recorder.onForwarded(Direction.B_TO_A, RtpPackets.rtp(111, 500 + j, 77_000L + 960L * j,
                        recruiterVoice.get(j)));
            }
        }
        at(6_000);
        recorder.close();

        Path dir = root.resolve("wacid.ONE");
        assertThat(recorder.file(Speaker.CANDIDATE)).isEqualTo(dir.resolve("candidate.opus"));
        assertThat(FfmpegCli.probeDurationSeconds(dir.resolve("candidate.opus"))).isEqualTo(6.0);
        assertThat(FfmpegCli.probeDurationSeconds(dir.resolve("recruiter.opus"))).isEqualTo(6.0);
        short[] candidate = FfmpegCli.decode(dir.resolve("candidate.opus"));
        short[] recruiter = FfmpegCli.decode(dir.resolve("recruiter.opus"));
        assertThat(TestOpus.rms(candidate, 4_800, 4 * 48_000)).isGreaterThan(0.25);
        assertThat(TestOpus.rms(candidate, 4_100 * 48, 6 * 48_000)).isLessThan(0.002);
        assertThat(TestOpus.rms(recruiter, 0, 2_000 * 48)).isLessThan(0.002);
        assertThat(TestOpus.rms(recruiter, 2_100 * 48, 4 * 48_000)).isGreaterThan(0.25);

        RecordingManifest m = RecordingManifest.read(dir.resolve(RecordingManifest.FILE_NAME));
        assertThat(m.state()).isEqualTo(RecordingManifest.State.CLOSED);
        assertThat(m.callId()).isEqualTo("wacid.ONE");
        assertThat(m.startedAt()).isEqualTo(WALL);
        assertThat(m.durationMillis()).isEqualTo(6_000);
        assertThat(m.tracks()).containsEntry(Speaker.CANDIDATE, "candidate.opus")
                .containsEntry(Speaker.RECRUITER, "recruiter.opus");
        assertThat(m.failures()).isEmpty();
        assertThat(recorder.stats(Speaker.CANDIDATE).packets()).isEqualTo(200);
        assertThat(recorder.stats(Speaker.RECRUITER).packets()).isEqualTo(100);
        assertThat(recorder.failures()).isEmpty();
    }

    @Test
    void theTracksBeginAtTheCallsStartWhenItIsGiven() throws Exception {
        CallRecorder recorder = builder("wacid.EARLY").callStart(T0 - 1_000 * MS, WALL.minusSeconds(1)).start();
        at(0);
        recorder.onForwarded(Direction.A_TO_B, RtpPackets.rtp(111, 0, 0, candidateVoice.get(0)));
        at(2_000);
        recorder.close();
        assertThat(recorder.stats(Speaker.CANDIDATE).silenceSamples()).isEqualTo(3 * 48_000 - 960);
        assertThat(recorder.manifest().startedAt()).isEqualTo(WALL.minusSeconds(1));
        assertThat(recorder.manifest().durationMillis()).isEqualTo(3_000);
    }

    @Test
    void legBIsTheOtherSpeaker() throws Exception {
        CallRecorder recorder = builder("wacid.SWAP").legA(Speaker.RECRUITER).start();
        at(10);
        recorder.onForwarded(Direction.A_TO_B, RtpPackets.rtp(111, 1, 0, candidateVoice.get(0)));
        recorder.close();
        assertThat(recorder.stats(Speaker.RECRUITER).packets()).isEqualTo(1);
        assertThat(recorder.stats(Speaker.CANDIDATE).packets()).isZero();
    }

    @Test
    void theManifestSaysRecordingWhileTheCallRuns() throws Exception {
        CallRecorder recorder = builder("wacid.RUN").start();
        RecordingManifest m = RecordingManifest.read(root.resolve("wacid.RUN").resolve(".recorder.json"));
        assertThat(m.state()).isEqualTo(RecordingManifest.State.RECORDING);
        assertThat(m.pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(m.ownerAlive()).isTrue();
        assertThat(m.durationMillis()).isEqualTo(-1);
        assertThat(Files.list(root.resolve("wacid.RUN")).map(p -> p.getFileName().toString()))
                .containsExactlyInAnyOrder(".recorder.json", "candidate.opus", "recruiter.opus", ".recording.lock");
        // The lock says "live" to any recovery, in this process or another sharing the folder; asking does not
        // release it (OS locks are per process: probing with a second channel would have), nor can a second
        // recorder start on the same folder.
        assertThat(UnfinishedRecordings.find(root)).isEmpty();
        assertThat(UnfinishedRecordings.find(root)).isEmpty();
        assertThat(RecordingLock.isHeld(root.resolve("wacid.RUN"))).isTrue();
        assertThatThrownBy(() -> builder("wacid.RUN").start()).isInstanceOf(java.io.IOException.class)
                .hasMessageContaining("already recording");
        recorder.close();
        assertThat(RecordingLock.isHeld(root.resolve("wacid.RUN"))).isFalse();
    }

    @Test
    void telephoneEventsAreNotRecorded() throws Exception {
        CallRecorder recorder = builder("wacid.DTMF").start();
        for (int k = 0; k < 10; k++) {
            at(20L * k);
            recorder.onForwarded(Direction.A_TO_B, RtpPackets.rtp(111, k, 960L * k, candidateVoice.get(k)));
            recorder.onForwarded(Direction.A_TO_B, RtpPackets.rtp(126, 1000 + k, 960L * k,
                    RtpPackets.dtmf(5, k == 9, 160 * k)));
        }
        recorder.close();
        assertThat(recorder.ignored(Speaker.CANDIDATE)).isEqualTo(10);
        assertThat(recorder.stats(Speaker.CANDIDATE).packets()).isEqualTo(10);
        assertThat(recorder.stats(Speaker.CANDIDATE).invalid()).isZero();
    }

    @Test
    void theOpusPayloadTypeIsReadPerPacketAsTheLegsNegotiateIt() throws Exception {
        AtomicInteger negotiated = new AtomicInteger(-1);
        CallRecorder recorder = builder("wacid.PT").opusPayloadTypes(negotiated::get, () -> 111).start();
        at(0);
        recorder.onForwarded(Direction.A_TO_B, RtpPackets.rtp(109, 0, 0, candidateVoice.get(0)));
        negotiated.set(109);
        at(20);
        recorder.onForwarded(Direction.A_TO_B, RtpPackets.rtp(109, 1, 960, candidateVoice.get(1)));
        recorder.close();
        assertThat(recorder.ignored(Speaker.CANDIDATE)).isEqualTo(1);
        assertThat(recorder.stats(Speaker.CANDIDATE).packets()).isEqualTo(1);
    }

    @Test
    void aFullDiskStopsThatTrackKeepsWhatItWroteAndIsReportedWhileTheCallGoesOn() throws Exception {
        List<FullDiskChannel> disks = new java.util.ArrayList<>();
        CallRecorder recorder = builder("wacid.FULL")
                .channelOpener(file -> {
                    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    if (!file.getFileName().toString().equals("candidate.opus")) {
                        return ch;
                    }
                    FullDiskChannel full = new FullDiskChannel(ch, 8_000);
                    disks.add(full);
                    return full;
                })
                .start();
        for (int k = 0; k < 200; k++) {
            at(20L * k);
            int seq = k;
            assertThatCode(() -> {
                recorder.onForwarded(Direction.A_TO_B, RtpPackets.rtp(111, seq, 960L * seq,
                        candidateVoice.get(seq)));
                recorder.onForwarded(Direction.B_TO_A, RtpPackets.rtp(111, seq, 960L * seq,
                        recruiterVoice.get(seq % recruiterVoice.size())));
            }).doesNotThrowAnyException();
        }
        at(4_000);
        recorder.close();

        assertThat(recorder.failures()).singleElement().satisfies(f -> {
            assertThat(f.speaker()).isEqualTo(Speaker.CANDIDATE);
            assertThat(f.cause()).hasMessageContaining("No space left");
        });
        assertThat(disks.get(0).failedWrites).as("no write after the first failure").isEqualTo(1);
        RecordingManifest m = recorder.manifest();
        assertThat(m.state()).isEqualTo(RecordingManifest.State.CLOSED);
        assertThat(m.failures()).singleElement().asString().contains("candidate").contains("No space left");
        // The other voice is whole; the full one keeps its good prefix, ended properly at close (the manifest says
        // "closed", so no later recovery would look at it): cut at its last good page, end-of-stream set.
        assertThat(FfmpegCli.probeDurationSeconds(recorder.file(Speaker.RECRUITER))).isEqualTo(4.0);
        Path candidate = recorder.file(Speaker.CANDIDATE);
        assertThat(Files.size(candidate)).isLessThan(8_000);
        OggRecovery.Result r = OggRecovery.inspect(candidate);
        assertThat(r.status()).isEqualTo(OggRecovery.Status.COMPLETE);
        assertThat(r.samples()).isGreaterThan(48_000);
        assertThat(FfmpegCli.decode(candidate)).hasSize((int) r.samples());
    }

    @Test
    void aBugInsideTheRecorderNeverReachesTheCall() throws Exception {
        CallRecorder recorder = builder("wacid.BUG")
                .opusPayloadTypes(() -> {
                    throw new IllegalStateException("leg not ready");
                }, () -> 111)
                .start();
        for (int k = 0; k < 5; k++) {
            int seq = k;
            assertThatCode(() -> recorder.onForwarded(Direction.A_TO_B,
                    RtpPackets.rtp(111, seq, 960L * seq, candidateVoice.get(seq)))).doesNotThrowAnyException();
        }
        assertThatCode(() -> recorder.onForwarded(Direction.A_TO_B, new dev.wacalls.media.rtp.PacketBuffer(16, 0)))
                .doesNotThrowAnyException();
        recorder.close();
        assertThat(recorder.failures()).singleElement()
                .satisfies(f -> assertThat(f.cause()).isInstanceOf(IllegalStateException.class));
    }

    @Test
    void aQuietSideIsWrittenOutByTheOtherSidesPackets() throws Exception {
        CallRecorder recorder = builder("wacid.QUIET").maxPageDuration(java.time.Duration.ofSeconds(2)).start();
        for (int k = 0; k < 10; k++) { // the recruiter says 200 ms, then is quiet
            at(20L * k);
            recorder.onForwarded(Direction.B_TO_A, RtpPackets.rtp(111, k, 960L * k, recruiterVoice.get(k)));
        }
        Path recruiter = recorder.file(Speaker.RECRUITER);
        assertThat(OggFile.pages(recruiter)).hasSize(2);
        for (int k = 0; k < 60; k++) { // the candidate talks on
            at(200 + 20L * k);
            recorder.onForwarded(Direction.A_TO_B, RtpPackets.rtp(111, k, 960L * k, candidateVoice.get(k)));
        }
        List<OggFile.Page> pages = OggFile.pages(recruiter);
        assertThat(pages).hasSizeGreaterThan(2);
        assertThat(pages.get(pages.size() - 1).granule()).isEqualTo(10 * 960);
        recorder.close();
    }

    @Test
    void closingTwiceIsHarmlessAndLaterPacketsAreIgnored() throws Exception {
        CallRecorder recorder = builder("wacid.TWICE").start();
        at(1_000);
        recorder.close();
        recorder.close();
        assertThatCode(() -> recorder.onForwarded(Direction.A_TO_B, RtpPackets.rtp(111, 0, 0,
                candidateVoice.get(0)))).doesNotThrowAnyException();
        assertThat(recorder.isClosed()).isTrue();
        assertThat(recorder.stats(Speaker.CANDIDATE).packets()).isZero();
        assertThat(recorder.manifest().durationMillis()).isEqualTo(1_000);
    }

    @Test
    void aRecordingIsNeverOverwritten() throws Exception {
        builder("wacid.SAME").start().close();
        byte[] before = Files.readAllBytes(root.resolve("wacid.SAME").resolve("candidate.opus"));
        assertThatThrownBy(() -> builder("wacid.SAME").start()).isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.readAllBytes(root.resolve("wacid.SAME").resolve("candidate.opus"))).isEqualTo(before);
    }

    @Test
    void aFailedStartLeavesNothingHalfMade() throws Exception {
        Path dir = root.resolve("wacid.HALF");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("recruiter.opus"), "someone else's");
        assertThatThrownBy(() -> builder("wacid.HALF").legA(Speaker.CANDIDATE).start())
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThat(dir.resolve("candidate.opus")).doesNotExist();
        assertThat(dir.resolve(".recorder.json")).doesNotExist();
        assertThat(Files.readString(dir.resolve("recruiter.opus"))).isEqualTo("someone else's");
    }

    @Test
    void theTracksCarryTheCallIdInTheirTags() throws Exception {
        CallRecorder recorder = builder("wacid.TAGS").start();
        recorder.close();
        byte[] tags = OggFile.pages(recorder.file(Speaker.CANDIDATE)).get(1).packets().get(0);
        String text = new String(tags, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text).contains("WACALLS_CALL_ID=wacid.TAGS").contains("WACALLS_SPEAKER=candidate")
                .contains("DATE=2025-05-01T10:00:00Z");
    }
}
