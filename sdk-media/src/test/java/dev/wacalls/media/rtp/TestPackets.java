package dev.wacalls.media.rtp;

import java.util.HexFormat;

/** Builds packets for tests. */
final class TestPackets {
    private TestPackets() {}

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replaceAll("\\s+", ""));
    }

    static String hex(byte[] a, int off, int len) {
        return HexFormat.of().formatHex(a, off, off + len);
    }

    /** A plain RTP packet with a payload of {@code payloadLength} bytes of value 0x5A. */
    static byte[] rtp(int payloadType, int seq, long ts, int ssrc, int payloadLength) {
        byte[] p = new byte[12 + payloadLength];
        RtpPacket.writeHeader(p, 0, false, payloadType, seq, ts, ssrc);
        java.util.Arrays.fill(p, 12, p.length, (byte) 0x5A);
        return p;
    }

    static PacketBuffer buffer(byte[] packet) {
        PacketBuffer b = new PacketBuffer(packet.length + 64, 16);
        b.copyFrom(packet, 0, packet.length);
        return b;
    }
}
