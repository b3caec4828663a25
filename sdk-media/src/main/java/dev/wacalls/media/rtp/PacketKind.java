package dev.wacalls.media.rtp;

/**
 * What kind of packet arrived on the one UDP port that ICE, DTLS, SRTP and SRTCP share (BUNDLE + rtcp-mux, which Meta
 * requires). Demultiplexed by the first byte as RFC 7983 §7 prescribes, then RTP from RTCP by the payload type byte as
 * RFC 5761 §4 prescribes.
 *
 * <pre>{@code
 * switch (PacketKind.classify(buf.array(), buf.offset(), buf.length())) {
 *     case STUN -> ice.handle(buf);
 *     case DTLS -> dtls.handle(buf);
 *     case RTP -> media.handleRtp(buf);
 *     case RTCP -> media.handleRtcp(buf);
 *     default -> dropped++;
 * }
 * }</pre>
 */
public enum PacketKind {
    /** First byte 0–3: STUN (ICE connectivity checks and consent freshness). */
    STUN,
    /** First byte 16–19: ZRTP (never negotiated by WebRTC; recognised so it is not taken for something else). */
    ZRTP,
    /** First byte 20–63: DTLS records. */
    DTLS,
    /** First byte 64–79: TURN ChannelData. */
    TURN_CHANNEL,
    /** First byte 128–191 and a second byte that is not an RTCP packet type: (S)RTP. */
    RTP,
    /** First byte 128–191 and packet type 192–223 (RFC 5761 §4): (S)RTCP. */
    RTCP,
    /** Anything else, including an empty datagram: RFC 7983 says drop it. */
    UNKNOWN;

    /** Classifies the datagram {@code data[offset .. offset+length-1]} without reading past it. */
    public static PacketKind classify(byte[] data, int offset, int length) {
        if (length < 1) {
            return UNKNOWN;
        }
        int b = data[offset] & 0xFF;
        if (b <= 3) {
            return STUN;
        }
        if (b >= 16 && b <= 19) {
            return ZRTP;
        }
        if (b >= 20 && b <= 63) {
            return DTLS;
        }
        if (b >= 64 && b <= 79) {
            return TURN_CHANNEL;
        }
        if (b >= 128 && b <= 191) {
            if (length < 2) {
                return UNKNOWN;
            }
            // RFC 5761 §4: RTCP packet types 192–223 occupy the byte where RTP has M + PT, so PT 64–95 is RTCP.
            int packetType = data[offset + 1] & 0xFF;
            return packetType >= 192 && packetType <= 223 ? RTCP : RTP;
        }
        return UNKNOWN;
    }
}
