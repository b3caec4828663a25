package dev.wacalls.call;

/**
 * Counters of one leg, cheap to read at any time.
 *
 * @param packetsSent RTP packets sent
 * @param packetsReceived RTP packets received and authenticated
 * @param bytesSent RTP payload bytes sent
 * @param bytesReceived RTP payload bytes received
 * @param packetsLost lost packets, from sequence numbers and the peer's RTCP reports
 * @param jitterMillis interarrival jitter (RFC 3550 §6.4.1)
 * @param roundTripMillis RTT from RTCP reports, -1 until known
 * @param authFailures packets dropped for failing SRTP authentication
 * @param dropped packets dropped for any other reason (garbage, replays, before keys)
 */
public record MediaStats(
        long packetsSent,
        long packetsReceived,
        long bytesSent,
        long bytesReceived,
        long packetsLost,
        double jitterMillis,
        double roundTripMillis,
        long authFailures,
        long dropped) {

    public static final MediaStats EMPTY = new MediaStats(0, 0, 0, 0, 0, 0, -1, 0, 0);
}
