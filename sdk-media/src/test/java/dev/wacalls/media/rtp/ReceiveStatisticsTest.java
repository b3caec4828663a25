package dev.wacalls.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReceiveStatisticsTest {
    private static final long MS = 1_000_000L;

    @Test
    void jitterFollowsAppendixA8ByHand() {
        // 20 ms Opus frames (960 ticks at 48 kHz); the third packet arrives 10 ms late.
        ReceiveStatistics s = new ReceiveStatistics(48_000, 0);
        long[] arrivalsMs = {0, 20, 50, 60, 80};
        long[] expectedJitter = {0, 0, 30, 58, 54};
        for (int i = 0; i < arrivalsMs.length; i++) {
            assertThat(s.update(1000 + i, 960L * i, arrivalsMs[i] * MS)).isTrue();
            assertThat(s.jitter()).as("after packet %d", i).isEqualTo(expectedJitter[i]);
        }
        // Transit differences: 0, 480, 480, 0 ticks. With J16 = 16 × jitter: 0 → 480 → 480+480−30 = 930 →
        // 930+0−58 = 872, and jitter = J16 >> 4: 30, 58, 54 (the real-number recurrence gives 30, 58.1, 54.5).
    }

    @Test
    void lossAndFractionLostPerReportIntervalFollowAppendixA3() {
        ReceiveStatistics s = new ReceiveStatistics(48_000, 0);
        for (int seq = 1000; seq <= 1009; seq++) {
            if (seq != 1003 && seq != 1007) {
                s.update(seq, 960L * seq, 20 * MS * seq);
            }
        }
        assertThat(s.expected()).isEqualTo(10);
        assertThat(s.received()).isEqualTo(8);
        assertThat(s.cumulativeLost()).isEqualTo(2);
        assertThat(s.nextFractionLost()).isEqualTo((2 << 8) / 10); // 51 ≈ 20 %

        for (int seq = 1010; seq <= 1019; seq++) {
            s.update(seq, 960L * seq, 20 * MS * seq);
        }
        s.update(1015, 960L * 1015, 20 * MS * 1020); // a duplicate
        assertThat(s.received()).isEqualTo(19);
        assertThat(s.cumulativeLost()).isEqualTo(1); // duplicates offset losses, as A.3 warns
        assertThat(s.nextFractionLost()).isZero(); // lost_interval ≤ 0
        assertThat(s.nextFractionLost()).isZero(); // empty interval
    }

    @Test
    void extendedHighestSequenceCountsWraps() {
        ReceiveStatistics s = new ReceiveStatistics(48_000, 0);
        int[] seqs = {65534, 65535, 0, 1, 65535 /* late */, 2};
        for (int i = 0; i < seqs.length; i++) {
            s.update(seqs[i], 960L * i, 20 * MS * i);
        }
        assertThat(s.extendedHighestSequence()).isEqualTo(65536 + 2);
        assertThat(s.baseSequence()).isEqualTo(65534);
        assertThat(s.expected()).isEqualTo(5);
        assertThat(s.received()).isEqualTo(6);
    }

    @Test
    void probationAndRestartAreThoseOfAppendixA1() {
        ReceiveStatistics s = new ReceiveStatistics(48_000); // MIN_SEQUENTIAL = 2
        assertThat(s.update(10, 0, 0)).isFalse(); // on probation
        assertThat(s.update(11, 960, 20 * MS)).isTrue(); // second in a row: valid, counting starts here
        assertThat(s.update(12, 1920, 40 * MS)).isTrue();
        assertThat(s.received()).isEqualTo(2);
        assertThat(s.expected()).isEqualTo(2);

        assertThat(s.update(5000, 0, 60 * MS)).isFalse(); // a big jump needs confirmation
        assertThat(s.update(5001, 960, 80 * MS)).isTrue(); // confirmed: statistics restart
        assertThat(s.baseSequence()).isEqualTo(5001);
        assertThat(s.received()).isEqualTo(1);
        assertThat(s.extendedHighestSequence()).isEqualTo(5001);
    }

    @Test
    void reportBlockCarriesLsrAndDlsr() {
        ReceiveStatistics s = new ReceiveStatistics(48_000, 0);
        for (int i = 0; i < 5; i++) {
            s.update(i, 960L * i, 20 * MS * i);
        }
        assertThat(s.lsr()).isZero();
        assertThat(s.dlsr(0)).isZero();
        s.onSenderReport(0x83AA7E80_80000000L, 1_000 * MS);
        assertThat(s.lsr()).isEqualTo(0x7E808000L);
        assertThat(s.dlsr(1_500 * MS)).isEqualTo(32_768); // 0.5 s in 1/65536 s

        PacketBuffer buf = new PacketBuffer(128, 0);
        RtcpWriter w = new RtcpWriter().begin(buf).receiverReport(0x0BADCAFE);
        s.writeReportBlock(w, 0x12345678, 1_500 * MS);
        assertThat(w.finish()).isEqualTo(RtcpStatus.OK);

        RtcpReader r = new RtcpReader();
        assertThat(r.reset(buf.array(), buf.offset(), buf.length())).isEqualTo(RtcpStatus.OK);
        assertThat(r.next()).isTrue();
        assertThat(r.reportSsrc(0)).isEqualTo(0x12345678);
        assertThat(r.extendedHighestSequence(0)).isEqualTo(4);
        assertThat(r.cumulativeLost(0)).isZero();
        assertThat(r.fractionLost(0)).isZero();
        assertThat(r.lsr(0)).isEqualTo(0x7E808000L);
        assertThat(r.dlsr(0)).isEqualTo(32_768);
    }
}
