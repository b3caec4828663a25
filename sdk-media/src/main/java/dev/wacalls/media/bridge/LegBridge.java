package dev.wacalls.media.bridge;

import dev.wacalls.media.leg.WebRtcLeg;
import dev.wacalls.media.rtp.PacketBuffer;
import dev.wacalls.media.rtp.RewriteStatus;
import dev.wacalls.media.rtp.RtpPacket;
import dev.wacalls.media.rtp.RtpRewriter;
import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards RTP between two {@link WebRtcLeg}s, A and B (say, the WhatsApp user's leg and the recruiter's browser
 * leg): every packet one leg decrypts is rewritten in place and sent on the other leg.
 *
 * <pre>{@code
 * WebRtcLeg whatsApp = ...;   // answered Meta's offer
 * WebRtcLeg browser = ...;    // answered the recruiter's browser
 * try (LegBridge bridge = LegBridge.builder(whatsApp, browser)
 *         .tap(LegBridge.Direction.A_TO_B, (direction, packet) -> recorder.write(packet)) // copy, don't keep
 *         .start()) {
 *     // ... the call runs on the legs' I/O threads ...
 *     log.info("forwarded {} / {}", bridge.forwarded(LegBridge.Direction.A_TO_B),
 *             bridge.forwarded(LegBridge.Direction.B_TO_A));
 * }   // forwarding stops; the legs stay open and are closed by their owner
 * }</pre>
 *
 * <h2>What each forwarded packet gets</h2>
 * <ul>
 *   <li>The SSRC the <em>receiving</em> leg announced in its own SDP ({@link WebRtcLeg#localSsrc()}), with sequence
 *       numbers and timestamps made continuous by one {@link RtpRewriter} per direction: the far end negotiated one
 *       stream with us, and must keep seeing one stream when the other side's sender restarts or changes SSRC (Meta:
 *       "multiple SSRCs cause undefined behaviour").</li>
 *   <li>The payload type the receiving leg negotiated for the same codec: Opus to Opus, {@code telephone-event} to
 *       {@code telephone-event}. The two legs negotiate independently, so the numbers may differ (111 at Meta and in
 *       Chromium today, but nothing promises it). A packet in any other payload type, or a DTMF event towards a leg
 *       that negotiated none, is dropped: the receiver could not decode it.</li>
 *   <li>Nothing else: the payload (Opus frames, DTMF events) and header extensions pass untouched. There is no
 *       transcoding; both legs must speak Opus, which {@link WebRtcLeg} already requires.</li>
 * </ul>
 *
 * <p>Threads and memory: a packet from leg A is handled on A's ICE I/O thread, start to end: rewrite, tap, protect
 * and send on B. The buffer is the one the leg decrypted into (pooled); this class allocates nothing per packet,
 * keeps no queue and never blocks, so a slow or dead far end costs dropped packets, not memory. Each direction's
 * rewriter is touched only by its source leg's I/O thread; counters are atomic and may be read from any thread.
 *
 * <p>RTCP is not forwarded: each leg is its own RTP session towards its far end (RFC 3550 §7.2, a translator that
 * terminates both sides), and its reports describe that hop, not the other one.
 */
public final class LegBridge implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LegBridge.class);

    /** Which way a packet travels. */
    public enum Direction {
        /** Received on leg A, sent on leg B. */
        A_TO_B,
        /** Received on leg B, sent on leg A. */
        B_TO_A
    }

    /**
     * Sees each packet of one direction that the bridge forwards, e.g. to record the call. It sees a packet once it
     * passed the payload-type mapping and the rewriter; if the other leg then cannot send it (no keys yet, ICE down)
     * the packet is counted as {@linkplain #dropped dropped}, so during a call's first milliseconds a tap may see a
     * few packets more than {@link #forwarded} counts. Packets the other leg may not send yet (a WhatsApp call before
     * accept) are not shown: a tap sees what the far end could hear.
     */
    @FunctionalInterface
    public interface Tap {
        /**
         * Called on the source leg's I/O thread after the packet was rewritten (outgoing SSRC, sequence number,
         * timestamp and payload type) and before it is protected and sent. Must not block or keep the buffer:
         * copy what you need; the bytes become ciphertext as soon as this returns. An exception is logged and
         * counted ({@link #tapFailures}); the packet is still forwarded.
         */
        void onForwarded(Direction direction, PacketBuffer packet);
    }

    private final WebRtcLeg a;
    private final WebRtcLeg b;
    private final Path aToB;
    private final Path bToA;
    private volatile boolean closed;

    private LegBridge(Builder builder) {
        this.a = builder.a;
        this.b = builder.b;
        this.aToB = new Path(Direction.A_TO_B, a, b, builder.taps.get(Direction.A_TO_B), builder.random);
        this.bToA = new Path(Direction.B_TO_A, b, a, builder.taps.get(Direction.B_TO_A), builder.random);
    }

    /**
     * A builder joining {@code a} and {@code b}. The legs may be negotiated before or after {@link Builder#start};
     * packets that arrive while the other leg has no keys yet are counted as dropped.
     */
    public static Builder builder(WebRtcLeg a, WebRtcLeg b) {
        return new Builder(a, b);
    }

    private LegBridge start() {
        // Each leg's listener is replaced; from now on its packets go to the other leg.
        a.setRtpListener(aToB);
        b.setRtpListener(bToA);
        return this;
    }

    /**
     * Sends {@code packet} on the direction's receiving leg as if its source leg had sent it: same payload-type
     * mapping, the same rewriter (so the far end keeps seeing one continuous stream), the same tap (a recording keeps
     * what the far end heard). For prompts the engine plays, e.g. a recording announcement; its payload type must be
     * the source leg's Opus one. Thread-safe against the source leg's own packets.
     *
     * @return whether it was sent
     */
    public boolean inject(Direction direction, PacketBuffer packet) {
        return path(direction).forward(packet, true);
    }

    /**
     * While held, the direction's own packets are dropped (counted as {@link #held}) and only {@linkplain #inject
     * injected} ones pass: the far end hears a prompt alone, since the bridge does not mix.
     */
    public void hold(Direction direction, boolean held) {
        path(direction).held = held;
    }

    /**
     * The direction's own packets not forwarded because it was {@linkplain #hold held}, or because its receiving leg
     * may not send yet ({@link WebRtcLeg#sendingAllowed()}: a WhatsApp call before accept).
     */
    public long held(Direction direction) {
        return path(direction).heldPackets.get();
    }

    /** Packets received on the direction's source leg and sent on its other leg. */
    public long forwarded(Direction direction) {
        return path(direction).forwarded.get();
    }

    /**
     * Packets received on the direction's source leg and not sent: duplicates and stragglers the rewriter refused,
     * payload types the other leg did not negotiate, and packets the other leg could not send (no keys yet, ICE
     * down, closed). After {@link #close()} nothing is counted any more.
     */
    public long dropped(Direction direction) {
        return path(direction).dropped.get();
    }

    /** Exceptions thrown by the direction's tap. */
    public long tapFailures(Direction direction) {
        return path(direction).tapFailures.get();
    }

    /**
     * Times the direction's outgoing stream was re-anchored (a new incoming SSRC, a sequence restart or a clock
     * jump); read from the I/O thread's rewriter, so possibly a packet behind.
     */
    public long restarts(Direction direction) {
        return path(direction).rewriter.restarts();
    }

    /** Leg A. */
    public WebRtcLeg legA() {
        return a;
    }

    /** Leg B. */
    public WebRtcLeg legB() {
        return b;
    }

    /**
     * Stops forwarding: both legs' listeners are removed (their packets are counted and dropped by the legs). The
     * legs themselves stay open; their owner closes them. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        a.setRtpListener(null);
        b.setRtpListener(null);
    }

    @Override
    public String toString() {
        return "LegBridge[a→b forwarded=" + aToB.forwarded + " dropped=" + aToB.dropped + ", b→a forwarded="
                + bToA.forwarded + " dropped=" + bToA.dropped + (closed ? ", closed" : "") + "]";
    }

    private Path path(Direction direction) {
        return direction == Direction.A_TO_B ? aToB : bToA;
    }

    /** One direction: the source leg's listener. */
    private final class Path implements WebRtcLeg.RtpListener {
        private final Direction direction;
        private final WebRtcLeg from;
        private final WebRtcLeg to;
        private final @Nullable Tap tap;
        private final RtpRewriter rewriter;
        private final AtomicLong forwarded = new AtomicLong();
        private final AtomicLong dropped = new AtomicLong();
        private final AtomicLong tapFailures = new AtomicLong();
        private final AtomicLong heldPackets = new AtomicLong();
        private volatile boolean held;

        Path(Direction direction, WebRtcLeg from, WebRtcLeg to, @Nullable Tap tap, RandomGenerator random) {
            this.direction = direction;
            this.from = from;
            this.to = to;
            this.tap = tap;
            // RFC 3550 §5.1: random initial sequence number and timestamp. The SSRC is fixed: the receiving leg's own
            // announced SSRC, the one its far end expects from us.
            this.rewriter = new RtpRewriter((int) to.localSsrc(), RtpPacket.OPUS_CLOCK_RATE, random.nextInt(1 << 16),
                    random.nextLong(1L << 32));
        }

        @Override
        public void onRtp(PacketBuffer packet) {
            if (held) {
                heldPackets.incrementAndGet();
                return;
            }
            forward(packet, false);
        }

        /**
         * Maps, rewrites, taps and sends one packet. Synchronised: the source leg's I/O thread and an injecting
         * thread share the rewriter (uncontended — one thread — except while a prompt plays).
         */
        synchronized boolean forward(PacketBuffer packet, boolean injected) {
            if (!injected && held) {
                // Checked again under the monitor: a packet that passed the first check as hold() began must not
                // slip in between a prompt's packets.
                heldPackets.incrementAndGet();
                return false;
            }
            if (closed) {
                // A packet already in flight as close() removed the listener: not ours to send any more.
                return false;
            }
            if (!to.sendingAllowed()) {
                // The receiving leg may not send yet (a WhatsApp call before accept): nobody hears this packet, so
                // it is neither forwarded nor shown to the taps — a recording holds what each side could hear, not
                // what the recruiter said before the candidate was connected.
                heldPackets.incrementAndGet();
                return false;
            }
            int outPt = mapPayloadType(RtpPacket.payloadType(packet.array(), packet.offset()));
            if (outPt < 0) {
                dropped.incrementAndGet();
                return false;
            }
            // Map first, rewrite second: a packet we drop must not move the rewriter's state.
            RewriteStatus status = rewriter.rewrite(packet, System.nanoTime());
            if (!status.isForwarded()) {
                dropped.incrementAndGet();
                return false;
            }
            RtpPacket.setPayloadType(packet.array(), packet.offset(), outPt);
            Tap t = tap;
            if (t != null) {
                try {
                    t.onForwarded(direction, packet);
                } catch (RuntimeException e) {
                    // A recorder's bug must not cut the call's audio.
                    if (tapFailures.getAndIncrement() == 0) {
                        log.warn("{} tap failed; further failures are only counted", direction, e);
                    }
                }
            }
            if (to.send(packet) == WebRtcLeg.SendStatus.SENT) {
                forwarded.incrementAndGet();
                return true;
            }
            dropped.incrementAndGet();
            return false;
        }

        /** The receiving leg's payload type for the codec of {@code pt} on the source leg, or -1 to drop. */
        private int mapPayloadType(int pt) {
            // Read per packet (two volatile reads): a leg negotiated after the bridge started is picked up.
            int opus = from.opusPayloadType();
            if (pt == opus) {
                return to.opusPayloadType();
            }
            int events = from.telephoneEventPayloadType();
            if (events >= 0 && pt == events) {
                return to.telephoneEventPayloadType();
            }
            return -1;
        }
    }

    /** Collects the legs and the optional taps. */
    public static final class Builder {
        private final WebRtcLeg a;
        private final WebRtcLeg b;
        private final Map<Direction, Tap> taps = new EnumMap<>(Direction.class);
        private RandomGenerator random = new SecureRandom();

        private Builder(WebRtcLeg a, WebRtcLeg b) {
            this.a = Objects.requireNonNull(a, "a");
            this.b = Objects.requireNonNull(b, "b");
            if (a == b) {
                throw new IllegalArgumentException("a bridge joins two different legs");
            }
        }

        /** Sees every packet forwarded in {@code direction}; replaces an earlier tap for it. */
        public Builder tap(Direction direction, Tap tap) {
            taps.put(Objects.requireNonNull(direction, "direction"), Objects.requireNonNull(tap, "tap"));
            return this;
        }

        /** Where the initial outgoing sequence numbers and timestamps come from; default a {@link SecureRandom}. */
        public Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** Installs the bridge as both legs' RTP listener (replacing theirs) and returns it, forwarding. */
        public LegBridge start() {
            return new LegBridge(this).start();
        }
    }
}
