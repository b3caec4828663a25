package dev.wacalls.media.ice;

import dev.wacalls.media.dtls.DtlsDatagramTransport;
import java.io.IOException;
import java.net.SocketException;

/**
 * The datagram path over a session's selected candidate pair: DTLS runs over it as a {@link DtlsDatagramTransport},
 * and the SRTP layer sends its packets through {@link #sendPacket} on the same socket and 5-tuple (RFC 5764 §5.1.2:
 * one port for STUN, DTLS and SRTP, told apart by the first byte, RFC 7983).
 *
 * <pre>{@code
 * IceSelectedPair pair = session.start(remote, false).get();
 * IceDatagramTransport transport = session.transport();
 * DtlsSession dtls = dtlsEndpoint.handshake(DtlsRole.CLIENT, transport, theirFingerprint);
 * session.setPacketHandler((buf, off, len) -> srtpIn.accept(buf, off, len));
 * IceSendStatus status = transport.sendPacket(srtpPacket, 0, srtpLength);
 * }</pre>
 *
 * <p>Receiving: only DTLS datagrams (first byte 20–63) from the selected remote reach {@link #receive}; STUN never
 * does (ice4j's stack consumes it), and RTP/RTCP go to the session's {@link IcePacketHandler}.
 *
 * <p>{@link #close()} ends only this DTLS view (a blocked {@link #receive} throws, as a DTLS abort requires); the ICE
 * session, and with it SRTP, lives on until {@link IceSession#close()}.
 */
public final class IceDatagramTransport implements DtlsDatagramTransport {
    /** Same as the plain UDP transport: 1,200 bytes fits any path, tunnels included. */
    public static final int SEND_LIMIT = 1200;
    /** An Ethernet MTU less the IPv4 and UDP headers. */
    public static final int RECEIVE_LIMIT = 1500 - 20 - 8;

    private final IceSession session;
    private final DatagramQueue dtls;

    IceDatagramTransport(IceSession session, DatagramQueue dtls) {
        this.session = session;
        this.dtls = dtls;
    }

    /** The session this transport belongs to. */
    public IceSession session() {
        return session;
    }

    /**
     * Sends one DTLS datagram to the selected remote. A datagram dropped for lack of socket buffer is not an error
     * (DTLS retransmits).
     *
     * @throws IOException if there is no selected pair, consent was lost, or the session is closed
     */
    @Override
    public void send(byte[] buf, int off, int len) throws IOException {
        if (dtls.isClosed()) {
            throw new SocketException("transport closed");
        }
        IceSendStatus status = session.sendPacket(buf, off, len);
        switch (status) {
            case SENT, DROPPED -> { }
            case NOT_CONNECTED -> throw new IOException("ICE has not selected a candidate pair yet");
            case CONSENT_LOST -> throw new IOException("ICE consent expired (RFC 7675): sending is forbidden");
            case CLOSED -> throw new SocketException("ICE session closed");
        }
    }

    /** Sends one RTP/RTCP (or any) datagram to the selected remote; a status, never an exception. */
    public IceSendStatus sendPacket(byte[] buf, int off, int len) {
        return session.sendPacket(buf, off, len);
    }

    @Override
    public int receive(byte[] buf, int off, int len, int timeoutMillis) throws IOException {
        if (timeoutMillis < 0) {
            throw new IllegalArgumentException("timeoutMillis < 0: " + timeoutMillis);
        }
        return dtls.poll(buf, off, len, timeoutMillis);
    }

    @Override
    public int getReceiveLimit() {
        return RECEIVE_LIMIT;
    }

    @Override
    public int getSendLimit() {
        return SEND_LIMIT;
    }

    /** Whether {@link #close()} (or the session's) has run. */
    public boolean isClosed() {
        return dtls.isClosed();
    }

    /** Ends the DTLS view; idempotent. */
    @Override
    public void close() {
        dtls.close();
    }

    @Override
    public String toString() {
        return "IceDatagramTransport[" + session + "]";
    }
}
