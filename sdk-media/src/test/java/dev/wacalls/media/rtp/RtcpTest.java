package dev.wacalls.media.rtp;

import static dev.wacalls.media.rtp.TestPackets.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RtcpTest {
    private static final String SR_WITH_BLOCK = "81C8000C 11223344 83AA7E80 80000000 00015F90 0000000A 00000640"
            + " 55667788 40 000003 00010005 00000010 AABBCCDD 00010000";
    private static final String SDES_CNAME_ABC = "81CA0003 11223344 01036162 63000000";
    private static final String BYE_WITH_REASON = "81CB0002 11223344 03627965";

    private static PacketBuffer buffer(int capacity) {
        return new PacketBuffer(capacity, 16);
    }

    @Test
    void buildsTheCompoundByteForByteAsRfc3550LaysItOut() {
        PacketBuffer buf = buffer(256);
        RtcpStatus status = new RtcpWriter().begin(buf)
                .senderReport(0x11223344, 0x83AA7E80_80000000L, 0x15F90, 10, 1600)
                .reportBlock(0x55667788, 0x40, 3, 0x0001_0005L, 16, 0xAABBCCDDL, 0x0001_0000L)
                .sdesCname(0x11223344, "abc".getBytes(StandardCharsets.US_ASCII))
                .bye(0x11223344, "bye".getBytes(StandardCharsets.US_ASCII))
                .finish();

        assertThat(status).isEqualTo(RtcpStatus.OK);
        assertThat(buf.offset()).isEqualTo(16);
        assertThat(TestPackets.hex(buf.array(), buf.offset(), buf.length()))
                .isEqualToIgnoringCase((SR_WITH_BLOCK + SDES_CNAME_ABC + BYE_WITH_REASON).replace(" ", ""));
    }

    @Test
    void parsesWhatItBuildsAndTheKnownLayout() {
        byte[] compound = hex(SR_WITH_BLOCK + SDES_CNAME_ABC + BYE_WITH_REASON);
        RtcpReader r = new RtcpReader();
        assertThat(r.reset(compound, 0, compound.length)).isEqualTo(RtcpStatus.OK);

        assertThat(r.next()).isTrue();
        assertThat(r.packetType()).isEqualTo(RtcpReader.SR);
        assertThat(r.senderSsrc()).isEqualTo(0x11223344);
        assertThat(r.ntpTimestamp()).isEqualTo(0x83AA7E80_80000000L);
        assertThat(NtpTime.middle32(r.ntpTimestamp())).isEqualTo(0x7E808000L);
        assertThat(r.rtpTimestamp()).isEqualTo(0x15F90);
        assertThat(r.senderPacketCount()).isEqualTo(10);
        assertThat(r.senderOctetCount()).isEqualTo(1600);
        assertThat(r.reportBlockCount()).isEqualTo(1);
        assertThat(r.reportSsrc(0)).isEqualTo(0x55667788);
        assertThat(r.fractionLost(0)).isEqualTo(0x40);
        assertThat(r.cumulativeLost(0)).isEqualTo(3);
        assertThat(r.extendedHighestSequence(0)).isEqualTo(0x10005);
        assertThat(r.jitter(0)).isEqualTo(16);
        assertThat(r.lsr(0)).isEqualTo(0xAABBCCDDL);
        assertThat(r.dlsr(0)).isEqualTo(0x10000);

        assertThat(r.next()).isTrue();
        assertThat(r.packetType()).isEqualTo(RtcpReader.SDES);
        assertThat(r.nextSdesItem()).isTrue();
        assertThat(r.sdesChunkSsrc()).isEqualTo(0x11223344);
        assertThat(r.sdesItemType()).isEqualTo(RtcpReader.SDES_CNAME);
        assertThat(new String(compound, r.sdesItemOffset(), r.sdesItemLength(), StandardCharsets.US_ASCII))
                .isEqualTo("abc");
        assertThat(r.nextSdesItem()).isFalse();

        assertThat(r.next()).isTrue();
        assertThat(r.packetType()).isEqualTo(RtcpReader.BYE);
        assertThat(r.count()).isEqualTo(1);
        assertThat(r.byeSsrc(0)).isEqualTo(0x11223344);
        assertThat(new String(compound, r.byeReasonOffset(), r.byeReasonLength(), StandardCharsets.US_ASCII))
                .isEqualTo("bye");
        assertThat(r.next()).isFalse();
    }

    @Test
    void receiverReportWithTwoBlocksAndNegativeCumulativeLossRoundTrips() {
        PacketBuffer buf = buffer(128);
        assertThat(new RtcpWriter().begin(buf)
                .receiverReport(0xAAAA0001)
                .reportBlock(1, 0, -2, 70_000, 5, 0, 0)
                .reportBlock(2, 255, 0x7FFFFF + 10, 1, 0, 1, 2)
                .finish()).isEqualTo(RtcpStatus.OK);
        assertThat(buf.length()).isEqualTo(8 + 48);

        RtcpReader r = new RtcpReader();
        assertThat(r.reset(buf.array(), buf.offset(), buf.length())).isEqualTo(RtcpStatus.OK);
        assertThat(r.next()).isTrue();
        assertThat(r.packetType()).isEqualTo(RtcpReader.RR);
        assertThat(r.reportBlockCount()).isEqualTo(2);
        assertThat(r.cumulativeLost(0)).isEqualTo(-2);
        assertThat(r.extendedHighestSequence(0)).isEqualTo(70_000);
        assertThat(r.fractionLost(1)).isEqualTo(255);
        assertThat(r.cumulativeLost(1)).isEqualTo(0x7FFFFF); // clamped to 24 bits (RFC 3550 A.3)
        assertThat(r.ntpTimestamp()).isZero();
    }

    @Test
    void unknownPacketTypesAreSteppedOver() {
        // RR (no blocks), APP "name" with 4 bytes of data, RTPFB generic NACK, SDES with two chunks.
        byte[] compound = hex("80C90001 00000001"
                + " 80CC0003 00000001 6E616D65 01020304"
                + " 81CD0003 00000001 00000002 00050000"
                + " 82CA0006 00000001 01016100 00000002 02027878 03017900 00000000");
        RtcpReader r = new RtcpReader();
        assertThat(r.reset(compound, 0, compound.length)).isEqualTo(RtcpStatus.OK);
        int[] types = new int[4];
        int n = 0;
        while (r.next()) {
            types[n++] = r.packetType();
        }
        assertThat(types).containsExactly(RtcpReader.RR, RtcpReader.APP, RtcpReader.RTPFB, RtcpReader.SDES);

        r.reset(compound, 0, compound.length);
        for (int i = 0; i < 4; i++) {
            r.next();
        }
        StringBuilder items = new StringBuilder();
        while (r.nextSdesItem()) {
            items.append(r.sdesChunkSsrc()).append(':').append(r.sdesItemType()).append('=')
                    .append(new String(compound, r.sdesItemOffset(), r.sdesItemLength(), StandardCharsets.US_ASCII))
                    .append(' ');
        }
        assertThat(items.toString()).isEqualTo("1:1=a 2:2=xx 2:3=y ");
    }

    @Test
    void malformedCompoundsGetAStatus() {
        RtcpReader r = new RtcpReader();
        byte[] shortOne = hex("80C9");
        assertThat(r.reset(shortOne, 0, 2)).isEqualTo(RtcpStatus.TOO_SHORT);
        assertThat(r.next()).isFalse();

        byte[] badVersion = hex("40C90001 00000001");
        assertThat(r.reset(badVersion, 0, badVersion.length)).isEqualTo(RtcpStatus.BAD_VERSION);

        byte[] overrun = hex("80C90005 00000001");
        assertThat(r.reset(overrun, 0, overrun.length)).isEqualTo(RtcpStatus.LENGTH_OVERRUN);

        byte[] twoBlocksClaimed = hex("82C90007 00000001 " + "00".repeat(24));
        assertThat(r.reset(twoBlocksClaimed, 0, twoBlocksClaimed.length)).isEqualTo(RtcpStatus.REPORT_OVERRUN);

        byte[] srTooShort = hex("80C80002 00000001 00000000");
        assertThat(r.reset(srTooShort, 0, srTooShort.length)).isEqualTo(RtcpStatus.TOO_SHORT);

        // Padding on the first of two packets (RFC 3550 A.2 allows it only on the last).
        byte[] paddedFirst = hex("A0C90002 00000001 00000004 80C90001 00000002");
        assertThat(r.reset(paddedFirst, 0, paddedFirst.length)).isEqualTo(RtcpStatus.BAD_PADDING);

        byte[] trailingByte = hex("80C90001 00000001 80");
        assertThat(r.reset(trailingByte, 0, trailingByte.length)).isEqualTo(RtcpStatus.TOO_SHORT);

        // Padding on the last packet is fine and excluded from the items.
        byte[] paddedLast = hex("A1CA0003 00000001 01016100 00000004");
        assertThat(r.reset(paddedLast, 0, paddedLast.length)).isEqualTo(RtcpStatus.OK);
    }

    @Test
    void writerRefusesWhatDoesNotFitOrMakesNoSense() {
        PacketBuffer tiny = new PacketBuffer(16 + 40 + RtcpWriter.SRTCP_RESERVE, 16);
        assertThat(new RtcpWriter().begin(tiny)
                .senderReport(1, 0, 0, 0, 0)
                .reportBlock(2, 0, 0, 0, 0, 0, 0)
                .finish()).isEqualTo(RtcpStatus.NO_ROOM);
        assertThat(tiny.length()).isZero();

        PacketBuffer buf = buffer(128);
        assertThat(new RtcpWriter().begin(buf).reportBlock(2, 0, 0, 0, 0, 0, 0).finish())
                .isEqualTo(RtcpStatus.BAD_ARGUMENT);
        assertThat(new RtcpWriter().begin(buf).sdesCname(1, new byte[256]).finish())
                .isEqualTo(RtcpStatus.BAD_ARGUMENT);

        RtcpWriter w = new RtcpWriter().begin(new PacketBuffer(1024, 0)).receiverReport(1);
        for (int i = 0; i < 31; i++) {
            w.reportBlock(i, 0, 0, 0, 0, 0, 0);
        }
        assertThat(w.reportBlock(99, 0, 0, 0, 0, 0, 0).finish()).isEqualTo(RtcpStatus.BAD_ARGUMENT);
    }

    @Test
    void ntpConversionsMatchRfc3550() {
        long ntp = NtpTime.fromUnixMillis(1_000L * 1_700_000_000L + 500);
        assertThat(ntp >>> 32).isEqualTo(1_700_000_000L + NtpTime.UNIX_EPOCH_IN_NTP_SECONDS);
        assertThat(ntp & 0xFFFF_FFFFL).isEqualTo(0x8000_0000L);
        assertThat(NtpTime.toUnixMillis(ntp)).isEqualTo(1_700_000_000_500L);
        assertThat(NtpTime.toDlsrUnits(1_000_000_000L)).isEqualTo(65_536);
        assertThat(NtpTime.toDlsrUnits(500_000_000L)).isEqualTo(32_768);
    }
}
