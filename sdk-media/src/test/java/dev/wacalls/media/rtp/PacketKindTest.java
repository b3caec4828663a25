package dev.wacalls.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PacketKindTest {

    private static PacketKind kind(int first, int second) {
        return PacketKind.classify(new byte[] {(byte) first, (byte) second}, 0, 2);
    }

    @Test
    void firstByteRangesOfRfc7983() {
        assertThat(kind(0, 1)).isEqualTo(PacketKind.STUN); // binding request 0x0001
        assertThat(kind(3, 0)).isEqualTo(PacketKind.STUN);
        assertThat(kind(4, 0)).isEqualTo(PacketKind.UNKNOWN);
        assertThat(kind(16, 0)).isEqualTo(PacketKind.ZRTP);
        assertThat(kind(19, 0)).isEqualTo(PacketKind.ZRTP);
        assertThat(kind(20, 0)).isEqualTo(PacketKind.DTLS); // change_cipher_spec
        assertThat(kind(22, 0xFE)).isEqualTo(PacketKind.DTLS); // handshake
        assertThat(kind(63, 0)).isEqualTo(PacketKind.DTLS);
        assertThat(kind(64, 0)).isEqualTo(PacketKind.TURN_CHANNEL);
        assertThat(kind(79, 0)).isEqualTo(PacketKind.TURN_CHANNEL);
        assertThat(kind(80, 0)).isEqualTo(PacketKind.UNKNOWN);
        assertThat(kind(127, 0)).isEqualTo(PacketKind.UNKNOWN);
        assertThat(kind(192, 0)).isEqualTo(PacketKind.UNKNOWN);
        assertThat(PacketKind.classify(new byte[0], 0, 0)).isEqualTo(PacketKind.UNKNOWN);
    }

    @Test
    void rtpAndRtcpAreToldApartByPacketTypeAsRfc5761Says() {
        assertThat(kind(0x80, 111)).isEqualTo(PacketKind.RTP); // Opus
        assertThat(kind(0x80, 0x80 | 111)).isEqualTo(PacketKind.RTP); // Opus with marker
        assertThat(kind(0x80, 126)).isEqualTo(PacketKind.RTP); // telephone-event
        assertThat(kind(0x80, 200)).isEqualTo(PacketKind.RTCP); // SR
        assertThat(kind(0x81, 201)).isEqualTo(PacketKind.RTCP); // RR
        assertThat(kind(0x81, 205)).isEqualTo(PacketKind.RTCP); // RTPFB
        assertThat(kind(0x80, 223)).isEqualTo(PacketKind.RTCP);
        assertThat(kind(0x80, 224)).isEqualTo(PacketKind.RTP); // M=1, PT=96
        assertThat(PacketKind.classify(new byte[] {(byte) 0x80}, 0, 1)).isEqualTo(PacketKind.UNKNOWN);
    }
}
