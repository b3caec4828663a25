package dev.wacalls.media.rtp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The one source of packet buffers for an engine: a few size classes, each a striped stack of preallocated
 * {@link PacketBuffer}s (array stacks behind try-locks, so no thread ever waits), so that taking and returning a
 * buffer allocates nothing once the pool has warmed up. When a
 * class runs dry the pool allocates (and counts a {@linkplain #misses() miss}) instead of failing: a dropped packet is
 * worse than a little garbage, and the counter says when the pool is sized too small.
 *
 * <pre>{@code
 * BufferPool pool = BufferPool.builder()
 *         .sizeClass(256, 1024, 256)      // RTCP, DTMF, Opus at low bitrates: data bytes, kept, allocated up front
 *         .sizeClass(1500, 2048, 512)     // anything up to the Ethernet MTU
 *         .build();
 * PacketBuffer buf = pool.acquire(datagramLength);
 * try {
 *     buf.copyFrom(datagram, 0, datagramLength);
 *     // … unprotect, rewrite, protect, send
 * } finally {
 *     buf.release();
 * }
 * }</pre>
 *
 * <p>Every buffer has {@value #DEFAULT_HEAD_ROOM} bytes of head room and {@value #DEFAULT_TAIL_ROOM} bytes of tail room
 * beyond its class's data size unless the builder says otherwise. The tail room covers the largest SRTP trailer we
 * produce: 4-byte SRTCP index + 16-byte GCM tag (RFC 7714 §9.1), and jitsi-srtp's need for 16 spare bytes when it
 * encrypts GCM in place. Thread-safe: any thread may acquire and release.
 */
public final class BufferPool {
    /** Bytes before the data in a pooled buffer: room to prepend a TURN channel header (4) or similar. */
    public static final int DEFAULT_HEAD_ROOM = 16;
    /** Bytes after the data: SRTCP index (4) + GCM tag (16), rounded up. */
    public static final int DEFAULT_TAIL_ROOM = 32;

    private final int headRoom;
    private final int tailRoom;
    private final int[] dataSizes;
    private final StripedStack<PacketBuffer>[] stacks;
    private final LongAdder acquired = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder discarded = new LongAdder();
    private final LongAdder doubleReleases = new LongAdder();
    private final LongAdder oversize = new LongAdder();

    @SuppressWarnings({"unchecked", "rawtypes"}) // generic array creation
    private BufferPool(Builder b) {
        this.headRoom = b.headRoom;
        this.tailRoom = b.tailRoom;
        List<int[]> classes = new ArrayList<>(b.classes);
        classes.sort(Comparator.comparingInt(c -> c[0]));
        this.dataSizes = new int[classes.size()];
        this.stacks = new StripedStack[classes.size()];
        for (int i = 0; i < classes.size(); i++) {
            int[] c = classes.get(i);
            dataSizes[i] = c[0];
            stacks[i] = new StripedStack<>(c[1]);
            int prefill = Math.min(c[2], stacks[i].capacity());
            for (int j = 0; j < prefill; j++) {
                PacketBuffer buffer = newBuffer(i);
                buffer.markFree();
                stacks[i].offer(buffer);
            }
        }
    }

    /**
     * A pool for a media engine: 256-byte (RTCP, DTMF, small Opus frames), 1,500-byte (any datagram up to the Ethernet
     * MTU) and 65,535-byte (the largest UDP datagram, for the rare oversized read) classes.
     */
    public static BufferPool withDefaults() {
        return builder()
                .sizeClass(256, 1024, 256)
                .sizeClass(1500, 4096, 1024)
                .sizeClass(65_535, 16, 0)
                .build();
    }

    /** A builder with no size class yet and the default head and tail room. */
    public static Builder builder() {
        return new Builder();
    }

    private PacketBuffer newBuffer(int sizeClass) {
        return new PacketBuffer(new byte[headRoom + dataSizes[sizeClass] + tailRoom], headRoom, this, sizeClass);
    }

    /**
     * Takes an empty buffer whose data area holds at least {@code dataLength} bytes (with the pool's head and tail
     * room around it). Never returns {@code null}: when the matching class is empty the pool allocates and counts a
     * {@linkplain #misses() miss}; a request larger than every class gets an unpooled buffer ({@link #oversize()}).
     */
    public PacketBuffer acquire(int dataLength) {
        acquired.increment();
        int[] sizes = dataSizes;
        for (int i = 0; i < sizes.length; i++) {
            if (dataLength <= sizes[i]) {
                PacketBuffer buffer = stacks[i].poll();
                if (buffer == null) {
                    misses.increment();
                    return newBuffer(i);
                }
                buffer.clear();
                buffer.markOwned();
                return buffer;
            }
        }
        oversize.increment();
        return new PacketBuffer(headRoom + Math.max(0, dataLength) + tailRoom, headRoom);
    }

    void release(PacketBuffer buffer) {
        if (buffer.pool() != this) {
            return;
        }
        if (!buffer.markFree()) {
            doubleReleases.increment();
            return;
        }
        if (!stacks[buffer.sizeClass()].offer(buffer)) {
            // The class already keeps as many buffers as it was built for: let this one go to the GC.
            discarded.increment();
        }
    }

    /** Buffers handed out since the pool was built. */
    public long acquired() {
        return acquired.sum();
    }

    /** Acquisitions that found their class empty and allocated a new buffer. Should stay flat in steady state. */
    public long misses() {
        return misses.sum();
    }

    /** Released buffers that did not fit back into their full class and were left to the GC. */
    public long discarded() {
        return discarded.sum();
    }

    /** Releases of a buffer that was already free: each one is a bug in the caller, ignored here. */
    public long doubleReleases() {
        return doubleReleases.sum();
    }

    /** Requests larger than the largest class (served by an unpooled buffer). */
    public long oversize() {
        return oversize.sum();
    }

    /** Buffers currently waiting in class {@code index} (0 = smallest). */
    public int available(int index) {
        return stacks[index].size();
    }

    /** The data sizes of the classes, smallest first. */
    public int[] sizeClasses() {
        return dataSizes.clone();
    }

    /** Head room of every pooled buffer. */
    public int headRoom() {
        return headRoom;
    }

    /** Tail room of every pooled buffer (beyond its class's data size). */
    public int tailRoom() {
        return tailRoom;
    }

    @Override
    public String toString() {
        return "BufferPool[classes=" + java.util.Arrays.toString(dataSizes) + ", acquired=" + acquired()
                + ", misses=" + misses() + ", discarded=" + discarded() + ", doubleReleases=" + doubleReleases() + "]";
    }

    /**
     * Configures a {@link BufferPool}.
     *
     * <pre>{@code
     * BufferPool pool = BufferPool.builder().headRoom(16).tailRoom(32).sizeClass(1500, 2048, 2048).build();
     * }</pre>
     */
    public static final class Builder {
        private final List<int[]> classes = new ArrayList<>();
        private int headRoom = DEFAULT_HEAD_ROOM;
        private int tailRoom = DEFAULT_TAIL_ROOM;

        private Builder() {}

        /**
         * Adds a class of buffers whose data area holds {@code dataSize} bytes; the pool keeps up to about
         * {@code retained} of them (rounded up to fill its stripes) and allocates {@code preallocated} at once.
         */
        public Builder sizeClass(int dataSize, int retained, int preallocated) {
            if (dataSize <= 0 || retained <= 0 || preallocated < 0 || preallocated > retained) {
                throw new IllegalArgumentException(
                        "size class " + dataSize + ", retained " + retained + ", preallocated " + preallocated);
            }
            for (int[] c : classes) {
                if (c[0] == dataSize) {
                    throw new IllegalArgumentException("duplicate size class " + dataSize);
                }
            }
            classes.add(new int[] {dataSize, retained, preallocated});
            return this;
        }

        /** Bytes kept free before the data of every pooled buffer. */
        public Builder headRoom(int bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("head room " + bytes);
            }
            this.headRoom = bytes;
            return this;
        }

        /** Bytes kept free after the data area of every pooled buffer; at least 20 for SRTCP with GCM. */
        public Builder tailRoom(int bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("tail room " + bytes);
            }
            this.tailRoom = bytes;
            return this;
        }

        /** Builds the pool, allocating the preallocated buffers now. */
        public BufferPool build() {
            if (classes.isEmpty()) {
                throw new IllegalStateException("a pool needs at least one size class");
            }
            return new BufferPool(this);
        }
    }
}
