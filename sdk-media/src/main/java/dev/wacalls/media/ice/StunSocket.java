package dev.wacalls.media.ice;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import org.ice4j.socket.IceSocketWrapper;
import org.jspecify.annotations.Nullable;

/**
 * What one session's ice4j STUN stack sees as its socket on one of our ports: sends go straight out of the real
 * channel, receives come from a queue the I/O thread fills with the STUN datagrams routed to this session. ice4j's
 * stack reads it with one blocking "IceConnector" thread per socket; that thread is ice4j's, not ours.
 *
 * <p>Why not ice4j's own sockets: its {@code SinglePortUdpHarvester} registers a STUN socket per remote address only
 * when that remote sends us a check first, so a controlling agent behind it can never check an ICE-lite peer (Meta),
 * which by definition sends no checks (RFC 8445 §2.5); its per-port harvester cannot bind loopback and, with
 * {@code use-component-socket}, adds a wildcard-bound socket and a reader thread per component.
 */
final class StunSocket extends IceSocketWrapper {
    /** STUN datagrams waiting for ice4j: checks arrive in short bursts, 16 is ample (it retransmits anyway). */
    private static final int QUEUE_CAPACITY = 16;
    private static final int SLOT_SIZE = 1500;

    interface SendListener {
        /** ice4j is sending STUN to {@code remote}: route datagrams from it to this session. */
        void onStunSend(UdpMux.Port port, InetSocketAddress remote);
    }

    private final UdpMux.Port port;
    private final SendListener listener;
    private final DatagramQueue queue = new DatagramQueue(QUEUE_CAPACITY, SLOT_SIZE);

    StunSocket(UdpMux.Port port, SendListener listener) {
        this.port = port;
        this.listener = listener;
    }

    UdpMux.Port port() {
        return port;
    }

    /** Called on the I/O thread. */
    boolean deliver(byte[] buf, int off, int len, InetSocketAddress from) {
        return queue.offer(buf, off, len, from);
    }

    long dropped() {
        return queue.dropped();
    }

    @Override
    public void send(DatagramPacket p) throws IOException {
        SocketAddress target = p.getSocketAddress();
        if (!(target instanceof InetSocketAddress to)) {
            throw new IOException("not an IP destination: " + target);
        }
        if (port.isClosed() || queue.isClosed()) {
            // A consent check racing with close(): drop it like a lost datagram. Throwing would send ice4j down an
            // error path that assumes its own socket classes and logs a misleading IllegalStateException.
            return;
        }
        // TransportAddress (ice4j) equals only other TransportAddresses: keep a plain copy for our maps.
        InetSocketAddress plain = new InetSocketAddress(to.getAddress(), to.getPort());
        listener.onStunSend(port, plain);
        port.send(p.getData(), p.getOffset(), p.getLength(), plain);
    }

    @Override
    public void receive(DatagramPacket p) throws IOException {
        queue.poll(p);
    }

    @Override
    public void close() {
        queue.close();
    }

    @Override
    public InetAddress getLocalAddress() {
        return port.local.getAddress();
    }

    @Override
    public int getLocalPort() {
        return port.local.getPort();
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        return port.local;
    }

    @Override
    public @Nullable Socket getTCPSocket() {
        return null;
    }

    /**
     * ice4j only tests this for null, to decide UDP versus TCP ({@code NetAccessManager}, {@code Connector}); the
     * channel's adaptor costs no extra socket. Nothing may close it through here.
     */
    @Override
    public DatagramSocket getUDPSocket() {
        return port.channel.socket();
    }

    @Override
    public String toString() {
        return "StunSocket[" + port + "]";
    }
}
