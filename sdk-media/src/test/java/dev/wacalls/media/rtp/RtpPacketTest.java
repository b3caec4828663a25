package dev.wacalls.media.rtp;

import static dev.wacalls.media.rtp.TestPackets.hex;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RtpPacketTest {

    @Test
    void readsEveryFixedHeaderField() {
        // V=2, M=1, PT=111, seq 0xF17B, ts 0x8041F8D3, SSRC 0x5501A0B2, payload "Gallia"
        byte[] p = hex("80EF F17B 8041F8D3 5501A0B2 47616C6C6961");
        assertThat(RtpPacket.validate(p, 0, p.length)).isEqualTo(RtpStatus.OK);
        assertThat(RtpPacket.version(p, 0)).isEqualTo(2);
        assertThat(RtpPacket.marker(p, 0)).isTrue();
        assertThat(RtpPacket.payloadType(p, 0)).isEqualTo(111);
        assertThat(RtpPacket.sequenceNumber(p, 0)).isEqualTo(0xF17B);
        assertThat(RtpPacket.timestamp(p, 0)).isEqualTo(0x8041F8D3L);
        assertThat(RtpPacket.ssrc(p, 0)).isEqualTo(0x5501A0B2);
        assertThat(RtpPacket.headerLength(p, 0, p.length)).isEqualTo(12);
        assertThat(RtpPacket.payloadOffset(p, 0, p.length)).isEqualTo(12);
        assertThat(RtpPacket.payloadLength(p, 0, p.length)).isEqualTo(6);
    }

    @Test
    void skipsCsrcsOneByteExtensionAndPaddingToFindThePayload() {
        // At offset 3 in a larger array: CC=2, X=1, P=1; one-byte extension (0xBEDE) of 2 words:
        // id 1 len 1 (audio level 0x8A), padding 0, id 3 len 3 (abs-send-time 0x123456), then payload AABB and
        // 2 bytes of padding (… 00 02).
        byte[] packet = hex("B2 6F 0001 00000960 11223344"
                + " CAFEBABE DEADBEEF"
                + " BEDE 0002 10 8A 00 32 123456 00"
                + " AABB 0002");
        byte[] a = new byte[3 + packet.length + 5];
        System.arraycopy(packet, 0, a, 3, packet.length);
        int off = 3;
        int len = packet.length;

        assertThat(RtpPacket.validate(a, off, len)).isEqualTo(RtpStatus.OK);
        assertThat(RtpPacket.csrcCount(a, off)).isEqualTo(2);
        assertThat(RtpPacket.csrc(a, off, 0)).isEqualTo(0xCAFEBABE);
        assertThat(RtpPacket.csrc(a, off, 1)).isEqualTo(0xDEADBEEF);
        assertThat(RtpPacket.hasExtension(a, off)).isTrue();
        assertThat(RtpPacket.hasPadding(a, off)).isTrue();
        assertThat(RtpPacket.headerLength(a, off, len)).isEqualTo(12 + 8 + 4 + 8);
        assertThat(RtpPacket.paddingLength(a, off, len)).isEqualTo(2);
        assertThat(RtpPacket.payloadLength(a, off, len)).isEqualTo(2);
        int payload = RtpPacket.payloadOffset(a, off, len);
        assertThat(hex(a, payload, 2)).isEqualTo("aabb");

        HeaderExtensionCursor ext = new HeaderExtensionCursor();
        assertThat(ext.reset(a, off, len)).isEqualTo(RtpStatus.OK);
        assertThat(ext.profile()).isEqualTo(HeaderExtensionCursor.ONE_BYTE_PROFILE);
        assertThat(ext.next()).isTrue();
        assertThat(ext.id()).isEqualTo(1);
        assertThat(ext.dataLength()).isEqualTo(1);
        assertThat(a[ext.dataOffset()] & 0xFF).isEqualTo(0x8A);
        assertThat(ext.next()).isTrue();
        assertThat(ext.id()).isEqualTo(3);
        assertThat(hex(a, ext.dataOffset(), ext.dataLength())).isEqualTo("123456");
        assertThat(ext.next()).isFalse();
        assertThat(ext.isMalformed()).isFalse();
    }

    @Test
    void walksTwoByteHeaderExtensions() {
        // RFC 8285 §4.3: profile 0x1000 (appbits 0), id 5 with 0 bytes, id 200 with 3 bytes, padding.
        byte[] p = hex("90 6F 0001 00000960 11223344 1000 0002 05 00 C8 03 010203 00 FF");
        assertThat(RtpPacket.validate(p, 0, p.length)).isEqualTo(RtpStatus.OK);
        assertThat(RtpPacket.payloadLength(p, 0, p.length)).isEqualTo(1);

        HeaderExtensionCursor ext = new HeaderExtensionCursor();
        ext.reset(p, 0, p.length);
        assertThat(ext.isTwoByte()).isTrue();
        assertThat(ext.next()).isTrue();
        assertThat(ext.id()).isEqualTo(5);
        assertThat(ext.dataLength()).isZero();
        assertThat(ext.next()).isTrue();
        assertThat(ext.id()).isEqualTo(200);
        assertThat(hex(p, ext.dataOffset(), 3)).isEqualTo("010203");
        assertThat(ext.next()).isFalse();
    }

    @Test
    void oneByteIdFifteenStopsTheWalkAndAForeignProfileIsSkippedWhole() {
        byte[] stop = hex("90 6F 0001 00000960 11223344 BEDE 0001 10 8A F0 00 99");
        HeaderExtensionCursor ext = new HeaderExtensionCursor();
        ext.reset(stop, 0, stop.length);
        assertThat(ext.next()).isTrue();
        assertThat(ext.next()).isFalse(); // RFC 8285 §4.2: ID 15 ends processing
        assertThat(RtpPacket.payloadLength(stop, 0, stop.length)).isEqualTo(1);

        byte[] foreign = hex("90 6F 0001 00000960 11223344 ABCD 0001 01020304 99");
        ext.reset(foreign, 0, foreign.length);
        assertThat(ext.profile()).isEqualTo(0xABCD);
        assertThat(ext.next()).isFalse();
        assertThat(RtpPacket.payloadOffset(foreign, 0, foreign.length)).isEqualTo(20);
    }

    @Test
    void anElementRunningPastTheExtensionIsReportedAsMalformed() {
        byte[] p = hex("90 6F 0001 00000960 11223344 BEDE 0001 10 8A 33 AA 99");
        HeaderExtensionCursor ext = new HeaderExtensionCursor();
        ext.reset(p, 0, p.length);
        assertThat(ext.next()).isTrue();
        assertThat(ext.next()).isFalse();
        assertThat(ext.isMalformed()).isTrue();
    }

    @Test
    void malformedPacketsGetAStatusNotAnException() {
        assertThat(RtpPacket.validate(new byte[11], 0, 11)).isEqualTo(RtpStatus.TOO_SHORT);
        assertThat(RtpPacket.validate(hex("40 6F 0001 00000960 11223344"), 0, 12)).isEqualTo(RtpStatus.BAD_VERSION);
        // CC=3 needs 24 bytes
        assertThat(RtpPacket.validate(hex("83 6F 0001 00000960 11223344 00000001"), 0, 16))
                .isEqualTo(RtpStatus.CSRC_OVERRUN);
        // X set but no room for the extension header
        assertThat(RtpPacket.validate(hex("90 6F 0001 00000960 11223344 BEDE"), 0, 14))
                .isEqualTo(RtpStatus.EXTENSION_OVERRUN);
        // extension says 3 words, only 1 present
        assertThat(RtpPacket.validate(hex("90 6F 0001 00000960 11223344 BEDE 0003 10 8A 00 00"), 0, 20))
                .isEqualTo(RtpStatus.EXTENSION_OVERRUN);
        // padding count 0, and padding count larger than the payload
        assertThat(RtpPacket.validate(hex("A0 6F 0001 00000960 11223344 AA 00"), 0, 14))
                .isEqualTo(RtpStatus.BAD_PADDING);
        assertThat(RtpPacket.validate(hex("A0 6F 0001 00000960 11223344 AA 09"), 0, 14))
                .isEqualTo(RtpStatus.BAD_PADDING);
        assertThat(RtpPacket.headerLength(hex("90 6F 0001 00000960 11223344 BEDE"), 0, 14)).isEqualTo(-1);
    }

    @Test
    void settersWriteInPlaceAndKeepNeighbouringBits() {
        byte[] p = TestPackets.rtp(111, 65535, 0xFFFFFFFFL, 1, 4);
        RtpPacket.setMarker(p, 0, true);
        RtpPacket.setPayloadType(p, 0, 126);
        assertThat(RtpPacket.marker(p, 0)).isTrue();
        assertThat(RtpPacket.payloadType(p, 0)).isEqualTo(126);
        RtpPacket.setSequenceNumber(p, 0, 65536 + 7);
        RtpPacket.setTimestamp(p, 0, 0x1_0000_0005L);
        RtpPacket.setSsrc(p, 0, 0xFEEDFACE);
        RtpPacket.setMarker(p, 0, false);
        assertThat(RtpPacket.sequenceNumber(p, 0)).isEqualTo(7);
        assertThat(RtpPacket.timestamp(p, 0)).isEqualTo(5);
        assertThat(RtpPacket.ssrc(p, 0)).isEqualTo(0xFEEDFACE);
        assertThat(RtpPacket.marker(p, 0)).isFalse();
        assertThat(RtpPacket.payloadType(p, 0)).isEqualTo(126);
    }
}
