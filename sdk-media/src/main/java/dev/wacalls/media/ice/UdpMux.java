package dev.wacalls.media.ice;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.Inet6Address;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UDP sockets of one {@link IceEndpoint} and the single thread that reads all of them: non-blocking channels on
 * one {@link Selector}, so the number of threads does not grow with the number of calls.
 *
 * <p>Each datagram is classified by its first byte (RFC 7983, updating RFC 5764 §5.1.2): 0–3 STUN, 20–63 DTLS,
 * 128–191 RTP/RTCP; anything else (ZRTP 16–19, TURN channels 64–79, garbage) is dropped. Then it is routed to a
 * {@link Receiver} — on a dedicated port (port-range mode) the port's only session; on a shared port:
 * <ul>
 *   <li>a STUN Binding request by the first half of its USERNAME, which is the ufrag of the agent it is addressed to
 *       (RFC 8445 §7.2.2), and its source address is then remembered for that session;</li>
 *   <li>everything else (STUN responses and indications, DTLS, RTP) by source address, learned from those requests
 *       and from the checks the session sends.</li>
 * </ul>
 * Two sessions talking to the same remote address through the same shared port cannot be told apart by anyone
 * (DTLS and SRTP carry no session id); the earlier one keeps the route, {@link #remoteConflicts()} counts it, and the
 * later session fails ({@link IceRouteConflictException}).
 */
final class UdpMux implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(UdpMux.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    static final int KIND_STUN = 0;
    static final int KIND_DTLS = 1;
    static final int KIND_MEDIA = 2;
    static final int KIND_OTHER = 3;

    /** Bigger than any datagram a path MTU lets through, so nothing is truncated. */
    static final int READ_BUFFER_SIZE = 4096;
    /** Datagrams read from one socket before serving the next, so one busy socket cannot starve the others. */
    private static final int MAX_READS_PER_WAKEUP = 64;
    private static final int STUN_HEADER = 20;
    private static final int STUN_MAGIC_COOKIE = 0x2112A442;
    private static final int STUN_BINDING_REQUEST = 0x0001;
    private static final int STUN_ATTR_USERNAME = 0x0006;

    /** Where a datagram goes once routed; called on the I/O thread, must not block. */
    interface Receiver {
        void onDatagram(Port port, int kind, byte[] buf, int off, int len, InetSocketAddress from);
    }

    private final Selector selector;
    private final Thread thread;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Runnable tick;
    private final long tickNanos;
    private final ByteBuffer readBuffer = ByteBuffer.allocate(READ_BUFFER_SIZE);
    private final AtomicLong unroutable = new AtomicLong();
    private final AtomicLong unclassified = new AtomicLong();
    private final AtomicLong remoteConflicts = new AtomicLong();
    private final AtomicInteger openPorts = new AtomicInteger();
    private volatile boolean closed;

    UdpMux(Runnable tick, long tickMillis) throws IOException {
        this.selector = Selector.open();
        this.tick = tick;
        this.tickNanos = TimeUnit.MILLISECONDS.toNanos(tickMillis);
        this.thread = new Thread(this::run, "wacalls-ice-io-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        thread.start();
    }

    /** A port every session of the endpoint shares, routed by ufrag and remote address. */
    Port openShared(InetSocketAddress local) throws IOException {
        return open(local, null);
    }

    /** A port for one session. */
    Port openDedicated(InetSocketAddress local, Receiver owner) throws IOException {
        return open(local, owner);
    }

    private Port open(InetSocketAddress local, @Nullable Receiver owner) throws IOException {
        if (closed) {
            throw new ClosedChannelException();
        }
        DatagramChannel channel = DatagramChannel.open(
                local.getAddress() instanceof Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        try {
            channel.configureBlocking(false);
            channel.bind(local);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        Port port = new Port(channel, owner);
        openPorts.incrementAndGet();
        execute(() -> {
            try {
                if (channel.isOpen()) {
                    channel.register(selector, SelectionKey.OP_READ, port);
                }
            } catch (ClosedChannelException e) {
                // closed before the I/O thread got to it: nothing to read
            }
        });
        return port;
    }

    /** Runs {@code task} on the I/O thread, soon. */
    void execute(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    /**
     * Waits until the I/O thread has gone once around its loop. A closed channel's socket is released only when the
     * selector drops its key (NIO defers the close of a registered channel), so after this the port is free again.
     */
    void awaitLoop() {
        if (Thread.currentThread() == thread || closed) {
            return;
        }
        CountDownLatch latch = new CountDownLatch(1);
        execute(latch::countDown);
        try {
            latch.await(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean isIoThread() {
        return Thread.currentThread() == thread;
    }

    Thread ioThread() {
        return thread;
    }

    long unroutable() {
        return unroutable.get();
    }

    long unclassified() {
        return unclassified.get();
    }

    long remoteConflicts() {
        return remoteConflicts.get();
    }

    int openPorts() {
        return openPorts.get();
    }

    private void run() {
        long nextTick = System.nanoTime() + tickNanos;
        while (!closed) {
            try {
                long waitMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(nextTick - System.nanoTime()));
                selector.select(this::onReadable, waitMillis);
            } catch (IOException | RuntimeException e) {
                if (closed) {
                    break;
                }
                log.warn("ICE I/O loop: select failed", e);
            }
            Runnable task;
            while ((task = tasks.poll()) != null) {
                runSafely(task);
            }
            if (System.nanoTime() - nextTick >= 0) {
                runSafely(tick);
                nextTick = System.nanoTime() + tickNanos;
            }
        }
        Runnable task;
        while ((task = tasks.poll()) != null) {
            runSafely(task);
        }
        for (SelectionKey key : selector.keys()) {
            closeQuietly(key.channel());
        }
        try {
            selector.close();
        } catch (IOException e) {
            log.debug("closing the selector failed", e);
        }
    }

    private static void runSafely(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            log.warn("ICE I/O task failed", e);
        }
    }

    private void onReadable(SelectionKey key) {
        Port port = (Port) key.attachment();
        byte[] array = readBuffer.array();
        for (int i = 0; i < MAX_READS_PER_WAKEUP; i++) {
            SocketAddress from;
            readBuffer.clear();
            try {
                from = port.channel.receive(readBuffer);
            } catch (IOException e) {
                if (port.channel.isOpen()) {
                    log.debug("receive on {} failed", port.local, e);
                }
                return;
            }
            if (from == null) {
                return;
            }
            dispatch(port, array, readBuffer.position(), (InetSocketAddress) from);
        }
    }

    private void dispatch(Port port, byte[] buf, int len, InetSocketAddress from) {
        int kind = classify(buf, len);
        if (kind == KIND_OTHER) {
            unclassified.incrementAndGet();
            return;
        }
        Receiver receiver = port.owner;
        if (receiver == null) {
            receiver = port.route(kind, buf, len, from);
        }
        if (receiver == null) {
            unroutable.incrementAndGet();
            return;
        }
        try {
            receiver.onDatagram(port, kind, buf, 0, len, from);
        } catch (RuntimeException e) {
            log.warn("an ICE receiver failed on a datagram from {}", from, e);
        }
    }

    /** RFC 7983 §7: the first byte tells STUN, DTLS and RTP/RTCP apart on one 5-tuple. */
    static int classify(byte[] buf, int len) {
        if (len <= 0) {
            return KIND_OTHER;
        }
        int b = buf[0] & 0xFF;
        if (b <= 3) {
            return len >= STUN_HEADER && readInt(buf, 4) == STUN_MAGIC_COOKIE ? KIND_STUN : KIND_OTHER;
        }
        if (b >= 20 && b <= 63) {
            return KIND_DTLS;
        }
        if (b >= 128 && b <= 191) {
            return KIND_MEDIA;
        }
        return KIND_OTHER;
    }

    /** The first half of the USERNAME of a STUN Binding request ("recipient:sender"), or null. */
    static @Nullable String bindingRequestUfrag(byte[] buf, int len) {
        if (len < STUN_HEADER || ((buf[0] & 0xFF) << 8 | (buf[1] & 0xFF)) != STUN_BINDING_REQUEST) {
            return null;
        }
        int end = Math.min(len, STUN_HEADER + ((buf[2] & 0xFF) << 8 | (buf[3] & 0xFF)));
        int p = STUN_HEADER;
        while (p + 4 <= end) {
            int type = (buf[p] & 0xFF) << 8 | (buf[p + 1] & 0xFF);
            int alen = (buf[p + 2] & 0xFF) << 8 | (buf[p + 3] & 0xFF);
            int value = p + 4;
            if (value + alen > end) {
                return null;
            }
            if (type == STUN_ATTR_USERNAME) {
                int colon = value;
                while (colon < value + alen && buf[colon] != ':') {
                    colon++;
                }
                return new String(buf, value, colon - value, StandardCharsets.UTF_8);
            }
            p = value + ((alen + 3) & ~3);
        }
        return null;
    }

    private static int readInt(byte[] b, int i) {
        return (b[i] & 0xFF) << 24 | (b[i + 1] & 0xFF) << 16 | (b[i + 2] & 0xFF) << 8 | (b[i + 3] & 0xFF);
    }

    private static void closeQuietly(java.nio.channels.Channel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            log.debug("closing a channel failed", e);
        }
    }

    /** Closes every port and ends the I/O thread (waiting up to a second for it). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        selector.wakeup();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** One bound UDP socket. */
    final class Port implements AutoCloseable {
        final DatagramChannel channel;
        final InetSocketAddress local;
        /** Set for a dedicated port: everything goes to it. */
        final @Nullable Receiver owner;
        private final Map<String, Receiver> byUfrag = new ConcurrentHashMap<>();
        private final Map<InetSocketAddress, Receiver> byRemote = new ConcurrentHashMap<>();
        private volatile boolean portClosed;

        private Port(DatagramChannel channel, @Nullable Receiver owner) throws IOException {
            this.channel = channel;
            this.local = (InetSocketAddress) channel.getLocalAddress();
            this.owner = owner;
        }

        boolean isShared() {
            return owner == null;
        }

        @Nullable Receiver route(int kind, byte[] buf, int len, InetSocketAddress from) {
            if (kind == KIND_STUN) {
                String ufrag = bindingRequestUfrag(buf, len);
                if (ufrag != null) {
                    Receiver r = byUfrag.get(ufrag);
                    if (r != null) {
                        learnRemote(from, r);
                    }
                    return r;
                }
            }
            return byRemote.get(from);
        }

        void bindUfrag(String ufrag, Receiver receiver) {
            if (owner == null) {
                byUfrag.put(ufrag, receiver);
            }
        }

        /**
         * Routes later non-request datagrams from {@code remote} to {@code receiver} (shared ports only).
         *
         * @return false if another session already talks to {@code remote} through this port: it keeps the route
         *     (an established call must not lose its media to a newer one), and the caller must give up
         */
        boolean learnRemote(InetSocketAddress remote, Receiver receiver) {
            if (owner != null) {
                return true;
            }
            Receiver previous = byRemote.putIfAbsent(remote, receiver);
            if (previous != null && previous != receiver) {
                remoteConflicts.incrementAndGet();
                log.warn("two ICE sessions on shared port {} talk to the same remote {}: the earlier one keeps it",
                        local, remote);
                return false;
            }
            return true;
        }

        /** Forgets every route to {@code receiver} (its session closed). */
        void unbind(Receiver receiver) {
            byUfrag.values().removeIf(r -> r == receiver);
            byRemote.values().removeIf(r -> r == receiver);
        }

        int routes() {
            return byUfrag.size() + byRemote.size();
        }

        /**
         * Sends one datagram without blocking.
         *
         * @return false if the socket buffer was full and the datagram was dropped
         */
        boolean send(byte[] buf, int off, int len, InetSocketAddress to) throws IOException {
            return channel.send(ByteBuffer.wrap(buf, off, len), to) > 0;
        }

        boolean isClosed() {
            return portClosed;
        }

        @Override
        public void close() {
            if (portClosed) {
                return;
            }
            portClosed = true;
            openPorts.decrementAndGet();
            byUfrag.clear();
            byRemote.clear();
            closeQuietly(channel);
            // The selector releases the socket when it next drops the cancelled key.
            selector.wakeup();
        }

        @Override
        public String toString() {
            return (owner == null ? "shared " : "") + "port " + local;
        }
    }
}
