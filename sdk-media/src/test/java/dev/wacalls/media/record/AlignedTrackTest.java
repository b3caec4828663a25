package dev.wacalls.media.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The timeline rules of {@link AlignedTrack}, with synthetic 20 ms packets and arrival times, read back page by page.
 * (The end-to-end check with real Opus audio decoded by ffmpeg is {@link AlignedTrackAudioTest}.)
 */
class AlignedTrackTest {
    private static final long MS = 1_000_000L;
    private static final long START = 5_000 * MS; // any nanoTime

    @TempDir
    Path dir;

    /** A recognisable 20 ms packet: a CELT TOC, a marker byte and the sequence number (4 bytes; silence is 3). */
    private static byte[] packet(int id) {
        return new byte[] {(byte) 0xF8, 0x01, (byte) (id >>> 8), (byte) id};
    }

    private AlignedTrack track(String name) throws IOException {
        return AlignedTrack.builder(OggOpusWriter.builder().open(dir.resolve(name)), START).build();
    }

    private static TrackStatus send(AlignedTrack t, int seq, long ts, long arrivalMs) {
        byte[] p = packet(seq);
        return t.offer(p, 0, p.length, seq, ts, START + arrivalMs * MS);
    }

    /** What the file holds, in order: a packet's id, or -N for N samples of silence (merged). */
    private List<Integer> timeline(String name) throws IOException {
        List<Integer> out = new ArrayList<>();
        List<OggFile.Page> pages = OggFile.pages(dir.resolve(name));
        for (OggFile.Page page : pages.subList(2, pages.size())) {
            for (byte[] p : page.packets()) {
                if (p.length == 4 && p[1] == 0x01) {
                    out.add(((p[2] & 0xFF) << 8) | (p[3] & 0xFF));
                } else {
                    int silence = OpusPackets.samples(p, 0, p.length);
                    if (!out.isEmpty() && out.get(out.size() - 1) < 0) {
                        out.set(out.size() - 1, out.get(out.size() - 1) - silence);
                    } else {
                        out.add(-silence);
                    }
                }
            }
        }
        return out;
    }

    @Test
    void aVoiceThatStartsLateGetsLeadingSilenceUpToItsFirstPacket() throws Exception {
        AlignedTrack t = track("late-start.opus");
        for (int i = 0; i < 10; i++) {
            assertThat(send(t, 100 + i, 1_000_000 + 960L * i, 1_500 + 20L * i)).isEqualTo(TrackStatus.ACCEPTED);
        }
        t.close(t.samplesForNanos(START + 1_700 * MS));
        assertThat(timeline("late-start.opus")).containsExactly(-72_000, 100, 101, 102, 103, 104, 105, 106, 107, 108,
                109);
        assertThat(t.stats().silenceSamples()).isEqualTo(72_000);
        assertThat(t.stats().samples()).isEqualTo(1_700 * 48);
    }

    @Test
    void lostPacketsAreReplacedBySilenceOfTheSameLength() throws Exception {
        AlignedTrack t = track("loss.opus");
        for (int i = 0; i < 20; i++) {
            if (i == 5 || i == 6 || i == 12) {
                continue;
            }
            send(t, i, 960L * i, 20L * i);
        }
        t.close(t.samplesForNanos(START + 400 * MS));
        assertThat(timeline("loss.opus")).containsExactly(0, 1, 2, 3, 4, -1920, 7, 8, 9, 10, 11, -960, 13, 14, 15,
                16, 17, 18, 19);
        assertThat(t.stats().packets()).isEqualTo(17);
        assertThat(t.stats().late()).isZero();
    }

    @Test
    void reorderedPacketsWithinTheWindowAreWrittenInTheirPlace() throws Exception {
        AlignedTrack t = track("reorder.opus");
        int[] arrivalOrder = {0, 1, 3, 2, 4, 8, 5, 6, 7, 9, 10, 11};
        for (int k = 0; k < arrivalOrder.length; k++) {
            int seq = arrivalOrder[k];
            assertThat(send(t, seq, 960L * seq, 20L * k)).isEqualTo(TrackStatus.ACCEPTED);
        }
        t.close(0);
        assertThat(timeline("reorder.opus")).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        assertThat(t.stats().late()).isZero();
    }

    @Test
    void aPacketLaterThanTheWindowIsDroppedAndCountedAndItsPlaceStaysSilent() throws Exception {
        AlignedTrack t = AlignedTrack.builder(OggOpusWriter.builder().open(dir.resolve("late.opus")), START)
                .reorderWindow(2).build();
        for (int seq = 0; seq < 10; seq++) {
            if (seq != 3) {
                send(t, seq, 960L * seq, 20L * seq);
            }
        }
        assertThat(send(t, 3, 960L * 3, 200)).isEqualTo(TrackStatus.LATE);
        t.close(0);
        assertThat(timeline("late.opus")).containsExactly(0, 1, 2, -960, 4, 5, 6, 7, 8, 9);
        assertThat(t.stats().late()).isEqualTo(1);
    }

    @Test
    void duplicatesAreDroppedAndCounted() throws Exception {
        AlignedTrack t = track("dup.opus");
        for (int seq = 0; seq < 8; seq++) {
            send(t, seq, 960L * seq, 20L * seq);
            if (seq % 2 == 0) {
                assertThat(send(t, seq, 960L * seq, 20L * seq + 1)).isEqualTo(TrackStatus.DUPLICATE);
            }
        }
        assertThat(send(t, 1, 960, 170)).as("long after it was written").isEqualTo(TrackStatus.DUPLICATE);
        t.close(0);
        assertThat(timeline("dup.opus")).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(t.stats().duplicates()).isEqualTo(5);
    }

    @Test
    void aForwardTimestampJumpIsReanchoredToTheArrivalClockInsteadOfInsertingSilence() throws Exception {
        AlignedTrack t = track("jump-forward.opus");
        for (int seq = 0; seq < 20; seq++) {
            long ts = 960L * seq + (seq >= 10 ? 48_000L * 10 : 0); // the sender's clock jumps 10 s ahead
            send(t, seq, ts, 20L * seq);
        }
        t.close(t.samplesForNanos(START + 400 * MS));
        assertThat(timeline("jump-forward.opus")).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
                15, 16, 17, 18, 19);
        assertThat(t.stats().reanchors()).isEqualTo(1);
        assertThat(t.stats().samples()).isEqualTo(400 * 48);
    }

    @Test
    void aBackwardTimestampJumpIsReanchoredAtOnceAndLosesNothing() throws Exception {
        AlignedTrack t = track("jump-back.opus");
        for (int seq = 0; seq < 20; seq++) {
            long ts = 5_000_000L + 960L * seq - (seq >= 10 ? 48_000L * 10 : 0); // 10 s back
            send(t, seq, ts, 20L * seq);
        }
        t.close(t.samplesForNanos(START + 400 * MS));
        assertThat(timeline("jump-back.opus")).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
                15, 16, 17, 18, 19);
        assertThat(t.stats().reanchors()).isEqualTo(1);
        assertThat(t.stats().late()).isZero();
    }

    @Test
    void timestampsWrappingAround32BitsAreContinuous() throws Exception {
        AlignedTrack t = track("wrap.opus");
        long first = 0x1_0000_0000L - 960L * 5;
        for (int seq = 65_530; seq < 65_546; seq++) { // the sequence number wraps too
            int k = seq - 65_530;
            send(t, seq & 0xFFFF, (first + 960L * k) & 0xFFFF_FFFFL, 20L * k);
        }
        t.close(0);
        assertThat(timeline("wrap.opus")).hasSize(16).allMatch(id -> id >= 0);
        assertThat(t.stats().reanchors()).isZero();
    }

    @Test
    void aNetworkStallEndingInABurstMovesNothing() throws Exception {
        AlignedTrack t = track("stall.opus");
        for (int seq = 0; seq < 60; seq++) {
            long arrival = 20L * seq + 20;
            if (seq >= 20 && seq < 40) {
                arrival = 761 + (seq - 20); // held up to 340 ms by the network, then delivered 1 ms apart
            }
            assertThat(send(t, seq, 960L * seq, arrival)).isEqualTo(TrackStatus.ACCEPTED);
        }
        t.close(0);
        assertThat(t.stats().reanchors()).isZero();
        assertThat(t.stats().late()).isZero();
        assertThat(t.stats().silenceSamples()).as("only the leading 20 ms").isEqualTo(960);
        assertThat(timeline("stall.opus")).hasSize(61);
    }

    @Test
    void aPauseTheTimestampsDidNotCountIsFoundAfterTheSkewAndTheRestIsAlignedToTheClock() throws Exception {
        AlignedTrack t = track("pause-no-ts.opus");
        for (int seq = 0; seq < 100; seq++) {
            long arrival = 20L * seq + (seq >= 50 ? 2_000 : 0); // 2 s pause; timestamps carry on as if none
            send(t, seq, 960L * seq, arrival);
        }
        t.close(t.samplesForNanos(START + 4_000 * MS));
        TrackStats s = t.stats();
        assertThat(s.reanchors()).isEqualTo(1);
        assertThat(s.late()).isZero();
        assertThat(s.packets()).isEqualTo(100);
        // The first 200 ms after the pause are placed before it was noticed; the rest sits at its arrival time.
        List<Integer> timeline = timeline("pause-no-ts.opus");
        assertThat(timeline.get(timeline.indexOf(60) - 1)).as("silence before packet 60").isNegative();
        long at = 0;
        for (int entry : timeline) {
            if (entry == 60) {
                assertThat(at / 48.0).as("ms of packet 60").isCloseTo(20 * 60 + 2_000, within(20.0));
            }
            at += entry < 0 ? -entry : 960;
        }
        assertThat(at).isEqualTo(4_000 * 48);
    }

    @Test
    void aSenderClockRunningSlowIsPulledBackToTheCallClock() throws Exception {
        AlignedTrack t = track("slow-clock.opus");
        // 0.5 % slow: 960 timestamp units every 20.1 ms of real time; over 2 minutes the timeline loses 600 ms.
        int n = 6_000;
        for (int seq = 0; seq < n; seq++) {
            send(t, seq & 0xFFFF, 960L * seq, seq * 201L / 10);
        }
        long end = t.samplesForNanos(START + n * 201L / 10 * MS);
        t.close(end);
        TrackStats s = t.stats();
        assertThat(s.reanchors()).isBetween(2L, 4L);
        assertThat(s.late()).isZero();
        assertThat(s.packets()).isEqualTo(n);
        assertThat(s.silenceSamples() / 48.0).as("ms of silence inserted").isCloseTo(600, within(220.0));
        assertThat(s.samples()).isEqualTo(end - end % 120);
    }

    @Test
    void aSenderClockRunningFastIsPulledBackByDroppingWhatOverlaps() throws Exception {
        AlignedTrack t = track("fast-clock.opus");
        int n = 6_000; // 0.5 % fast: 19.9 ms per packet; 600 ms too much audio over 2 minutes
        for (int seq = 0; seq < n; seq++) {
            send(t, seq & 0xFFFF, 960L * seq, seq * 199L / 10);
        }
        long endMs = n * 199L / 10;
        t.close(t.samplesForNanos(START + endMs * MS));
        TrackStats s = t.stats();
        assertThat(s.reanchors()).isBetween(2L, 4L);
        assertThat(s.samples() / 48.0).as("track length, ms").isCloseTo(endMs, within(200.0 + 20));
    }

    @Test
    void closingPadsTheTrackToTheCallEnd() throws Exception {
        AlignedTrack t = track("pad.opus");
        send(t, 0, 0, 100);
        t.close(t.samplesForNanos(START + 3_333 * MS));
        assertThat(t.stats().samples()).isEqualTo(3_332_500 * 48 / 1000); // 3.3325 s: the 2.5 ms grid
        assertThat(FfmpegCli.probeDurationSeconds(dir.resolve("pad.opus"))).isEqualTo(3.3325);
    }

    @Test
    void packetsThatAreNotOpusAreCountedAndSkipped() throws Exception {
        AlignedTrack t = track("invalid.opus");
        assertThat(t.offer(new byte[0], 0, 0, 1, 0, START)).isEqualTo(TrackStatus.INVALID);
        assertThat(t.offer(new byte[] {(byte) 0xFB, 0}, 0, 2, 2, 0, START)).isEqualTo(TrackStatus.INVALID);
        assertThat(t.offerRtp(new byte[5], 0, 5, START)).isEqualTo(TrackStatus.INVALID);
        assertThat(t.stats().invalid()).isEqualTo(3);
        t.close(0);
        assertThat(send(t, 3, 0, 0)).isEqualTo(TrackStatus.CLOSED);
    }

    @Test
    void aQuietTrackIsFlushedToDiskAfterTheIdleTime() throws Exception {
        AlignedTrack t = AlignedTrack.builder(OggOpusWriter.builder().maxPageDuration(Duration.ofSeconds(2))
                .open(dir.resolve("idle.opus")), START).build();
        for (int seq = 0; seq < 10; seq++) {
            send(t, seq, 960L * seq, 20L * seq);
        }
        assertThat(OggFile.pages(dir.resolve("idle.opus"))).hasSize(2);
        assertThat(t.flushIfIdle(START + 500 * MS, 1_000 * MS)).isFalse();
        assertThat(t.flushIfIdle(START + 1_500 * MS, 1_000 * MS)).isTrue();
        assertThat(timeline("idle.opus")).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        t.close(0);
    }
}
