package dev.wacalls.media.dtls;

import dev.wacalls.media.rtp.PacketKind;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.tls.DatagramTransport;
import org.jspecify.annotations.Nullable;

/**
 * Adapts our {@link DtlsDatagramTransport} to BouncyCastle's, dropping every datagram that cannot be DTLS before BC
 * sees it, and remembering whether the transport itself failed (to tell a dead socket from a protocol error).
 *
 * <p>RFC 7983 (updating RFC 5764 §5.1.2): on a shared 5-tuple a first byte of 20–63 is DTLS; 0–3 is STUN,
 * 64–79 TURN channel data, 128–191 RTP/RTCP. Before ICE has settled, or on a transport the engine has not
 * demultiplexed perfectly, such packets reach us; they must be dropped, not taken as a broken handshake.
 */
final class DemuxingBcTransport implements DatagramTransport {
    private final DtlsDatagramTransport transport;
    private final AtomicLong nonDtlsDropped = new AtomicLong();
    private volatile @Nullable IOException transportFailure;
    private volatile boolean closed;

    DemuxingBcTransport(DtlsDatagramTransport transport) {
        this.transport = transport;
    }

    @Override
    public int getReceiveLimit() throws IOException {
        return transport.getReceiveLimit();
    }

    @Override
    public int getSendLimit() throws IOException {
        return transport.getSendLimit();
    }

    @Override
    public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        while (true) {
            int wait = 0;
            if (waitMillis > 0) {
                long leftNanos = deadline - System.nanoTime();
                if (leftNanos <= 0) {
                    return -1;
                }
                // Round up: truncating would turn a short wait (a 1 ms drain) into "return before even looking".
                long left = (leftNanos + 999_999) / 1_000_000;
                wait = (int) Math.min(left, Integer.MAX_VALUE);
            }
            int n;
            try {
                n = transport.receive(buf, off, len, wait);
            } catch (IOException e) {
                transportFailure = e;
                throw e;
            }
            if (n < 0) {
                return -1;
            }
            if (PacketKind.classify(buf, off, n) == PacketKind.DTLS) {
                return n;
            }
            nonDtlsDropped.incrementAndGet();
        }
    }

    @Override
    public void send(byte[] buf, int off, int len) throws IOException {
        try {
            transport.send(buf, off, len);
        } catch (IOException e) {
            transportFailure = e;
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        transport.close();
    }

    long nonDtlsDropped() {
        return nonDtlsDropped.get();
    }

    @Nullable IOException transportFailure() {
        return transportFailure;
    }

    boolean isClosed() {
        return closed;
    }

    void closeQuietly() {
        try {
            close();
        } catch (IOException | RuntimeException ignored) {
            // Already failing; the handshake's own error is the one to report.
        }
    }
}
