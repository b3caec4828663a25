package dev.wacalls.media.ice;

/**
 * Receives the RTP and RTCP datagrams of a session (first byte 128–191, RFC 7983), in place.
 *
 * <pre>{@code
 * session.setPacketHandler((buf, off, len) -> {
 *     srtp.unprotectInPlace(buf, off, len);   // must not block, must not keep buf
 * });
 * }</pre>
 *
 * <p>It is called on the endpoint's I/O thread with that thread's receive buffer: the bytes are valid only during the
 * call (copy them to keep them), and the handler must not block, since every session of the endpoint waits behind
 * it. Exceptions are caught and counted as drops.
 */
@FunctionalInterface
public interface IcePacketHandler {
    /** One datagram from the selected remote address: {@code buf[off .. off+len)}. */
    void onPacket(byte[] buf, int off, int len);
}
