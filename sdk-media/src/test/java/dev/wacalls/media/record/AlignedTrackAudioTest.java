package dev.wacalls.media.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real voice through a bad network onto the call's timeline, decoded by ffmpeg: the tone must be where it was sent
 * and the file as long as the call.
 */
class AlignedTrackAudioTest {
    private static final long MS = 1_000_000L;
    private static final long START = 77_000 * MS;

    @TempDir
    Path dir;

    @BeforeAll
    static void ffmpegIsThere() {
        FfmpegCli.requireInstalled();
    }

    private record Arrival(int seq, long ts, long arrivalNanos, byte[] payload) {}

    @Test
    void aToneThroughLossJitterALateStartAndAPauseSitsWhereItWasSentAndTheFileLastsTheCall() throws Exception {
        List<byte[]> tone = TestOpus.tone(440, 6.0); // 300 packets, sent as 3 s, a 2 s pause, 3 s
        Random random = new Random(20_240_605);
        List<Arrival> arrivals = new ArrayList<>();
        int lost = 0;
        for (int k = 0; k < tone.size(); k++) {
            long sentMs = 1_500 + 20L * k + (k >= 150 ? 2_000 : 0); // starts 1.5 s into the call
            long ts = 3_000_000_000L + 960L * k + (k >= 150 ? 96_000 : 0); // timestamps count the pause
            if (random.nextDouble() < 0.05) {
                lost++;
                continue;
            }
            long delayMicros = 40_000 + random.nextInt(45_000); // 40–85 ms: up to two packets reordered
            arrivals.add(new Arrival(k, ts, START + sentMs * MS + delayMicros * 1_000, tone.get(k)));
        }
        arrivals.sort(Comparator.comparingLong(Arrival::arrivalNanos));
        assertThat(lost).isBetween(8, 25);
        assertThat(reorderings(arrivals)).as("packets overtaken in the network").isGreaterThan(20);

        Path file = dir.resolve("voice.opus");
        AlignedTrack track = AlignedTrack.builder(OggOpusWriter.builder().open(file), START).build();
        for (Arrival a : arrivals) {
            assertThat(track.offer(a.payload, 0, a.payload.length, a.seq, a.ts, a.arrivalNanos))
                    .isEqualTo(TrackStatus.ACCEPTED);
        }
        long callEnd = START + 10_000 * MS;
        track.close(track.samplesForNanos(callEnd));

        TrackStats stats = track.stats();
        assertThat(stats.late()).isZero();
        assertThat(stats.reanchors()).isZero();
        assertThat(stats.packets()).isEqualTo(arrivals.size());

        short[] pcm = FfmpegCli.decode(file);
        assertThat(pcm.length / 48.0).as("decoded ms").isCloseTo(10_000, org.assertj.core.data.Offset.offset(20.0));
        assertThat(FfmpegCli.probeDurationSeconds(file)).isEqualTo(10.0);

        // The first packet to arrive anchors the timeline at its arrival; the tone starts k packets before it.
        Arrival first = arrivals.get(0);
        double toneStartMs = Math.floor(track.samplesForNanos(first.arrivalNanos) / 120.0) * 2.5 - 20.0 * first.seq;
        assertThat(toneStartMs).as("the first packet's network delay").isBetween(1_540.0, 1_590.0);
        double[][] tones = {{toneStartMs, toneStartMs + 3_000}, {toneStartMs + 5_000, toneStartMs + 8_000}};
        int toneWindows = 0;
        int quietWindows = 0;
        for (int w = 0; w < 100; w++) {
            double from = w * 100.0;
            double to = from + 100;
            double rms = TestOpus.rms(pcm, (int) (from * 48), (int) (to * 48));
            boolean inside = false;
            boolean touching = false;
            for (double[] t : tones) {
                inside |= from >= t[0] + 20 && to <= t[1];
                touching |= to > t[0] - 20 && from < t[1] + 40;
            }
            if (inside) {
                assertThat(rms).as("tone in %.0f–%.0f ms", from, to).isGreaterThan(0.08); // 0.35 for the whole tone; a window may have lost two of its five packets
                toneWindows++;
            } else if (!touching) {
                assertThat(rms).as("silence in %.0f–%.0f ms", from, to).isLessThan(0.002);
                quietWindows++;
            }
        }
        assertThat(toneWindows).isGreaterThanOrEqualTo(56);
        assertThat(quietWindows).isGreaterThanOrEqualTo(34);
    }

    private static int reorderings(List<Arrival> inArrivalOrder) {
        int count = 0;
        int highest = -1;
        for (Arrival a : inArrivalOrder) {
            if (a.seq < highest) {
                count++;
            }
            highest = Math.max(highest, a.seq);
        }
        return count;
    }
}
