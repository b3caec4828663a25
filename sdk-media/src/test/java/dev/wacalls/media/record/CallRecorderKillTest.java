package dev.wacalls.media.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recording process killed with SIGKILL mid-call (no shutdown hook, no close, no flush) keeps everything but the
 * last fraction of a second, and recovery finishes it.
 */
class CallRecorderKillTest {
    @TempDir
    Path root;

    @BeforeAll
    static void ffmpegIsThere() {
        FfmpegCli.requireInstalled();
    }

    @Test
    void aKill9MidCallKeepsAllButTheLastSecondAndRecoveryFinishesTheFiles() throws Exception {
        // The same java as this JVM (surefire's wrapper execs it, so this is the real binary) and the test classpath.
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                RecorderChild.class.getName(), root.toString(), "wacid.KILLED")
                .redirectErrorStream(true)
                .start();
        List<String> output = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch recording = new CountDownLatch(1);
        long[] startedAt = new long[1];
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.equals("RECORDING")) {
                        startedAt[0] = System.nanoTime();
                        recording.countDown();
                    }
                    output.add(line);
                }
            } catch (java.io.IOException e) {
                // the child is gone
            }
        });
        reader.start();
        try {
            assertThat(recording.await(60, TimeUnit.SECONDS)).as("child started recording: %s", output).isTrue();
            Thread.sleep(3_000);
            long killedAt = System.nanoTime();
            child.destroyForcibly(); // SIGKILL on Linux
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).as("killed by signal 9").isEqualTo(128 + 9);
            reader.join(10_000);
            // The child printed RECORDING just after its second 0, so this is a lower bound of the call's length.
            double calledMs = (killedAt - startedAt[0]) / 1e6;
            assertThat(output).as("child output").anyMatch(l -> l.startsWith("AT 2000"))
                    .noneMatch(l -> l.contains("Exception"));

            Path dir = root.resolve("wacid.KILLED");
            for (Speaker speaker : Speaker.values()) {
                Path file = dir.resolve(speaker.fileName());
                // As the crash left it: no end-of-stream page, yet ffmpeg plays it up to its last page.
                List<OggFile.Page> pages = OggFile.pages(file);
                assertThat(pages).allMatch(OggFile.Page::crcOk).noneMatch(OggFile.Page::eos);
                short[] pcm = FfmpegCli.decode(file);
                assertThat(pcm.length / 48.0).as("%s ms kept of %.0f ms", speaker, calledMs)
                        .isGreaterThanOrEqualTo(calledMs - 1_000);
                // The child JVM is cold: its first packets reach the tap late, and the track rightly records the wait
                // as leading silence. From the first tone on, every 100 ms up to a second before the kill has tone.
                int onset = 0;
                while (onset < 20 && TestOpus.rms(pcm, onset * 4_800, (onset + 1) * 4_800) < 0.2) {
                    onset++;
                }
                assertThat(onset * 100).as("%s tone starts, ms", speaker).isLessThan(1_000);
                for (int w = onset + 1; w < (int) (calledMs - 1_000) / 100; w++) {
                    assertThat(TestOpus.rms(pcm, w * 4_800, (w + 1) * 4_800)).as("%s tone at %d ms", speaker, w * 100)
                            .isGreaterThan(0.2);
                }
            }

            List<UnfinishedRecordings.Unfinished> unfinished = UnfinishedRecordings.find(root);
            assertThat(unfinished).singleElement().satisfies(u -> {
                assertThat(u.directory()).isEqualTo(dir);
                assertThat(u.manifest().callId()).isEqualTo("wacid.KILLED");
                assertThat(u.manifest().pid()).isEqualTo(child.pid());
            });
            UnfinishedRecordings.Recovered recovered = UnfinishedRecordings.recover(unfinished.get(0),
                    Clock.systemUTC());
            assertThat(recovered.manifest().state()).isEqualTo(RecordingManifest.State.RECOVERED);
            assertThat(RecordingManifest.read(dir.resolve(".recorder.json")).state())
                    .isEqualTo(RecordingManifest.State.RECOVERED);
            assertThat(recovered.tracks()).hasSize(2).allSatisfy((speaker, r) ->
                    assertThat(r.status()).isEqualTo(OggRecovery.Status.RECOVERED));
            for (Speaker speaker : Speaker.values()) {
                Path file = dir.resolve(speaker.fileName());
                List<OggFile.Page> pages = OggFile.pages(file);
                assertThat(pages.get(pages.size() - 1).eos()).isTrue();
                assertThat(FfmpegCli.probeDurationSeconds(file) * 1000).isGreaterThanOrEqualTo(calledMs - 1_000);
                assertThat(FfmpegCli.decode(file)).hasSize((int) recovered.tracks().get(speaker).samples());
            }
            assertThat(UnfinishedRecordings.find(root)).as("nothing left to recover").isEmpty();

            // ... and the recovered tracks finish like any call's: a stereo recording and the speech files.
            FinalizedRecording finished = RecordingFinalizer.builder().ffmpeg(Ffmpeg.at(FfmpegCli.FFMPEG)).build()
                    .finish(dir);
            assertThat(finished.silentTracks()).isEmpty();
            assertThat(finished.stereo().duration().toMillis()).isGreaterThanOrEqualTo((long) calledMs - 1_000);
            assertThat(Files.size(finished.stereo().path())).isPositive();
        } finally {
            child.destroyForcibly();
        }
    }
}
