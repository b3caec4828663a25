package dev.wacalls.media.dtls;

import java.io.IOException;
import org.bouncycastle.tls.DTLSTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An established DTLS association: its {@link #result() keys}, and the DTLS record layer that stays alive beside
 * SRTP for the rest of the call. Closing it sends {@code close_notify} and closes the transport.
 *
 * <pre>{@code
 * try (DtlsSession session = dtls.handshake(DtlsRole.SERVER, transport, theirFingerprint)) {
 *     startSrtp(session.result());
 *     // The engine's demultiplexer hands later DTLS datagrams (first byte 20–63) to the transport, then:
 *     session.receive(buf, 0, buf.length, 0);
 * }
 * }</pre>
 *
 * <p>Why keep reading DTLS after the handshake: as server we finish first; if our last flight (ChangeCipherSpec,
 * Finished) is lost, the client retransmits its own, and RFC 6347 §4.2.4 requires us to answer with ours again.
 * {@link #receive} does that inside BC. As client nothing is owed, but the peer's {@code close_notify} arrives the
 * same way.
 */
public final class DtlsSession implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DtlsSession.class);

    private final DTLSTransport dtls;
    private final DtlsHandshakeResult result;
    private volatile boolean closed;

    DtlsSession(DTLSTransport dtls, DtlsHandshakeResult result) {
        this.dtls = dtls;
        this.result = result;
    }

    /** The negotiated profile and keys. */
    public DtlsHandshakeResult result() {
        return result;
    }

    /**
     * Processes DTLS records arriving after the handshake, on the calling thread: answers a retransmitted final
     * flight, notices the peer's {@code close_notify}. Application data is not used by DTLS-SRTP; if a peer sends
     * some anyway it is copied to {@code buf}.
     *
     * @return bytes of application data, or -1 if none came within {@code timeoutMillis} (0 means no limit)
     * @throws IOException once the association is over: the peer sent {@code close_notify} (BC then closes the
     *     transport) or a fatal alert, or the transport failed. {@link #isClosed()} is then true.
     */
    public int receive(byte[] buf, int off, int len, int timeoutMillis) throws IOException {
        try {
            return dtls.receive(buf, off, len, timeoutMillis);
        } catch (IOException | RuntimeException e) {
            closed = true;
            throw e;
        }
    }

    /** Whether the association is over: {@link #close()} ran, or {@link #receive} found it ended. */
    public boolean isClosed() {
        return closed;
    }

    /** Sends {@code close_notify} (RFC 5246 §7.2.1) and closes the transport. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            dtls.close();
        } catch (IOException e) {
            log.debug("closing the DTLS session as {} failed", result.role(), e);
        }
    }

    @Override
    public String toString() {
        return "DtlsSession[" + result.role() + ", " + result.srtpProfile() + ", " + result.cipherSuite() + "]";
    }
}
