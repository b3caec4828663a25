package dev.wacalls.media.ice;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * A bounded ring of datagrams from the I/O thread to one blocking reader (ice4j's STUN connector, or a DTLS
 * handshake). Buffers are recycled through a free list, so a queue holds only as many as were ever waiting at once
 * (one or two in practice) and allocates nothing per datagram. When full, the
 * incoming datagram is dropped and counted — both consumers retransmit (STUN per RFC 8489 §6.2.1, DTLS per RFC 6347
 * §4.2.4), so losing one is what UDP would do anyway.
 */
final class DatagramQueue {
    private final byte[] @Nullable [] slots;
    private final java.util.ArrayDeque<byte[]> free = new java.util.ArrayDeque<>();
    private final int[] lengths;
    private final @Nullable InetSocketAddress[] sources;
    private final int slotSize;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private int head;
    private int size;
    private boolean closed;
    private long dropped;

    DatagramQueue(int capacity, int slotSize) {
        this.slots = new byte[capacity][];
        this.lengths = new int[capacity];
        this.sources = new InetSocketAddress[capacity];
        this.slotSize = slotSize;
    }

    /** Copies a datagram in; false if it was dropped (queue full or closed). */
    boolean offer(byte[] buf, int off, int len, InetSocketAddress source) {
        lock.lock();
        try {
            if (closed || size == slots.length) {
                dropped++;
                return false;
            }
            int i = (head + size) % slots.length;
            byte[] slot = free.poll();
            if (slot == null) {
                slot = new byte[slotSize];
            }
            slots[i] = slot;
            int n = Math.min(len, slotSize);
            System.arraycopy(buf, off, slot, 0, n);
            lengths[i] = n;
            sources[i] = source;
            size++;
            notEmpty.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits for the next datagram and copies it to {@code dst[off..]} (truncating to {@code len}).
     *
     * @param timeoutMillis 0 waits without limit
     * @return its length, or -1 if the time ran out
     * @throws IOException once the queue is closed
     */
    int poll(byte[] dst, int off, int len, long timeoutMillis) throws IOException {
        lock.lock();
        try {
            int i = awaitHead(timeoutMillis);
            if (i < 0) {
                return -1;
            }
            int n = Math.min(lengths[i], len);
            System.arraycopy(java.util.Objects.requireNonNull(slots[i]), 0, dst, off, n);
            release(i);
            return n;
        } finally {
            lock.unlock();
        }
    }

    /** As {@link java.net.DatagramSocket#receive}: blocks, fills data, length and source address. */
    void poll(DatagramPacket packet) throws IOException {
        lock.lock();
        try {
            int i = awaitHead(0);
            byte[] data = packet.getData();
            int n = Math.min(lengths[i], data.length - packet.getOffset());
            System.arraycopy(java.util.Objects.requireNonNull(slots[i]), 0, data, packet.getOffset(), n);
            packet.setLength(n);
            InetSocketAddress source = sources[i];
            if (source != null) {
                packet.setSocketAddress(source);
            }
            release(i);
        } finally {
            lock.unlock();
        }
    }

    private int awaitHead(long timeoutMillis) throws IOException {
        long nanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (size == 0) {
            if (closed) {
                throw new SocketException("closed");
            }
            try {
                if (timeoutMillis == 0) {
                    notEmpty.await();
                } else {
                    if (nanos <= 0) {
                        return -1;
                    }
                    nanos = notEmpty.awaitNanos(nanos);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while waiting for a datagram");
            }
        }
        return head;
    }

    private void release(int i) {
        byte[] slot = slots[i];
        if (slot != null) {
            free.push(slot);
        }
        slots[i] = null;
        sources[i] = null;
        head = (head + 1) % slots.length;
        size--;
    }

    /** Wakes the reader, which then gets an {@link IOException}; datagrams still queued are discarded. */
    void close() {
        lock.lock();
        try {
            closed = true;
            while (size > 0) {
                release(head);
            }
            free.clear();
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    long dropped() {
        lock.lock();
        try {
            return dropped;
        } finally {
            lock.unlock();
        }
    }
}
