package dev.wacalls.media.record;

import dev.wacalls.media.rtp.PacketBuffer;
import dev.wacalls.media.rtp.RtpPacket;

/**
 * RTP packets as the bridge's tap sees them: a decrypted packet in a {@link PacketBuffer} with head room.
 *
 * <pre>{@code
 * PacketBuffer p = RtpPackets.rtp(111, seq, 960L * seq, opusPayload);
 * }</pre>
 */
final class RtpPackets {
    private RtpPackets() {}

    static PacketBuffer rtp(int payloadType, int seq, long timestamp, byte[] payload) {
        PacketBuffer buf = new PacketBuffer(2048, 64);
        byte[] p = new byte[12 + payload.length];
        RtpPacket.writeHeader(p, 0, false, payloadType, seq & 0xFFFF, timestamp, 0x1234_5678);
        System.arraycopy(payload, 0, p, 12, payload.length);
        buf.copyFrom(p, 0, p.length);
        return buf;
    }

    /** An RFC 4733 telephone-event payload: digit, end bit and volume, duration. */
    static byte[] dtmf(int event, boolean end, int duration) {
        return new byte[] {(byte) event, (byte) ((end ? 0x80 : 0) | 10), (byte) (duration >>> 8), (byte) duration};
    }
}
