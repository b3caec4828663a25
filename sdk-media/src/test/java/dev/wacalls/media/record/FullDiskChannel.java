package dev.wacalls.media.record;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A real file that behaves like a disk that fills up: once {@code capacity} bytes are in it, a write stores what
 * still fits and then fails with "No space left on device", as {@code write(2)} does with {@code ENOSPC}.
 *
 * <pre>{@code
 * FileChannel ch = new FullDiskChannel(FileChannel.open(path, CREATE_NEW, WRITE), 10_000);
 * }</pre>
 */
final class FullDiskChannel extends FileChannel {
    private final FileChannel file;
    private final long capacity;
    volatile int failedWrites;
    /** When set, every write waits for it: a disk that stalls (NFS, a saturated device). */
    volatile java.util.concurrent.@org.jspecify.annotations.Nullable CountDownLatch stall;
    volatile @org.jspecify.annotations.Nullable Thread lastWriter;

    FullDiskChannel(FileChannel file, long capacity) {
        this.file = file;
        this.capacity = capacity;
    }

    private int limited(ByteBuffer src, long position) throws IOException {
        lastWriter = Thread.currentThread();
        java.util.concurrent.CountDownLatch s = stall;
        if (s != null) {
            try {
                s.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("stalled write interrupted");
            }
        }
        long room = capacity - position;
        if (room <= 0) {
            failedWrites++;
            throw new IOException("No space left on device");
        }
        if (src.remaining() <= room) {
            return file.write(src, position);
        }
        ByteBuffer part = src.duplicate();
        part.limit(part.position() + (int) room);
        int n = file.write(part, position);
        src.position(src.position() + n);
        return n;
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        return limited(src, position);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        int n = limited(src, file.position());
        file.position(file.position() + n);
        return n;
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        throw new UnsupportedOperationException("not used by the writer");
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return file.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        return file.read(dsts, offset, length);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        return file.read(dst, position);
    }

    @Override
    public long position() throws IOException {
        return file.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        file.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return file.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        file.truncate(size);
        return this;
    }

    @Override
    public void force(boolean metaData) throws IOException {
        file.force(metaData);
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        return file.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
        throw new UnsupportedOperationException("not used by the writer");
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
        throw new UnsupportedOperationException("not used by the writer");
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        return file.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        return file.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        file.close();
    }
}
