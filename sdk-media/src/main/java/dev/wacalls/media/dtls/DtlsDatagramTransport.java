package dev.wacalls.media.dtls;

import java.io.IOException;

/**
 * The datagram path a DTLS handshake runs over: in production the nominated ICE candidate pair (with STUN and
 * SRTP demultiplexed away by the engine), in tests a plain {@link UdpDatagramTransport} on 127.0.0.1. One transport
 * carries one DTLS association with one remote address.
 *
 * <pre>{@code
 * DtlsDatagramTransport transport = new DtlsDatagramTransport() {
 *     public void send(byte[] buf, int off, int len) throws IOException { icePair.send(buf, off, len); }
 *     public int receive(byte[] buf, int off, int len, int timeoutMillis) throws IOException {
 *         return dtlsQueue.poll(buf, off, len, timeoutMillis);      // -1 when nothing came in time
 *     }
 *     public int getReceiveLimit() { return 1500; }
 *     public int getSendLimit() { return 1200; }
 *     public void close() { dtlsQueue.close(); }
 * };
 * }</pre>
 *
 * <p>The handshake calls {@code send} and {@code receive} from the thread that runs it; {@code close} may come from
 * another thread to abort it, and must then make a blocked {@code receive} return or throw promptly.
 */
public interface DtlsDatagramTransport extends AutoCloseable {

    /** Sends one datagram of {@code len} bytes. */
    void send(byte[] buf, int off, int len) throws IOException;

    /**
     * Waits up to {@code timeoutMillis} (0 means no limit) for the next datagram from the peer and copies it to
     * {@code buf[off..]}.
     *
     * @return its length, or -1 if the time ran out
     * @throws IOException if the transport failed or was closed
     */
    int receive(byte[] buf, int off, int len, int timeoutMillis) throws IOException;

    /** The largest datagram {@link #receive} can return; a bigger one would be truncated. */
    int getReceiveLimit() throws IOException;

    /**
     * The largest datagram to send (path MTU minus IP/UDP headers). DTLS fragments handshake messages to fit, so a
     * small value gives more, smaller datagrams.
     */
    int getSendLimit() throws IOException;

    /** Releases the transport; idempotent. */
    @Override
    void close() throws IOException;
}
