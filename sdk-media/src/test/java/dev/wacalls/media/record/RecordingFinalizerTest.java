package dev.wacalls.media.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.wacalls.id.CallId;
import dev.wacalls.recording.Recording;
import dev.wacalls.recording.RecordingFormat;
import dev.wacalls.recording.RecordingRole;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The finaliser against real FFmpeg — jave's bundled 4.4.1 and the system's (Debian's 5.1 in CI) — on tracks made
 * by FFmpeg at test time: 440 Hz for the recruiter, 1 kHz for the candidate.
 */
class RecordingFinalizerTest {
    /** The system FFmpeg; scripts/test-all.sh installs it. */
    static final Path SYSTEM_FFMPEG = Path.of("/usr/bin/ffmpeg");
    private static final Ffmpeg TOOL = Ffmpeg.bundled(); // makes and decodes test audio

    @TempDir
    Path dir;

    static Stream<Named<Ffmpeg>> ffmpegs() {
        return Stream.of(Named.of("jave's bundled ffmpeg", Ffmpeg.bundled()),
                Named.of("system ffmpeg", Ffmpeg.at(SYSTEM_FFMPEG)));
    }

    static Stream<Arguments> ffmpegsAndFormats() {
        return ffmpegs().flatMap(f -> Stream.of(RecordingFormat.values()).map(format -> Arguments.of(f, format)));
    }

    private Path callFolder(double recruiterSeconds, double candidateSeconds) {
        Tracks.tone(TOOL, dir.resolve(RecordingFinalizer.RECRUITER_TRACK), 440, recruiterSeconds);
        Tracks.tone(TOOL, dir.resolve(RecordingFinalizer.CANDIDATE_TRACK), 1000, candidateSeconds);
        return dir;
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("ffmpegsAndFormats")
    void theStereoRecordingHasTheRecruiterOnTheLeftAndTheCandidateOnTheRight(Ffmpeg ffmpeg, RecordingFormat format)
            throws IOException {
        Path folder = callFolder(5, 5);
        RecordingFinalizer finalizer = RecordingFinalizer.builder().ffmpeg(ffmpeg).format(format).build();

        FinalizedRecording finished = finalizer.finish(folder);

        FinalizedFile stereo = finished.stereo();
        assertThat(stereo.path()).isEqualTo(folder.resolve("recording." + format.extension())).isRegularFile();
        assertThat(stereo.format()).isEqualTo(format);
        Tracks.Pcm pcm = Tracks.decode(TOOL, stereo.path());
        assertThat(pcm.channels()).as("channels").hasNumberOfRows(2);
        assertThat(Tracks.toneRatio(pcm.channel(0), pcm.rate(), 440, 1000)).as("left: 440 Hz over 1 kHz")
                .isGreaterThan(100);
        assertThat(Tracks.toneRatio(pcm.channel(1), pcm.rate(), 1000, 440)).as("right: 1 kHz over 440 Hz")
                .isGreaterThan(100);
        assertThat(finished.duration().toMillis()).as("measured duration").isCloseTo(5000, within(100L));
        assertThat(pcm.seconds()).as("decoded duration").isCloseTo(5.0, within(0.1));
        assertThat(stereo.sizeBytes()).isEqualTo(Files.size(stereo.path()));
        assertThat(stereo.sha256()).isEqualTo(AudioFiles.sha256(stereo.path()));
        assertThat(finished.silentTracks()).isEmpty();
        assertThat(finished.warnings()).isEmpty();
        if (format == RecordingFormat.OGG_OPUS) {
            AudioFiles.OggOpus head = AudioFiles.oggOpus(stereo.path());
            assertThat(head.channels()).isEqualTo(2);
            assertThat(head.duration()).isEqualTo(Duration.ofSeconds(5)); // sample-exact: granule minus pre-skip
        }
        assertNoTemporaryFilesIn(folder);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ffmpegs")
    void eachSpeakerGetsA16kHzMonoWavOfTheirOwnVoiceForSpeechToText(Ffmpeg ffmpeg) throws IOException {
        Path folder = callFolder(5, 5);

        FinalizedRecording finished = RecordingFinalizer.builder().ffmpeg(ffmpeg).build().finish(folder);

        for (var expected : List.of(new Object[] {RecordingRole.RECRUITER_SPEECH_16K, RecordingFinalizer.RECRUITER_SPEECH, 440, 1000},
                new Object[] {RecordingRole.CANDIDATE_SPEECH_16K, RecordingFinalizer.CANDIDATE_SPEECH, 1000, 440})) {
            FinalizedFile wav = finished.file((RecordingRole) expected[0]).orElseThrow();
            assertThat(wav.path()).isEqualTo(folder.resolve((String) expected[1]));
            AudioFiles.Wav header = AudioFiles.wav(wav.path());
            assertThat(header.channels()).isEqualTo(1);
            assertThat(header.sampleRate()).isEqualTo(16_000);
            assertThat(header.bitsPerSample()).isEqualTo(16);
            assertThat(wav.duration().toMillis()).isCloseTo(5000, within(100L));
            Tracks.Pcm pcm = Tracks.readWav(Files.readAllBytes(wav.path()));
            assertThat(Tracks.toneRatio(pcm.channel(0), 16_000, (int) expected[2], (int) expected[3]))
                    .as("%s carries its speaker's tone", expected[1]).isGreaterThan(100);
            assertThat(wav.sha256()).isEqualTo(AudioFiles.sha256(wav.path()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ffmpegs")
    void theShorterTrackIsPaddedSoTheRecordingIsExactlyAsLongAsTheLongerOne(Ffmpeg ffmpeg) throws IOException {
        for (boolean recruiterShorter : new boolean[] {true, false}) {
            Path folder = Files.createDirectories(dir.resolve("recruiter-shorter-" + recruiterShorter));
            Tracks.tone(TOOL, folder.resolve(RecordingFinalizer.RECRUITER_TRACK), 440, recruiterShorter ? 3 : 5);
            Tracks.tone(TOOL, folder.resolve(RecordingFinalizer.CANDIDATE_TRACK), 1000, recruiterShorter ? 5 : 3.3);
            RecordingRole longer = recruiterShorter ? RecordingRole.CANDIDATE_TRACK : RecordingRole.RECRUITER_TRACK;

            FinalizedRecording finished = RecordingFinalizer.builder().ffmpeg(ffmpeg).build().finish(folder);

            // Sample-exact: FFmpeg's join once dropped its last frame here (6.5 ms), which "within 100 ms" would hide.
            Duration expected = finished.file(longer).orElseThrow().duration();
            assertThat(finished.duration()).as("stereo").isEqualTo(expected);
            assertThat(finished.file(RecordingRole.RECRUITER_SPEECH_16K).orElseThrow().duration()).isEqualTo(expected);
            assertThat(finished.file(RecordingRole.CANDIDATE_SPEECH_16K).orElseThrow().duration()).isEqualTo(expected);
            Tracks.Pcm pcm = Tracks.decode(TOOL, finished.stereo().path());
            assertThat(pcm.seconds()).isCloseTo(expected.toNanos() / 1e9, within(0.001));
            int rate = pcm.rate();
            short[] shorter = pcm.channel(recruiterShorter ? 0 : 1);
            short[] other = pcm.channel(recruiterShorter ? 1 : 0);
            assertThat(Tracks.rms(shorter, rate, 2 * rate)).as("the shorter side while it talks").isGreaterThan(0.05);
            assertThat(Tracks.rms(shorter, (int) (3.5 * rate), shorter.length)).as("after it ended").isLessThan(0.005);
            assertThat(Tracks.rms(other, (int) (3.5 * rate), (int) (4.8 * rate))).as("the longer side").isGreaterThan(0.05);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ffmpegs")
    void silenceAtTheStartOfATrackIsKeptSoBothSidesStayOnTheCallsClock(Ffmpeg ffmpeg) throws IOException {
        Tracks.tone(TOOL, dir.resolve(RecordingFinalizer.RECRUITER_TRACK), 440, 5);
        Tracks.toneAfter(TOOL, dir.resolve(RecordingFinalizer.CANDIDATE_TRACK), 2.0, 1000, 3);

        FinalizedRecording finished = RecordingFinalizer.builder().ffmpeg(ffmpeg).format(RecordingFormat.WAV).build()
                .finish(dir);

        Tracks.Pcm pcm = Tracks.decode(TOOL, finished.stereo().path());
        int onset = onset(pcm.channel(1), 0.03);
        assertThat(onset / (double) pcm.rate()).as("candidate's tone starts at 2.0 s").isCloseTo(2.0, within(0.02));
        assertThat(onset(pcm.channel(0), 0.03) / (double) pcm.rate()).as("recruiter's at 0").isCloseTo(0.0, within(0.02));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ffmpegs")
    void aMissingTrackBecomesASilentChannelAndTheResultSaysSo(Ffmpeg ffmpeg) throws IOException {
        Tracks.tone(TOOL, dir.resolve(RecordingFinalizer.RECRUITER_TRACK), 440, 4);

        FinalizedRecording finished = RecordingFinalizer.builder().ffmpeg(ffmpeg).build().finish(dir);

        assertThat(finished.silentTracks()).containsExactly(RecordingRole.CANDIDATE_TRACK);
        assertThat(finished.warnings()).singleElement().asString()
                .contains("no candidate track").contains("right channel is silence");
        assertThat(finished.duration().toMillis()).isCloseTo(4000, within(100L));
        Tracks.Pcm pcm = Tracks.decode(TOOL, finished.stereo().path());
        assertThat(pcm.channels()).hasNumberOfRows(2);
        assertThat(Tracks.rms(pcm.channel(0), 0, pcm.channel(0).length)).isGreaterThan(0.05);
        assertThat(Tracks.rms(pcm.channel(1), 0, pcm.channel(1).length)).isLessThan(0.001);
        assertThat(finished.file(RecordingRole.RECRUITER_TRACK)).isPresent();
        assertThat(finished.file(RecordingRole.CANDIDATE_TRACK)).isEmpty();
        assertThat(dir.resolve(RecordingFinalizer.CANDIDATE_TRACK)).doesNotExist();
    }

    @Test
    void anEmptyTrackFileIsTreatedAsMissing() throws IOException {
        Tracks.tone(TOOL, dir.resolve(RecordingFinalizer.RECRUITER_TRACK), 440, 2);
        Files.createFile(dir.resolve(RecordingFinalizer.CANDIDATE_TRACK));

        FinalizedRecording finished = RecordingFinalizer.builder().build().finish(dir);

        assertThat(finished.silentTracks()).containsExactly(RecordingRole.CANDIDATE_TRACK);
        assertThat(finished.warnings()).singleElement().asString().contains("is empty");
        assertThat(dir.resolve(RecordingFinalizer.CANDIDATE_TRACK)).isEmptyFile();
    }

    @Test
    void withNoTrackAtAllThereIsNothingToFinalise() {
        assertThatThrownBy(() -> RecordingFinalizer.builder().build().finish(dir))
                .isInstanceOf(RecordingFinalizationException.class)
                .hasMessageContaining("nothing to finalise")
                .hasMessageContaining(dir.resolve(RecordingFinalizer.RECRUITER_TRACK).toString())
                .hasMessageContaining(dir.resolve(RecordingFinalizer.CANDIDATE_TRACK).toString());
        assertThat(dir).isEmptyDirectory();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ffmpegs")
    void aCorruptTrackIsAClearErrorNamingItWithFfmpegsWordsAndTheTrackIsUntouched(Ffmpeg ffmpeg) throws IOException {
        Tracks.tone(TOOL, dir.resolve(RecordingFinalizer.RECRUITER_TRACK), 440, 2);
        Path corrupt = dir.resolve(RecordingFinalizer.CANDIDATE_TRACK);
        byte[] garbage = new byte[20_000];
        new java.util.Random(7).nextBytes(garbage);
        Files.write(corrupt, garbage);
        Files.setLastModifiedTime(corrupt, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
        List<Path> before = listing(dir);

        assertThatThrownBy(() -> RecordingFinalizer.builder().ffmpeg(ffmpeg).build().finish(dir))
                .isInstanceOfSatisfying(RecordingFinalizationException.class, e -> {
                    assertThat(e.file()).isEqualTo(corrupt);
                    assertThat(e.ffmpegOutput()).containsIgnoringCase("invalid data");
                })
                .hasMessageContaining("candidate track " + corrupt)
                .hasMessageContaining("FFmpeg said:");

        assertThat(Files.readAllBytes(corrupt)).isEqualTo(garbage);
        assertThat(Files.getLastModifiedTime(corrupt)).isEqualTo(FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
        assertThat(listing(dir)).isEqualTo(before);
    }

    @Test
    void aTrackCutOffMidPageByACrashIsStillFinalisedUpToItsLastCompletePage() throws IOException {
        Path recruiter = Tracks.tone(TOOL, dir.resolve(RecordingFinalizer.RECRUITER_TRACK), 440, 5);
        Tracks.tone(TOOL, dir.resolve(RecordingFinalizer.CANDIDATE_TRACK), 1000, 5);
        byte[] whole = Files.readAllBytes(recruiter);
        Files.write(recruiter, java.util.Arrays.copyOf(whole, whole.length * 3 / 5));

        FinalizedRecording finished = RecordingFinalizer.builder().build().finish(dir);

        Duration recruiterLength = finished.file(RecordingRole.RECRUITER_TRACK).orElseThrow().duration();
        assertThat(recruiterLength.toMillis()).isBetween(2000L, 3500L);
        assertThat(finished.duration().toMillis()).isCloseTo(5000, within(100L));
        Tracks.Pcm pcm = Tracks.decode(TOOL, finished.stereo().path());
        assertThat(Tracks.toneRatio(pcm.channel(0), pcm.rate(), 440, 1000)).isGreaterThan(100);
    }

    @Test
    void anUnwritableOutputFolderIsAClearErrorAndTheTracksAreUntouched() throws Exception {
        Path folder = callFolder(2, 2);
        String recruiterSha = AudioFiles.sha256(folder.resolve(RecordingFinalizer.RECRUITER_TRACK));
        List<Path> before = listing(folder);

        ReadOnly readOnly = ReadOnly.of(folder);
        try {
            assertThatThrownBy(() -> RecordingFinalizer.builder().build().finish(folder))
                    .isInstanceOfSatisfying(RecordingFinalizationException.class,
                            e -> assertThat(e.file()).isEqualTo(folder))
                    .hasMessageContaining("cannot write to the output folder " + folder)
                    .hasMessageMatching("(?s).*(permission denied|Operation not permitted|Read-only).*");
        } finally {
            readOnly.close();
        }
        assertThat(listing(folder)).isEqualTo(before);
        assertThat(AudioFiles.sha256(folder.resolve(RecordingFinalizer.RECRUITER_TRACK))).isEqualTo(recruiterSha);
    }

    @Test
    void anOutputFolderThatIsAFileIsAClearError() throws IOException {
        Path folder = callFolder(2, 2);
        Path notAFolder = Files.writeString(dir.resolve("out"), "x");

        assertThatThrownBy(() -> RecordingFinalizer.builder().build().finish(
                        folder.resolve(RecordingFinalizer.RECRUITER_TRACK), folder.resolve(RecordingFinalizer.CANDIDATE_TRACK),
                        notAFolder))
                .isInstanceOf(RecordingFinalizationException.class).hasMessageContaining(notAFolder + " is not a folder");
    }

    @Test
    void anOutputNeverOverwritesASourceTrack() throws IOException {
        Path recruiter = Tracks.tone(TOOL, dir.resolve("recording.opus"), 440, 1);
        Path candidate = Tracks.tone(TOOL, dir.resolve("c.opus"), 1000, 1);
        byte[] before = Files.readAllBytes(recruiter);

        assertThatThrownBy(() -> RecordingFinalizer.builder().build().finish(recruiter, candidate, dir))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("would overwrite a source track");
        assertThat(Files.readAllBytes(recruiter)).isEqualTo(before);
    }

    @Test
    void theSameTracksGiveByteIdenticalOutputsSoAHashCanBeCheckedLater() throws IOException {
        Path folder = callFolder(2, 2);
        RecordingFinalizer finalizer = RecordingFinalizer.builder().build();

        FinalizedRecording first = finalizer.finish(folder);
        FinalizedRecording second = finalizer.finish(folder);

        assertThat(second.files()).extracting(FinalizedFile::sha256)
                .containsExactlyElementsOf(first.files().stream().map(FinalizedFile::sha256).toList());
    }

    @Test
    void finishAsyncRunsOnTheGivenExecutorOffTheCallersThread() throws Exception {
        Path folder = callFolder(2, 2);
        ExecutorService postCall = Executors.newSingleThreadExecutor(r -> new Thread(r, "post-call"));
        AtomicReference<String> thread = new AtomicReference<>();
        try {
            FinalizedRecording finished = RecordingFinalizer.builder().build()
                    .finishAsync(folder, command -> postCall.execute(() -> {
                        thread.set(Thread.currentThread().getName());
                        command.run();
                    }))
                    .get(2, TimeUnit.MINUTES);
            assertThat(finished.stereo().path()).exists();
            assertThat(thread.get()).isEqualTo("post-call");
        } finally {
            postCall.shutdownNow();
        }
    }

    @Test
    void theResultBecomesTheRecordingACallRecordPointsAt() throws IOException {
        Path folder = callFolder(2, 2);
        FinalizedRecording finished = RecordingFinalizer.builder().build().finish(folder);
        CallId call = CallId.of("wacid.HBgLMTY1MDM4Nzk0MzkVAgARGBI5QTJBQzg1RjYzMzFBODkwQkEA==");

        Recording recording = finished.toRecording(call, Instant.parse("2026-05-04T10:15:30Z"));

        assertThat(recording.stereo().name()).isEqualTo("recording.opus");
        assertThat(recording.format()).isEqualTo(RecordingFormat.OGG_OPUS);
        assertThat(recording.sha256()).isEqualTo(finished.stereo().sha256());
        assertThat(recording.files()).extracting(f -> f.role()).containsExactlyInAnyOrder(RecordingRole.values());
    }

    @Test
    void aRunThatTakesTooLongIsStoppedWithAClearError() throws IOException {
        Path folder = callFolder(1, 1);
        Path slow = FakeFfmpeg.write(dir.resolve("slow-ffmpeg"), true, true);

        assertThatThrownBy(() -> RecordingFinalizer.builder().ffmpeg(Ffmpeg.at(slow)).timeout(Duration.ofSeconds(1))
                        .build().finish(folder))
                .isInstanceOf(RecordingFinalizationException.class)
                .hasMessageContaining("did not finish within PT1S and was stopped");
        assertNoTemporaryFilesIn(folder);
    }

    private static int onset(short[] samples, double threshold) {
        int window = 480; // 10 ms at 48 kHz
        for (int i = 0; i + window <= samples.length; i += window / 4) {
            if (Tracks.rms(samples, i, i + window) > threshold) {
                return i;
            }
        }
        return -1;
    }

    private static void assertNoTemporaryFilesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files).noneMatch(p -> p.getFileName().toString().startsWith("."));
        }
    }

    private static List<Path> listing(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }
}
