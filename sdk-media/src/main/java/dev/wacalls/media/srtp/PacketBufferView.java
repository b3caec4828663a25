package dev.wacalls.media.srtp;

import dev.wacalls.media.rtp.PacketBuffer;
import org.jitsi.utils.ByteArrayBuffer;

/**
 * Lets jitsi-srtp work directly on a {@link PacketBuffer}'s array: one view per transformer, bound to the packet for
 * the duration of one call. Unlike jitsi's own {@code ByteArrayBufferImpl} it never reallocates: the transformer has
 * already made room for the tag, and growing past the array would be a bug, reported as an exception that the
 * transformer turns into {@link SrtpStatus#FAIL}.
 */
final class PacketBufferView implements ByteArrayBuffer {
    private static final byte[] NONE = new byte[0];

    private byte[] array = NONE;
    private int offset;
    private int length;

    void bind(PacketBuffer buffer) {
        array = buffer.array();
        offset = buffer.offset();
        length = buffer.length();
    }

    void writeBack(PacketBuffer buffer) {
        buffer.setOffsetAndLength(offset, length);
    }

    void unbind() {
        array = NONE;
        offset = 0;
        length = 0;
    }

    @Override
    public byte[] getBuffer() {
        return array;
    }

    @Override
    public int getOffset() {
        return offset;
    }

    @Override
    public int getLength() {
        return length;
    }

    @Override
    public void setLength(int length) {
        if (length < 0 || offset + length > array.length) {
            throw new IllegalArgumentException("length");
        }
        this.length = length;
    }

    @Override
    public void setOffset(int offset) {
        if (offset < 0 || offset + length > array.length) {
            throw new IllegalArgumentException("offset");
        }
        this.offset = offset;
    }

    @Override
    public boolean isInvalid() {
        return false;
    }

    @Override
    public void readRegionToBuff(int off, int len, byte[] outBuff) {
        int start = offset + off;
        if (off < 0 || len <= 0 || start + len > array.length || outBuff.length < len) {
            return;
        }
        System.arraycopy(array, start, outBuff, 0, len);
    }

    @Override
    public void grow(int howMuch) {
        if (howMuch < 0 || offset + length + howMuch > array.length) {
            throw new IllegalStateException("no room to grow by " + howMuch);
        }
    }

    @Override
    public void append(byte[] data, int len) {
        if (len <= 0) {
            return;
        }
        grow(len);
        System.arraycopy(data, 0, array, offset + length, len);
        length += len;
    }

    @Override
    public void shrink(int len) {
        if (len > 0) {
            length = Math.max(0, length - len);
        }
    }
}
