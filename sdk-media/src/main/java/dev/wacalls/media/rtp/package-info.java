/**
 * The RTP/RTCP packet path of the media engine: pooled packet buffers, in-place header access (RFC 3550, RFC 8285),
 * demultiplexing by first byte (RFC 7983), RTCP compound reports, the per-direction rewriter that gives each leg a
 * single continuous stream, receive statistics (RFC 3550 appendix A) and RFC 4733 DTMF.
 *
 * <pre>{@code
 * BufferPool pool = BufferPool.withDefaults();                 // once per engine
 * PacketBuffer buf = pool.acquire(datagramLength);             // per packet, no allocation in steady state
 * buf.copyFrom(datagram, 0, datagramLength);
 * if (PacketKind.classify(buf.array(), buf.offset(), buf.length()) == PacketKind.RTP
 *         && RtpPacket.validate(buf.array(), buf.offset(), buf.length()) == RtpStatus.OK) {
 *     int seq = RtpPacket.sequenceNumber(buf.array(), buf.offset());
 *     rewriter.rewrite(buf, System.nanoTime());               // outgoing SSRC, sequence and timestamp, in place
 * }
 * buf.release();
 * }</pre>
 *
 * <h2>Rules this package keeps</h2>
 * <ul>
 *   <li>Everything works in place on {@code byte[]} + offset + length; nothing on the per-packet path allocates
 *       (tested with JMH's GC profiler in {@code benchmarks/}: {@code PacketPathBenchmark.ourCodeOnly}).</li>
 *   <li>Malformed input is answered with a status value ({@link dev.wacalls.media.rtp.RtpStatus},
 *       {@link dev.wacalls.media.rtp.RtcpStatus}, {@link dev.wacalls.media.rtp.RewriteStatus}), never with an
 *       exception: a peer's bytes are not a programming error. Exceptions are kept for a caller's wrong arguments.</li>
 *   <li>No thread, no timer: the caller passes arrival times ({@link java.lang.System#nanoTime()}) in.</li>
 *   <li>Objects holding per-stream state (rewriter, statistics, DTMF detector, reader/writer cursors) are used by one
 *       thread at a time, the leg's I/O thread; the {@link dev.wacalls.media.rtp.BufferPool} is shared by all.</li>
 * </ul>
 */
@NullMarked
package dev.wacalls.media.rtp;

import org.jspecify.annotations.NullMarked;
