package dev.wacalls.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RtpRewriterTest {
    private static final int OUT_SSRC = 0x0BADCAFE;
    private static final long MS = 1_000_000L;

    private final RtpRewriter rewriter = new RtpRewriter(OUT_SSRC, 48_000, 1000, 500_000L);

    /** Rewrites one Opus packet and returns {status, out seq, out ts, marker}. */
    private long[] send(int ssrc, int seq, long ts, long arrivalMillis) {
        byte[] p = TestPackets.rtp(111, seq, ts, ssrc, 20);
        RewriteStatus s = rewriter.rewrite(p, 0, p.length, arrivalMillis * MS);
        if (s.isForwarded()) {
            assertThat(RtpPacket.ssrc(p, 0)).isEqualTo(OUT_SSRC);
        }
        return new long[] {s.ordinal(), RtpPacket.sequenceNumber(p, 0), RtpPacket.timestamp(p, 0),
            RtpPacket.marker(p, 0) ? 1 : 0};
    }

    private static RewriteStatus status(long[] r) {
        return RewriteStatus.values()[(int) r[0]];
    }

    @Test
    void firstPacketStartsTheOutgoingStreamWhereConfiguredWithTheMarker() {
        long[] r = send(0x1111, 40_000, 7_000_000, 0);
        assertThat(status(r)).isEqualTo(RewriteStatus.RESTARTED);
        assertThat(r[1]).isEqualTo(1000);
        assertThat(r[2]).isEqualTo(500_000);
        assertThat(r[3]).isEqualTo(1);

        long[] next = send(0x1111, 40_001, 7_000_960, 20);
        assertThat(status(next)).isEqualTo(RewriteStatus.FORWARDED);
        assertThat(next[1]).isEqualTo(1001);
        assertThat(next[2]).isEqualTo(500_960);
        assertThat(next[3]).isZero();
    }

    @Test
    void sourceRestartWithNewSsrcSequenceAndTimestampStaysContinuous() {
        for (int i = 0; i < 50; i++) {
            send(0x1111, 100 + i, 1_000 + 960L * i, 20L * i);
        }
        // last: out seq 1049, out ts 500_000 + 49*960 = 547_040 at 980 ms.
        // The WhatsApp side restarts 60 ms later with a new SSRC, random sequence and timestamp.
        long[] r = send(0x2222, 31_337, 3_999_999_000L, 1_040);
        assertThat(status(r)).isEqualTo(RewriteStatus.RESTARTED);
        assertThat(r[1]).isEqualTo(1050);
        assertThat(r[2]).isEqualTo(547_040 + 60 * 48); // wall-clock gap: 60 ms at 48 kHz
        assertThat(r[3]).isEqualTo(1);

        long[] after = send(0x2222, 31_338, 3_999_999_960L, 1_060);
        assertThat(status(after)).isEqualTo(RewriteStatus.FORWARDED);
        assertThat(after[1]).isEqualTo(1051);
        assertThat(after[2]).isEqualTo(547_040 + 60 * 48 + 960);
        assertThat(rewriter.restarts()).isEqualTo(1);

        // A straggler from the old source must not reuse a sequence number: dropped.
        assertThat(status(send(0x1111, 148, 1_000 + 960L * 48, 1_061))).isEqualTo(RewriteStatus.STALE);
    }

    @Test
    void sameSsrcSequenceJumpIsARestartAndAtLeastOneFrameIsAdvanced() {
        send(0x1111, 10, 0, 0);
        send(0x1111, 11, 960, 20);
        long[] r = send(0x1111, 20_000, 123_456_789, 20); // no wall-clock gap at all
        assertThat(status(r)).isEqualTo(RewriteStatus.RESTARTED);
        assertThat(r[1]).isEqualTo(1002);
        assertThat(r[2]).isEqualTo(500_000 + 960 + 960);
    }

    @Test
    void timestampJumpWithContinuousSequenceReanchorsTheTimelineOnly() {
        send(0x1111, 10, 0, 0);
        send(0x1111, 11, 960, 20);
        long[] r = send(0x1111, 12, 2_000_000_000L, 40); // sender clock reset
        assertThat(status(r)).isEqualTo(RewriteStatus.FORWARDED);
        assertThat(r[1]).isEqualTo(1002);
        assertThat(r[2]).isEqualTo(500_960 + 960);
        assertThat(send(0x1111, 13, 2_000_000_960L, 60)[2]).isEqualTo(500_960 + 1920);

        // Silence (DTX) of 2 s with a matching timestamp advance is not a jump.
        long[] afterSilence = send(0x1111, 14, 2_000_000_960L + 96_000, 2_060);
        assertThat(afterSilence[2]).isEqualTo(500_960 + 1920 + 96_000);
    }

    @Test
    void sequenceWrapsAt65535LikeTheInputDoes() {
        RtpRewriter nearWrap = new RtpRewriter(OUT_SSRC, 48_000, 65_534, 0xFFFF_FF00L);
        int[] outSeq = new int[6];
        long[] outTs = new long[6];
        for (int i = 0; i < 6; i++) {
            byte[] p = TestPackets.rtp(111, (65_533 + i) & 0xFFFF, 960L * i, 0x1111, 10);
            assertThat(nearWrap.rewrite(p, 0, p.length, 20 * i * MS).isForwarded()).isTrue();
            outSeq[i] = RtpPacket.sequenceNumber(p, 0);
            outTs[i] = RtpPacket.timestamp(p, 0);
        }
        // input 65533, 65534, 65535, 0, 1, 2 → output 65534, 65535, 0, 1, 2, 3; timestamps wrap at 2^32 too.
        assertThat(outSeq).containsExactly(65_534, 65_535, 0, 1, 2, 3);
        for (int i = 0; i < 6; i++) {
            assertThat(outTs[i]).isEqualTo((0xFFFF_FF00L + 960L * i) & 0xFFFF_FFFFL);
        }
        assertThat(outTs[1]).isLessThan(outTs[0]); // wrapped
        assertThat(nearWrap.restarts()).isZero();
    }

    @Test
    void reorderingKeepsPlacesGapsStayGapsAndNothingIsDuplicated() {
        // Input order with a loss (105 never arrives), a swap, a late one, and duplicates.
        int[] order = {100, 101, 103, 102, 104, 106, 103, 101, 107, 99, 108};
        List<RewriteStatus> statuses = new ArrayList<>();
        List<Integer> outs = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < order.length; i++) {
            long[] r = send(0x1111, order[i], 960L * order[i], 20L * i);
            statuses.add(status(r));
            if (status(r).isForwarded()) {
                outs.add((int) r[1]);
                assertThat(seen.add((int) r[1])).as("outgoing sequence %d used twice", r[1]).isTrue();
                assertThat(r[2]).isEqualTo(500_000 + 960L * (order[i] - 100));
            }
        }
        assertThat(statuses).containsExactly(
                RewriteStatus.RESTARTED, RewriteStatus.FORWARDED, RewriteStatus.FORWARDED, RewriteStatus.FORWARDED,
                RewriteStatus.FORWARDED, RewriteStatus.FORWARDED, RewriteStatus.DUPLICATE, RewriteStatus.DUPLICATE,
                RewriteStatus.FORWARDED, RewriteStatus.STALE, RewriteStatus.FORWARDED);
        // out = in + 900; 105 stays a gap (1005 missing) so the far end sees the loss.
        assertThat(outs).containsExactly(1000, 1001, 1003, 1002, 1004, 1006, 1007, 1008);
        assertThat(rewriter.duplicates()).isEqualTo(2);
        assertThat(rewriter.stale()).isEqualTo(1); // 99 is from before the source started
    }

    @Test
    void reorderingAcrossTheWrapStillMapsOneToOne() {
        send(0x1111, 65_534, 0, 0);
        long[] afterWrap = send(0x1111, 1, 3 * 960, 60);
        long[] late = send(0x1111, 65_535, 960, 61);
        long[] late2 = send(0x1111, 0, 1920, 62);
        assertThat(afterWrap[1]).isEqualTo(1003);
        assertThat(late[1]).isEqualTo(1001);
        assertThat(late2[1]).isEqualTo(1002);
        assertThat(status(send(0x1111, 0, 1920, 63))).isEqualTo(RewriteStatus.DUPLICATE);
    }

    @Test
    void invalidPacketsAreCountedAndLeftAlone() {
        byte[] junk = {(byte) 0x40, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
        assertThat(rewriter.rewrite(junk, 0, junk.length, 0)).isEqualTo(RewriteStatus.INVALID);
        assertThat(rewriter.rewrite(new byte[5], 0, 5, 0)).isEqualTo(RewriteStatus.INVALID);
        assertThat(junk[8]).isEqualTo((byte) 8);
        assertThat(rewriter.invalid()).isEqualTo(2);
    }
}
