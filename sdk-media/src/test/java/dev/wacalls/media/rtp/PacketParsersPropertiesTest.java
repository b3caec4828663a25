package dev.wacalls.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Whatever bytes a peer sends, the parsers answer with a status and never read outside the packet. */
class PacketParsersPropertiesTest {

    @Property(tries = 1000)
    void rtpParsingNeverThrowsAndStaysInsideThePacket(
            @ForAll @Size(max = 120) byte[] junk, @ForAll @IntRange(min = 0, max = 7) int offset) {
        // Pad with a guard region so that a read beyond the packet would be detectable as an exception.
        byte[] a = new byte[offset + junk.length];
        System.arraycopy(junk, 0, a, offset, junk.length);
        if (junk.length > 0) {
            a[offset] = (byte) ((a[offset] & 0x3F) | 0x80); // mostly version 2, to get past the first check
        }
        RtpStatus status = RtpPacket.validate(a, offset, junk.length);
        PacketKind.classify(a, offset, junk.length);
        RtpPacket.headerLength(a, offset, junk.length);
        HeaderExtensionCursor cursor = new HeaderExtensionCursor();
        assertThat(cursor.reset(a, offset, junk.length)).isEqualTo(status);
        while (cursor.next()) {
            assertThat(cursor.dataOffset() + cursor.dataLength()).isLessThanOrEqualTo(offset + junk.length);
        }
        if (status == RtpStatus.OK) {
            int payload = RtpPacket.payloadOffset(a, offset, junk.length);
            int length = RtpPacket.payloadLength(a, offset, junk.length);
            assertThat(length).isNotNegative();
            assertThat(payload + length).isLessThanOrEqualTo(offset + junk.length);
        }
        RtpRewriter rewriter = new RtpRewriter(1, 48_000, 0, 0);
        rewriter.rewrite(a, offset, junk.length, 0);
    }

    @Property(tries = 1000)
    void rtcpParsingNeverThrows(@ForAll @Size(max = 200) byte[] junk) {
        if (junk.length > 0) {
            junk[0] = (byte) ((junk[0] & 0x3F) | 0x80);
        }
        if (junk.length > 3) {
            junk[2] = 0; // plausible lengths so that the per-type code is reached
            junk[3] = (byte) (junk[3] & 0x0F);
        }
        RtcpReader r = new RtcpReader();
        RtcpStatus status = r.reset(junk, 0, junk.length);
        while (r.next()) {
            assertThat(status).isEqualTo(RtcpStatus.OK);
            r.senderSsrc();
            r.ntpTimestamp();
            for (int i = 0; i < r.reportBlockCount(); i++) {
                r.cumulativeLost(i);
                r.dlsr(i);
            }
            while (r.nextSdesItem()) {
                assertThat(r.sdesItemOffset() + r.sdesItemLength()).isLessThanOrEqualTo(junk.length);
            }
            if (r.packetType() == RtcpReader.BYE) {
                for (int i = 0; i < r.count(); i++) {
                    r.byeSsrc(i);
                }
                r.byeReasonLength();
            }
        }
    }

    @Property(tries = 300)
    void dtmfDetectorNeverThrows(@ForAll @Size(max = 8) byte[] payload, @ForAll long timestamp) {
        DtmfDetector d = new DtmfDetector((e, dur, vol, ts, end) -> assertThat(e).isBetween(0, 255));
        d.onPacket(timestamp, payload, 0, payload.length);
        d.flush();
    }
}
