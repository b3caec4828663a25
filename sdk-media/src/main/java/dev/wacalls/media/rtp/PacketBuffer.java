package dev.wacalls.media.rtp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One datagram's bytes inside a fixed {@code byte[]}, with room before ({@linkplain #headRoom() head room}) and after
 * ({@linkplain #tailRoom() tail room}) so that headers and authentication tags can be added in place. SRTP needs the
 * tail room: protecting a packet appends a 10-byte HMAC tag (RFC 3711 §4.2) or a 16-byte GCM tag (RFC 7714 §7), plus
 * a 4-byte SRTCP index for RTCP (RFC 3711 §3.4).
 *
 * <pre>{@code
 * PacketBuffer buf = pool.acquire(1500);
 * buf.copyFrom(datagram, 0, n);                 // as the socket would
 * srtpReceiver.transformRtp(buf);               // in place: length shrinks by the tag
 * byte[] a = buf.array();
 * int payloadType = RtpPacket.payloadType(a, buf.offset());
 * buf.release();                                // back to the pool; do not touch it afterwards
 * }</pre>
 *
 * <p>A buffer has one owner at a time and is not thread-safe. The array never changes, so code may keep
 * {@link #array()} in a local variable while it works on the packet.
 */
public final class PacketBuffer {
    private static final VarHandle STATE;
    private static final int OWNED = 0;
    private static final int FREE = 1;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(PacketBuffer.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final byte[] array;
    private final int defaultHeadRoom;
    private final @Nullable BufferPool pool;
    private final int sizeClass;
    private int offset;
    private int length;
    @SuppressWarnings("unused") // accessed through STATE
    private volatile int state = OWNED;

    /**
     * An unpooled buffer of {@code capacity} bytes whose data starts {@code headRoom} bytes in. For tests and
     * one-off packets; the packet path takes its buffers from a {@link BufferPool}.
     */
    public PacketBuffer(int capacity, int headRoom) {
        this(new byte[checkCapacity(capacity, headRoom)], headRoom, null, -1);
    }

    PacketBuffer(byte[] array, int headRoom, @Nullable BufferPool pool, int sizeClass) {
        this.array = array;
        this.defaultHeadRoom = headRoom;
        this.pool = pool;
        this.sizeClass = sizeClass;
        this.offset = headRoom;
        this.length = 0;
    }

    private static int checkCapacity(int capacity, int headRoom) {
        if (capacity < 0 || headRoom < 0 || headRoom > capacity) {
            throw new IllegalArgumentException("capacity " + capacity + ", head room " + headRoom);
        }
        return capacity;
    }

    /** The backing array; the packet is {@code array()[offset() .. offset()+length()-1]}. */
    public byte[] array() {
        return array;
    }

    /** Index of the packet's first byte in {@link #array()}. */
    public int offset() {
        return offset;
    }

    /** Bytes in the packet. */
    public int length() {
        return length;
    }

    /** Size of the backing array. */
    public int capacity() {
        return array.length;
    }

    /** Free bytes before the packet. */
    public int headRoom() {
        return offset;
    }

    /** Free bytes after the packet. */
    public int tailRoom() {
        return array.length - offset - length;
    }

    /**
     * Sets the packet length, keeping the offset.
     *
     * @throws IllegalArgumentException if the packet would not fit the array (a bug in the caller, not bad input)
     */
    public void setLength(int length) {
        if (length < 0 || length > array.length - offset) {
            throw new IllegalArgumentException("length " + length + " at offset " + offset + " in " + array.length);
        }
        this.length = length;
    }

    /**
     * Sets where the packet starts and how long it is.
     *
     * @throws IllegalArgumentException if the range is not inside the array
     */
    public void setOffsetAndLength(int offset, int length) {
        Objects.checkFromIndexSize(offset, length, array.length);
        this.offset = offset;
        this.length = length;
    }

    /** Empties the packet and restores the head room it was created with. */
    public void clear() {
        offset = defaultHeadRoom;
        length = 0;
    }

    /**
     * Makes sure at least {@code bytes} are free after the packet, moving the packet towards the start of the array
     * (into its head room) when the tail is short. Never allocates.
     *
     * @return {@code false} if the array is too small for the packet plus {@code bytes}
     */
    public boolean ensureTailRoom(int bytes) {
        if (tailRoom() >= bytes) {
            return true;
        }
        if (bytes < 0 || length + bytes > array.length) {
            return false;
        }
        int newOffset = array.length - bytes - length;
        System.arraycopy(array, offset, array, newOffset, length);
        offset = newOffset;
        return true;
    }

    /**
     * Makes sure at least {@code bytes} are free before the packet, moving it towards the end when needed. Never
     * allocates.
     *
     * @return {@code false} if the array is too small for {@code bytes} plus the packet
     */
    public boolean ensureHeadRoom(int bytes) {
        if (offset >= bytes) {
            return true;
        }
        if (bytes < 0 || bytes + length > array.length) {
            return false;
        }
        System.arraycopy(array, offset, array, bytes, length);
        offset = bytes;
        return true;
    }

    /**
     * Replaces the content with {@code length} bytes of {@code source}, at the default head room when they fit
     * there, else as far forward as needed.
     *
     * @return {@code false} (and an empty packet) if the bytes do not fit the array
     */
    public boolean copyFrom(byte[] source, int sourceOffset, int length) {
        Objects.checkFromIndexSize(sourceOffset, length, source.length);
        if (length > array.length) {
            clear();
            return false;
        }
        int start = Math.min(defaultHeadRoom, array.length - length);
        System.arraycopy(source, sourceOffset, array, start, length);
        this.offset = start;
        this.length = length;
        return true;
    }

    /**
     * Appends {@code length} bytes of {@code source} after the packet.
     *
     * @return {@code false} (content unchanged) if there is not enough room even after using the head room
     */
    public boolean append(byte[] source, int sourceOffset, int length) {
        Objects.checkFromIndexSize(sourceOffset, length, source.length);
        if (!ensureTailRoom(length)) {
            return false;
        }
        System.arraycopy(source, sourceOffset, array, offset + this.length, length);
        this.length += length;
        return true;
    }

    /** Copies the packet to {@code target} and returns its length. */
    public int copyTo(byte[] target, int targetOffset) {
        System.arraycopy(array, offset, target, targetOffset, length);
        return length;
    }

    /** Whether this buffer came from a pool (and so must be {@linkplain #release() released}). */
    public boolean isPooled() {
        return pool != null;
    }

    /**
     * Gives the buffer back to its pool; a no-op for unpooled buffers. The caller must not use the buffer afterwards.
     * A second release of the same buffer is ignored and counted ({@link BufferPool#doubleReleases()}), so that one
     * bug cannot hand the same array to two owners.
     */
    public void release() {
        BufferPool p = pool;
        if (p != null) {
            p.release(this);
        }
    }

    int sizeClass() {
        return sizeClass;
    }

    @Nullable BufferPool pool() {
        return pool;
    }

    /** Marks the buffer free; false if it already was (a double release). */
    boolean markFree() {
        return STATE.compareAndSet(this, OWNED, FREE);
    }

    /** Marks the buffer owned again as the pool hands it out. */
    void markOwned() {
        STATE.setRelease(this, OWNED);
    }

    @Override
    public String toString() {
        return "PacketBuffer[offset=" + offset + ", length=" + length + ", capacity=" + array.length + "]";
    }
}
