package dev.wacalls.media.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wacalls.media.dtls.DtlsCertificate;
import dev.wacalls.media.dtls.DtlsRole;
import dev.wacalls.media.ice.IceConfig;
import dev.wacalls.media.ice.IceEndpoint;
import dev.wacalls.media.leg.WebRtcLeg;
import dev.wacalls.media.rtp.BufferPool;
import dev.wacalls.media.rtp.PacketBuffer;
import dev.wacalls.media.rtp.RtpPacket;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The bridge without a browser: two pairs of our legs back to back over loopback. X1 ⇄ L1 is the "WhatsApp" pair, L2
 * ⇄ X2 the "browser" pair; the bridge joins L1 and L2. X1 and X2 send hand-made RTP and record what arrives, so we
 * can check the exact headers: one SSRC per direction (the one L1/L2 announced), continuous sequence numbers across
 * a wrap and a sender restart, and payload types mapped between legs that negotiated different numbers.
 */
class LegBridgeTest {
    private static final BufferPool POOL = BufferPool.withDefaults();
    private static final int OPUS_A = 111;
    private static final int EVENTS_A = 126;
    // X2's offer is rewritten to use other numbers, as another WebRTC stack might.
    private static final int OPUS_B = 109;
    private static final int EVENTS_B = 101;

    /** The header of one received packet, plus the index the sender put in the first payload byte. */
    record Received(int ssrc, int seq, long ts, int pt, boolean marker, int index) {
        static Received of(PacketBuffer p) {
            byte[] a = p.array();
            int o = p.offset();
            return new Received(RtpPacket.ssrc(a, o), RtpPacket.sequenceNumber(a, o), RtpPacket.timestamp(a, o),
                    RtpPacket.payloadType(a, o), RtpPacket.marker(a, o), a[o + 12] & 0xFF);
        }
    }

    @Test
    void forwardsBothWaysWithOneSsrcContinuousSequenceAndMappedPayloadTypes() throws Exception {
        ExecutorService dtlsPool = Executors.newFixedThreadPool(4);
        Queue<Received> atX1 = new ConcurrentLinkedQueue<>();
        Queue<Received> atX2 = new ConcurrentLinkedQueue<>();
        Queue<Received> tappedAToB = new ConcurrentLinkedQueue<>();
        AtomicInteger tappedBToA = new AtomicInteger();
        // X1 and X2 each on their own endpoint; L1 and L2 share one, as the legs of one engine do.
        try (IceEndpoint whatsAppSide = loopback();
                IceEndpoint engine = loopback();
                IceEndpoint browserSide = loopback();
                WebRtcLeg x1 = WebRtcLeg.builder(whatsAppSide, DtlsCertificate.generate(), dtlsPool)
                        .onRtp(p -> atX1.add(Received.of(p))).build();
                WebRtcLeg x2 = WebRtcLeg.builder(browserSide, DtlsCertificate.generate(), dtlsPool)
                        .onRtp(p -> atX2.add(Received.of(p))).build();
                WebRtcLeg l1 = WebRtcLeg.builder(engine, DtlsCertificate.generate(), dtlsPool).build();
                WebRtcLeg l2 = WebRtcLeg.builder(engine, DtlsCertificate.generate(), dtlsPool)
                        .answerPassive(true).build()) {
            x1.applyAnswer(l1.answerOffer(x1.createOffer()));
            String offer2 = renumber(x2.createOffer());
            x2.applyAnswer(l2.answerOffer(offer2));
            assertThat(l1.connected().get(15, TimeUnit.SECONDS).role()).isEqualTo(DtlsRole.CLIENT);
            assertThat(l2.connected().get(15, TimeUnit.SECONDS).role()).isEqualTo(DtlsRole.SERVER);
            x1.connected().get(15, TimeUnit.SECONDS);
            x2.connected().get(15, TimeUnit.SECONDS);
            assertThat(l1.opusPayloadType()).isEqualTo(OPUS_A);
            assertThat(l1.telephoneEventPayloadType()).isEqualTo(EVENTS_A);
            assertThat(l2.opusPayloadType()).isEqualTo(OPUS_B);
            assertThat(l2.telephoneEventPayloadType()).isEqualTo(EVENTS_B);
            assertThat(x2.opusPayloadType()).isEqualTo(OPUS_B);

            LegBridge bridge = LegBridge.builder(l1, l2)
                    .tap(LegBridge.Direction.A_TO_B, (d, p) -> tappedAToB.add(Received.of(p)))
                    .tap(LegBridge.Direction.B_TO_A, (d, p) -> tappedBToA.incrementAndGet())
                    .start();

            // A → B, epoch 1: 40 Opus packets whose sequence wraps at 65535, a DTMF event among them, then a packet
            // in a payload type nobody negotiated (dropped); epoch 2: the sender restarts with a new SSRC.
            int ssrc1 = 0x11111111;
            int ssrc2 = 0x22222222;
            int index = 0;
            List<Integer> expectedPts = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                boolean event = i == 20;
                send(x1, ssrc1, 65_500 + i, 1_000_000L + 960L * i, event ? EVENTS_A : OPUS_A, index++);
                expectedPts.add(event ? EVENTS_B : OPUS_B);
            }
            send(x1, ssrc1, 65_540, 1_000_000L + 960L * 40, 96, 250);
            for (int i = 0; i < 20; i++) {
                send(x1, ssrc2, 7 + i, 5_000L + 960L * i, OPUS_A, index++);
                expectedPts.add(OPUS_B);
            }
            // B → A: 30 Opus packets in B's numbering.
            for (int i = 0; i < 30; i++) {
                send(x2, 0x33333333, 100 + i, 77L + 960L * i, OPUS_B, i);
            }
            awaitTrue(() -> atX2.size() >= 60 && atX1.size() >= 30);

            List<Received> b = List.copyOf(atX2);
            System.out.printf("LegBridge unit: %s; at X2 %d packets, seq %d..%d; at X1 %d packets; restarts a→b %d%n",
                    bridge, b.size(), b.get(0).seq(), b.get(b.size() - 1).seq(), atX1.size(),
                    bridge.restarts(LegBridge.Direction.A_TO_B));
            assertThat(b).hasSize(60);
            assertThat(b).extracting(Received::index).as("in order, the stray payload type dropped")
                    .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 60).boxed().toList());
            assertThat(b).extracting(Received::ssrc).as("one SSRC: the one L2 announced")
                    .containsOnly((int) l2.localSsrc());
            for (int i = 1; i < b.size(); i++) {
                assertThat(b.get(i).seq()).as("sequence continuous at %d", i)
                        .isEqualTo((b.get(i - 1).seq() + 1) & 0xFFFF);
                long step = (b.get(i).ts() - b.get(i - 1).ts()) & 0xFFFF_FFFFL;
                if (i == 40) {
                    // The restart: the timeline advances by at least one frame, whatever the new sender's clock.
                    assertThat(step).isBetween(960L, 48_000L);
                } else {
                    assertThat(step).as("timestamp step at %d", i).isEqualTo(960L);
                }
            }
            assertThat(b).extracting(Received::pt).containsExactlyElementsOf(expectedPts);
            assertThat(b.get(0).marker()).as("M bit on the first packet").isTrue();
            assertThat(b.get(40).marker()).as("M bit on the restart").isTrue();
            assertThat(b.get(1).marker()).isFalse();
            assertThat(tappedAToB).as("the tap saw each forwarded packet as sent").containsExactlyElementsOf(b);

            List<Received> a = List.copyOf(atX1);
            assertThat(a).hasSize(30);
            assertThat(a).extracting(Received::ssrc).containsOnly((int) l1.localSsrc());
            assertThat(a).extracting(Received::pt).containsOnly(OPUS_A);
            assertThat(a).extracting(Received::index)
                    .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 30).boxed().toList());
            for (int i = 1; i < a.size(); i++) {
                assertThat(a.get(i).seq()).isEqualTo((a.get(i - 1).seq() + 1) & 0xFFFF);
            }
            assertThat(tappedBToA).hasValue(30);

            assertThat(bridge.forwarded(LegBridge.Direction.A_TO_B)).isEqualTo(60);
            assertThat(bridge.dropped(LegBridge.Direction.A_TO_B)).as("the stray payload type").isEqualTo(1);
            assertThat(bridge.forwarded(LegBridge.Direction.B_TO_A)).isEqualTo(30);
            assertThat(bridge.dropped(LegBridge.Direction.B_TO_A)).isZero();
            assertThat(bridge.restarts(LegBridge.Direction.A_TO_B)).isEqualTo(1);
            for (WebRtcLeg leg : List.of(x1, x2, l1, l2)) {
                assertThat(leg.authFailures()).isZero();
            }

            // After close nothing is forwarded; the legs still receive (and count) what arrives.
            bridge.close();
            bridge.close();
            long l1In = l1.packetsIn();
            send(x1, ssrc2, 27, 5_000L + 960L * 20, OPUS_A, 99);
            awaitTrue(() -> l1.packetsIn() > l1In);
            Thread.sleep(100);
            assertThat(atX2).hasSize(60);
            assertThat(bridge.forwarded(LegBridge.Direction.A_TO_B)).isEqualTo(60);
        } finally {
            dtlsPool.shutdownNow();
        }
    }

    @Test
    void packetsBeforeTheOtherLegHasKeysAreDroppedNotQueued_andAFailingTapIsOnlyCounted() throws Exception {
        ExecutorService dtlsPool = Executors.newFixedThreadPool(2);
        // Four endpoints: two legs of one endpoint talking to the same remote socket could not be told apart.
        try (IceEndpoint left = loopback();
                IceEndpoint right = loopback();
                IceEndpoint third = loopback();
                IceEndpoint fourth = loopback();
                WebRtcLeg x1 = WebRtcLeg.builder(left, DtlsCertificate.generate(), dtlsPool).build();
                WebRtcLeg l1 = WebRtcLeg.builder(right, DtlsCertificate.generate(), dtlsPool).build();
                WebRtcLeg unconnected = WebRtcLeg.builder(third, DtlsCertificate.generate(), dtlsPool).build();
                WebRtcLeg silent = WebRtcLeg.builder(fourth, DtlsCertificate.generate(), dtlsPool).build();
                LegBridge bridge = LegBridge.builder(l1, unconnected)
                        .tap(LegBridge.Direction.A_TO_B, (d, p) -> {
                            throw new IllegalStateException("recorder bug");
                        })
                        .start()) {
            x1.applyAnswer(l1.answerOffer(x1.createOffer()));
            x1.connected().get(15, TimeUnit.SECONDS);
            l1.connected().get(15, TimeUnit.SECONDS);
            for (int i = 0; i < 5; i++) {
                send(x1, 0x44444444, i, 960L * i, OPUS_A, i);
            }
            awaitTrue(() -> bridge.dropped(LegBridge.Direction.A_TO_B) >= 5);
            // The other leg negotiated nothing yet: no payload type to map to, dropped before the rewriter and tap.
            assertThat(bridge.dropped(LegBridge.Direction.A_TO_B)).isEqualTo(5);
            assertThat(bridge.tapFailures(LegBridge.Direction.A_TO_B)).isZero();

            // Negotiated (answering an offer whose maker never applies the answer), but no keys: rewritten, tapped,
            // then refused by the leg. The tap's exceptions are counted and do not stop the packet path.
            unconnected.answerOffer(silent.createOffer());
            for (int i = 5; i < 10; i++) {
                send(x1, 0x44444444, i, 960L * i, OPUS_A, i);
            }
            awaitTrue(() -> bridge.dropped(LegBridge.Direction.A_TO_B) >= 10);
            assertThat(bridge.dropped(LegBridge.Direction.A_TO_B)).isEqualTo(10);
            assertThat(bridge.tapFailures(LegBridge.Direction.A_TO_B)).isEqualTo(5);
            assertThat(bridge.forwarded(LegBridge.Direction.A_TO_B)).isZero();
            assertThat(unconnected.connected()).isNotDone();
        } finally {
            dtlsPool.shutdownNow();
        }
    }

    /** Moves Opus to {@value #OPUS_B} and telephone-event to {@value #EVENTS_B} in an offer from our writer. */
    private static String renumber(String sdp) {
        return sdp.lines().map(l -> l.startsWith("m=audio") || l.startsWith("a=rtpmap:") || l.startsWith("a=fmtp:")
                        || l.startsWith("a=rtcp-fb:")
                        ? l.replaceAll("\\b" + OPUS_A + "\\b", String.valueOf(OPUS_B))
                                .replaceAll("\\b" + EVENTS_A + "\\b", String.valueOf(EVENTS_B))
                        : l)
                .collect(Collectors.joining("\r\n", "", "\r\n"));
    }

    private static void send(WebRtcLeg leg, int ssrc, int seq, long ts, int pt, int index) throws InterruptedException {
        PacketBuffer p = POOL.acquire(64);
        try {
            byte[] b = new byte[32];
            RtpPacket.writeHeader(b, 0, false, pt, seq, ts, ssrc);
            b[12] = (byte) index;
            p.copyFrom(b, 0, b.length);
            assertThat(leg.send(p)).isEqualTo(WebRtcLeg.SendStatus.SENT);
        } finally {
            p.release();
        }
        Thread.sleep(2); // paced like a (fast) sender: loopback UDP keeps the order, a burst could overflow a buffer
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    private static IceEndpoint loopback() {
        return IceEndpoint.open(IceConfig.builder().localAddresses(List.of(InetAddress.getLoopbackAddress())).build());
    }
}
