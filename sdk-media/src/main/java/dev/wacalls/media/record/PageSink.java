package dev.wacalls.media.record;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;

/**
 * Where {@link OggOpusWriter} puts its finished pages: straight into the file from the calling thread, or — when the
 * writer is given an executor — copied into a pooled buffer and written by that executor, so that the thread that
 * carries the call's packets never waits for the disk (a stalled disk, an NFS hiccup, a forced flush).
 *
 * <p>Queued pages are written in order, one task at a time per file. A disk that falls behind by more than
 * {@code maxQueuedBytes} (about a minute of audio by default) is treated like a full one: the track stops with an
 * error, keeps what reached the file, and the call goes on. {@link #flush()} waits for what is queued (hang-up).
 */
abstract sealed class PageSink {
    /**
     * Queued page bytes per file beyond which the disk counts as failed: a memory bound only. Filling a long gap
     * (a 25-minute mute) queues thousands of tiny silence pages at once, so slowness itself is judged by the age of
     * the oldest queued page ({@link #MAX_WAIT_NANOS}).
     */
    static final int DEFAULT_MAX_QUEUED_BYTES = 8 * 1024 * 1024;
    /** A page waiting this long means the disk is not keeping up: the track fails like a full disk. */
    static final long MAX_WAIT_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    /** How long closing waits for the queued pages before it gives up on them. */
    static final long FLUSH_TIMEOUT_MILLIS = 30_000;

    /** Writes (or queues) {@code page[start .. start+length)} at {@code position}; an error from earlier surfaces here. */
    abstract void write(byte[] page, int start, int length, long position) throws IOException;

    /** Waits until everything queued is in the file; throws the first write error, if any. */
    abstract void flush() throws IOException;

    static PageSink direct(FileChannel channel) {
        return new Direct(channel);
    }

    static PageSink queued(FileChannel channel, Executor io, int maxQueuedBytes, boolean forceEachPage) {
        return new Queued(channel, io, maxQueuedBytes, forceEachPage);
    }

    static void writeFully(FileChannel channel, ByteBuffer view, long position) throws IOException {
        long at = position;
        while (view.hasRemaining()) {
            at += channel.write(view, at);
        }
    }

    /** The calling thread writes. */
    static final class Direct extends PageSink {
        private final FileChannel channel;
        private @Nullable ByteBuffer view;
        private byte @Nullable [] viewed;

        Direct(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        void write(byte[] page, int start, int length, long position) throws IOException {
            ByteBuffer v = view;
            if (v == null || viewed != page) { // the writer's page buffer only changes when it grows
                v = ByteBuffer.wrap(page);
                view = v;
                viewed = page;
            }
            v.limit(start + length).position(start);
            writeFully(channel, v, position);
        }

        @Override
        void flush() {}
    }

    /** Another thread writes; pages wait in pooled buffers, in order. Allocation-free once the pool is warm. */
    static final class Queued extends PageSink {
        /** A pooled page buffer and where its bytes go; reused, never allocated per page once warm. */
        private static final class Slot {
            ByteBuffer buffer = ByteBuffer.allocate(0);
            long position;
            long queuedAtNanos;
        }

        private final FileChannel channel;
        private final Executor io;
        private final int maxQueuedBytes;
        private final boolean forceEachPage;
        private final Runnable drainTask = this::drain;
        private final ArrayDeque<Slot> queue = new ArrayDeque<>();
        private final ArrayDeque<Slot> free = new ArrayDeque<>();
        private int queuedBytes;
        private boolean running;
        private @Nullable IOException failure;

        Queued(FileChannel channel, Executor io, int maxQueuedBytes, boolean forceEachPage) {
            this.channel = channel;
            this.io = io;
            this.maxQueuedBytes = maxQueuedBytes;
            this.forceEachPage = forceEachPage;
        }

        @Override
        void write(byte[] page, int start, int length, long position) throws IOException {
            boolean startDrain;
            synchronized (this) {
                if (failure != null) {
                    throw failure;
                }
                long now = System.nanoTime();
                Slot oldest = queue.peek();
                if (oldest != null && now - oldest.queuedAtNanos > MAX_WAIT_NANOS) {
                    failure = new IOException("the disk is too slow: a page has waited "
                            + (now - oldest.queuedAtNanos) / 1_000_000 + " ms to be written");
                    throw failure;
                }
                if (queuedBytes + length > maxQueuedBytes) {
                    failure = new IOException("the disk is too slow: " + queuedBytes / 1024 + " KB of audio are "
                            + "still waiting to be written");
                    throw failure;
                }
                Slot slot = free.poll();
                if (slot == null) {
                    slot = new Slot(); // only until the pool holds as many pages as were ever waiting at once
                }
                if (slot.buffer.capacity() < length) {
                    // Sized to the page (a silence page is ~70 bytes), rounded up so that pages of a call reuse it.
                    slot.buffer = ByteBuffer.allocate(Math.max(length, 256) + 255 & ~255);
                }
                slot.buffer.clear();
                slot.buffer.put(page, start, length).flip();
                slot.position = position;
                slot.queuedAtNanos = now;
                queue.add(slot);
                queuedBytes += length;
                startDrain = !running;
                running = true;
            }
            if (startDrain) {
                try {
                    io.execute(drainTask);
                } catch (RejectedExecutionException e) {
                    drain(); // the executor is shut down: write on this thread rather than lose the page
                }
            }
        }

        /** On the I/O executor: writes queued pages until none is left. */
        private void drain() {
            while (true) {
                Slot slot;
                synchronized (this) {
                    // Pages queued before a failure are still written (a slow disk refuses only what came after).
                    slot = queue.peek();
                    if (slot == null) {
                        running = false;
                        notifyAll();
                        return;
                    }
                }
                int length = slot.buffer.remaining();
                IOException error = null;
                try {
                    writeFully(channel, slot.buffer, slot.position);
                    if (forceEachPage) {
                        channel.force(false);
                    }
                } catch (IOException e) {
                    error = e;
                } catch (RuntimeException | Error e) {
                    // Never leave `running` set: flush() would wait forever.
                    error = new IOException("writing a page failed: " + e, e);
                }
                synchronized (this) {
                    queue.poll();
                    queuedBytes -= length;
                    free.add(slot);
                    if (error != null) {
                        // Keep what is on disk (recovery cuts a half-written page by its CRC); write nothing more.
                        if (failure == null) {
                            failure = error;
                        }
                        free.addAll(queue);
                        queue.clear();
                        queuedBytes = 0;
                    }
                }
            }
        }

        @Override
        void flush() throws IOException {
            synchronized (this) {
                boolean interrupted = false;
                long deadline = System.nanoTime() + FLUSH_TIMEOUT_MILLIS * 1_000_000;
                while (running) {
                    long left = (deadline - System.nanoTime()) / 1_000_000;
                    if (left <= 0) {
                        if (failure == null) {
                            failure = new IOException("the disk did not take the last " + queue.size() + " pages "
                                    + "within " + FLUSH_TIMEOUT_MILLIS / 1000 + " s");
                        }
                        break;
                    }
                    try {
                        wait(left);
                    } catch (InterruptedException e) {
                        interrupted = true; // finish ending the file first; the caller gets the flag back below
                    }
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
                if (failure != null) {
                    throw failure;
                }
            }
        }
    }
}
