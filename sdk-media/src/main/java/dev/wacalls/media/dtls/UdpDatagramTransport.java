package dev.wacalls.media.dtls;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link DtlsDatagramTransport} over its own UDP socket talking to one remote address, for tests and for
 * deployments without ICE. Datagrams from any other address are dropped (counted in {@link #foreignDropped()}).
 *
 * <pre>{@code
 * try (UdpDatagramTransport transport = UdpDatagramTransport.open(
 *         new InetSocketAddress("127.0.0.1", 0), new InetSocketAddress("127.0.0.1", peerPort))) {
 *     DtlsSession session = dtls.handshake(DtlsRole.CLIENT, transport, peerFingerprint);
 * }
 * }</pre>
 *
 * <p>The socket is not {@code connect}ed on purpose: on Linux a connected UDP socket reports an ICMP port-unreachable
 * as an exception on the next receive, which would kill a handshake whose peer merely starts a moment later. DTLS
 * retransmission (RFC 6347 §4.2.4) is what handles a peer that is not there yet.
 */
public final class UdpDatagramTransport implements DtlsDatagramTransport {
    /** Default send limit: 1,200 bytes fits any path, tunnels included (the figure QUIC also relies on). */
    public static final int DEFAULT_SEND_LIMIT = 1200;
    /** Receive limit: an Ethernet MTU less the IPv4 and UDP headers. */
    public static final int DEFAULT_RECEIVE_LIMIT = 1500 - 20 - 8;

    private final DatagramSocket socket;
    private final InetSocketAddress local;
    private final InetSocketAddress remote;
    private final int sendLimit;
    private final AtomicLong foreignDropped = new AtomicLong();

    private UdpDatagramTransport(DatagramSocket socket, InetSocketAddress remote, int sendLimit) {
        this.socket = socket;
        this.local = (InetSocketAddress) socket.getLocalSocketAddress();
        this.remote = remote;
        this.sendLimit = sendLimit;
    }

    /** Binds a socket to {@code local} (port 0 picks a free one) for traffic with {@code remote}. */
    public static UdpDatagramTransport open(InetSocketAddress local, InetSocketAddress remote) throws IOException {
        return open(local, remote, DEFAULT_SEND_LIMIT);
    }

    /** As {@link #open(InetSocketAddress, InetSocketAddress)} with another send limit. */
    public static UdpDatagramTransport open(InetSocketAddress local, InetSocketAddress remote, int sendLimit)
            throws IOException {
        if (sendLimit < 64 || sendLimit > 65_507) {
            throw new IllegalArgumentException("send limit out of range: " + sendLimit);
        }
        if (remote.isUnresolved()) {
            throw new IllegalArgumentException("remote address is unresolved: " + remote);
        }
        return new UdpDatagramTransport(new DatagramSocket(local), remote, sendLimit);
    }

    /** Wraps an already bound socket; {@link #close()} closes it. */
    public static UdpDatagramTransport wrap(DatagramSocket socket, InetSocketAddress remote) {
        return new UdpDatagramTransport(socket, remote, DEFAULT_SEND_LIMIT);
    }

    /** The bound local address. */
    public InetSocketAddress localAddress() {
        return local;
    }

    /** The peer's address. */
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    /** Datagrams dropped because they came from another address. */
    public long foreignDropped() {
        return foreignDropped.get();
    }

    /** Whether {@link #close()} has run. */
    public boolean isClosed() {
        return socket.isClosed();
    }

    @Override
    public void send(byte[] buf, int off, int len) throws IOException {
        socket.send(new DatagramPacket(buf, off, len, remote));
    }

    @Override
    public int receive(byte[] buf, int off, int len, int timeoutMillis) throws IOException {
        if (timeoutMillis < 0) {
            throw new IllegalArgumentException("timeoutMillis < 0: " + timeoutMillis);
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        DatagramPacket packet = new DatagramPacket(buf, off, len);
        while (true) {
            int wait = 0;
            if (timeoutMillis > 0) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return -1;
                }
                wait = (int) Math.min(left, Integer.MAX_VALUE);
            }
            packet.setData(buf, off, len);
            try {
                socket.setSoTimeout(wait);
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                return -1;
            }
            if (remote.equals(packet.getSocketAddress())) {
                return packet.getLength();
            }
            foreignDropped.incrementAndGet();
        }
    }

    @Override
    public int getReceiveLimit() {
        return DEFAULT_RECEIVE_LIMIT;
    }

    @Override
    public int getSendLimit() {
        return sendLimit;
    }

    @Override
    public void close() {
        socket.close();
    }

    @Override
    public String toString() {
        return "UdpDatagramTransport[" + localAddress() + " <-> " + remote + "]";
    }
}
