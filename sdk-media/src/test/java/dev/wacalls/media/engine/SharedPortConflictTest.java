package dev.wacalls.media.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wacalls.call.LegKind;
import dev.wacalls.call.MediaEvent;
import dev.wacalls.call.MediaLeg;
import dev.wacalls.media.dtls.DtlsCertificate;
import dev.wacalls.media.ice.IceConfig;
import dev.wacalls.media.ice.IceEndpoint;
import dev.wacalls.media.ice.IceRouteConflictException;
import dev.wacalls.media.leg.WebRtcLeg;
import dev.wacalls.media.rtp.BufferPool;
import dev.wacalls.media.rtp.PacketBuffer;
import dev.wacalls.media.rtp.RtpPacket;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Meta's relays answer from a few fixed ports, like one shared port of ours. Two calls between the same two shared
 * ports have the same 5-tuple, which DTLS and SRTP cannot tell apart: the second call must fail clearly, and the
 * first must keep its media. With a port range for WhatsApp legs, both calls work.
 */
class SharedPortConflictTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void secondCallToTheSameRelayPort_onOneSharedPort_failsClearly_andTheFirstKeepsItsMedia() throws Exception {
        EventLog events = new EventLog();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (IceEndpoint relay = IceEndpoint.open(
                        IceConfig.builder().localAddresses(List.of(LOOPBACK)).singlePort(0).build());
                // A fixed shared port for everything, as a firewall rule might dictate (here: a free one we found).
                WebRtcMediaEngine engine = WebRtcMediaEngine.builder()
                        .ice(IceConfig.builder().localAddresses(List.of(LOOPBACK)).singlePort(freePort()).build())
                        .build();
                WebRtcLeg first = WebRtcLeg.builder(relay, DtlsCertificate.generate(), pool).build();
                WebRtcLeg second = WebRtcLeg.builder(relay, DtlsCertificate.generate(), pool).build()) {
            assertThat(engine.iceEndpoint(LegKind.WHATSAPP)).isSameAs(engine.iceEndpoint(LegKind.AGENT));
            MediaLeg call1 = engine.newLeg(LegKind.WHATSAPP, events);
            first.applyAnswer(call1.answerOffer(first.createOffer()));
            call1.startSending();
            first.connected().get(10, TimeUnit.SECONDS);
            events.await(MediaEvent.Connected.class, call1.id(), WAIT);
            send(first, 0, 10);
            Awaitility.await().atMost(WAIT).until(() -> call1.stats().packetsReceived() == 10);

            MediaLeg call2 = engine.newLeg(LegKind.WHATSAPP, events);
            second.applyAnswer(call2.answerOffer(second.createOffer()));
            // Either side may notice first: our leg fails, or the far end's ICE does (it has the same shared port).
            Awaitility.await().atMost(WAIT).until(() -> !events.of(MediaEvent.Failed.class, call2.id()).isEmpty()
                    || second.connected().isCompletedExceptionally());
            String reason = events.of(MediaEvent.Failed.class, call2.id()).isEmpty()
                    ? cause(second).getMessage()
                    : events.of(MediaEvent.Failed.class, call2.id()).get(0).reason();
            System.out.println("route conflict: " + reason);
            assertThat(reason).contains("already talks to").contains("use a port range");

            send(first, 10, 10);
            Awaitility.await().atMost(WAIT).until(() -> call1.stats().packetsReceived() == 20);
            assertThat(events.of(MediaEvent.Failed.class, call1.id())).isEmpty();
            assertThat(engine.iceEndpoint().sessionCount()).isLessThanOrEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void withOwnPortsForWhatsAppLegs_twoCallsToTheSameRelayPortBothWork() throws Exception {
        EventLog events = new EventLog();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (WebRtcMediaEngine engine = WebRtcMediaEngine.builder()
                        .ice(IceConfig.builder().localAddresses(List.of(LOOPBACK)).singlePort(0).build())
                        .whatsappIce(IceConfig.builder().localAddresses(List.of(LOOPBACK)).ephemeralPorts().build())
                        .build();
                IceEndpoint relay = IceEndpoint.open(
                        IceConfig.builder().localAddresses(List.of(LOOPBACK)).singlePort(0).build());
                WebRtcLeg first = WebRtcLeg.builder(relay, DtlsCertificate.generate(), pool).build();
                WebRtcLeg second = WebRtcLeg.builder(relay, DtlsCertificate.generate(), pool).build()) {
            assertThat(engine.iceEndpoint(LegKind.WHATSAPP).config().isEphemeralPerSession()).isTrue();
            MediaLeg call1 = engine.newLeg(LegKind.WHATSAPP, events);
            MediaLeg call2 = engine.newLeg(LegKind.WHATSAPP, events);
            first.applyAnswer(call1.answerOffer(first.createOffer()));
            second.applyAnswer(call2.answerOffer(second.createOffer()));
            first.connected().get(10, TimeUnit.SECONDS);
            second.connected().get(10, TimeUnit.SECONDS);
            // The far end is the DTLS server here and has its keys a moment before we have ours: packets sent in
            // between are dropped (counted) by design, so wait for our side too.
            events.await(MediaEvent.Connected.class, call1.id(), WAIT);
            events.await(MediaEvent.Connected.class, call2.id(), WAIT);
            send(first, 0, 10);
            send(second, 0, 7);
            Awaitility.await().atMost(WAIT).until(() -> call1.stats().packetsReceived() == 10
                    && call2.stats().packetsReceived() == 7);
            assertThat(events.of(MediaEvent.Failed.class)).isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void byDefault_whatsAppLegsGetAPortEach_whileBrowsersShareOne() {
        try (WebRtcMediaEngine engine = WebRtcMediaEngine.builder()
                .ice(IceConfig.builder().localAddresses(List.of(LOOPBACK)).build())
                .build()) {
            assertThat(engine.iceEndpoint(LegKind.AGENT).config().isSinglePort()).isTrue();
            assertThat(engine.iceEndpoint(LegKind.WHATSAPP).config().isEphemeralPerSession()).isTrue();
            MediaLeg a = engine.newLeg(LegKind.WHATSAPP, e -> { });
            MediaLeg b = engine.newLeg(LegKind.WHATSAPP, e -> { });
            String portA = hostPort(a.createOffer());
            String portB = hostPort(b.createOffer());
            assertThat(portA).isNotEqualTo(portB);
            a.close();
            b.close();
            assertThat(engine.iceEndpoint(LegKind.WHATSAPP).openSocketCount()).isZero();
        }
    }

    private static String hostPort(String sdp) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("typ host").matcher(sdp);
        assertThat(m.find()).isTrue();
        String line = sdp.substring(sdp.lastIndexOf("a=candidate:", m.start()), m.start());
        return line.trim().substring(line.trim().lastIndexOf(' ') + 1);
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.DatagramSocket s = new java.net.DatagramSocket(new java.net.InetSocketAddress(LOOPBACK, 0))) {
            return s.getLocalPort();
        }
    }

    private static void send(WebRtcLeg from, int firstSeq, int count) {
        BufferPool buffers = BufferPool.withDefaults();
        for (int seq = firstSeq; seq < firstSeq + count; seq++) {
            PacketBuffer p = buffers.acquire(120);
            int n = RtpPacket.writeHeader(p.array(), p.offset(), false, from.opusPayloadType(), seq, 960L * seq,
                    (int) from.localSsrc());
            p.setLength(n + 60);
            assertThat(from.send(p)).isEqualTo(WebRtcLeg.SendStatus.SENT);
            p.release();
        }
    }

    private static Throwable cause(WebRtcLeg leg) throws InterruptedException {
        try {
            leg.connected().get();
            throw new AssertionError("expected a failure");
        } catch (ExecutionException | CompletionException e) {
            Throwable c = e.getCause();
            assertThat(c).isInstanceOf(IceRouteConflictException.class);
            return c;
        }
    }
}
