package dev.wacalls.media.ice;

/**
 * What became of one datagram handed to {@link IceDatagramTransport#sendPacket}: a status, not an exception, because
 * it is on the per-packet path.
 *
 * <pre>{@code
 * IceSendStatus status = transport.sendPacket(srtp, 0, length);
 * if (status != IceSendStatus.SENT) {
 *     counters.dropped(status);
 * }
 * }</pre>
 */
public enum IceSendStatus {
    /** Handed to the operating system. */
    SENT,
    /** The socket's send buffer was full; the datagram was dropped (UDP would have lost it anyway). */
    DROPPED,
    /** ICE has not selected a pair yet. */
    NOT_CONNECTED,
    /** Consent expired (RFC 7675 §5.1: the agent must stop sending). */
    CONSENT_LOST,
    /** The session or its socket is closed, or sending failed. */
    CLOSED
}
