package dev.wacalls.media.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wacalls.call.InvalidSdpException;
import dev.wacalls.call.LegKind;
import dev.wacalls.call.MediaEvent;
import dev.wacalls.call.MediaLeg;
import dev.wacalls.call.MediaLegState;
import dev.wacalls.media.dtls.DtlsCertificate;
import dev.wacalls.media.ice.IceConfig;
import dev.wacalls.media.ice.IceEndpoint;
import dev.wacalls.media.leg.WebRtcLeg;
import dev.wacalls.media.rtp.BufferPool;
import dev.wacalls.media.rtp.PacketBuffer;
import dev.wacalls.media.rtp.RtpPacket;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bad input at the engine's door: SDP that cannot be used is a clear {@link InvalidSdpException} and leaves nothing
 * open; a peer whose certificate does not match its fingerprint fails the leg with that reason and frees it; junk,
 * forged and replayed datagrams are counted drops while the call goes on. The far end is our own {@link WebRtcLeg} on
 * its own ICE endpoint, so that the test can send exactly the bytes it wants from the right address.
 */
class EngineBadInputTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private WebRtcMediaEngine engine;
    private IceEndpoint peerIce;
    private ExecutorService peerPool;
    private final EventLog events = new EventLog();

    @BeforeEach
    void open() {
        engine = WebRtcMediaEngine.builder()
                .ice(IceConfig.builder().localAddresses(List.of(LOOPBACK)).build())
                .build();
        peerIce = IceEndpoint.open(IceConfig.builder().localAddresses(List.of(LOOPBACK)).build());
        peerPool = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void close() {
        engine.close();
        peerIce.close();
        peerPool.shutdownNow();
    }

    private WebRtcLeg peer() {
        return WebRtcLeg.builder(peerIce, DtlsCertificate.generate(), peerPool).build();
    }

    @Test
    void malformedOffer_isInvalidSdpNamingTheLine_opensNothing_andTheLegCanStillAnswer() throws Exception {
        MediaLeg leg = engine.newLeg(LegKind.AGENT, events);
        int sockets = engine.iceEndpoint().openSocketCount();

        assertThatThrownBy(() -> leg.answerOffer("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nthis is not sdp\r\n"))
                .isInstanceOf(InvalidSdpException.class)
                .hasMessageContaining(leg.id())
                .hasMessageContaining("line 4");
        assertThat(engine.iceEndpoint().sessionCount()).isZero();
        assertThat(engine.iceEndpoint().openSocketCount()).isEqualTo(sockets);
        assertThat(leg.state()).isEqualTo(MediaLegState.NEW);

        try (WebRtcLeg peer = peer()) {
            peer.applyAnswer(leg.answerOffer(peer.createOffer()));
            events.await(MediaEvent.Connected.class, leg.id(), WAIT);
        }
    }

    @Test
    void startSendingBeforeAnyAnswer_isRefused_soMetasRuleCannotBeBrokenByAccident() {
        MediaLeg leg = engine.newLeg(LegKind.WHATSAPP, events);
        assertThatThrownBy(leg::startSending).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("before an offer was answered");
        leg.createOffer();
        assertThatThrownBy(leg::startSending).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void offerWithoutOpus_isInvalidSdpSayingSo_andOpensNothing() {
        MediaLeg leg = engine.newLeg(LegKind.WHATSAPP, events);
        try (WebRtcLeg peer = peer()) {
            String offer = peer.createOffer().replace("opus/48000/2", "G722/8000");

            assertThatThrownBy(() -> leg.answerOffer(offer))
                    .isInstanceOf(InvalidSdpException.class)
                    .hasMessageContaining("Opus");
            assertThat(engine.iceEndpoint(LegKind.WHATSAPP).sessionCount()).isZero();
        }
    }

    @Test
    void answerWithoutFingerprint_isInvalidSdp_andTheLegTakesTheRealAnswerAfterwards() throws Exception {
        MediaLeg leg = engine.newLeg(LegKind.WHATSAPP, events);
        try (WebRtcLeg peer = peer()) {
            String answer = peer.answerOffer(leg.createOffer());
            String stripped = answer.replaceAll("a=fingerprint:[^\\r\\n]*\\r\\n", "");

            assertThatThrownBy(() -> leg.applyAnswer(stripped))
                    .isInstanceOf(InvalidSdpException.class)
                    .hasMessageContaining("fingerprint");
            assertThat(leg.state()).isEqualTo(MediaLegState.NEW);

            leg.applyAnswer(answer);
            MediaEvent.Connected c = events.await(MediaEvent.Connected.class, leg.id(), WAIT);
            assertThat(c.dtlsRole()).as("the peer answered active, so we serve DTLS").isEqualTo("server");
        }
    }

    @Test
    void certificateNotMatchingTheFingerprint_failsTheLegWithThatReason_andFreesIt() throws Exception {
        MediaLeg leg = engine.newLeg(LegKind.WHATSAPP, events);
        try (WebRtcLeg peer = peer()) {
            String offer = peer.createOffer();
            Matcher m = Pattern.compile("a=fingerprint:sha-256 ([0-9A-F:]+)").matcher(offer);
            assertThat(m.find()).isTrue();
            String digest = m.group(1);
            String forged = (digest.charAt(0) == 'A' ? "B" : "A") + digest.substring(1);
            peer.applyAnswer(leg.answerOffer(offer.replace(digest, forged)));

            MediaEvent.Failed failed = events.await(MediaEvent.Failed.class, leg.id(), WAIT);
            assertThat(failed.reason()).contains("does not match the fingerprint");
            assertThat(leg.state()).isEqualTo(MediaLegState.FAILED);
            assertThat(engine.legCount()).isZero();
            assertThat(engine.iceEndpoint(LegKind.WHATSAPP).sessionCount()).isZero();
            assertThat(engine.iceEndpoint(LegKind.WHATSAPP).openSocketCount()).isZero();
            assertThat(events.of(MediaEvent.Connected.class)).isEmpty();
            assertThat(events.of(MediaEvent.Ended.class)).as("one end event: the failure").isEmpty();
        }
    }

    @Test
    void garbageForgedAndReplayedDatagrams_areCountedDrops_andTheCallGoesOn() throws Exception {
        MediaLeg leg = engine.newLeg(LegKind.AGENT, events);
        try (WebRtcLeg peer = peer();
                DatagramSocket stranger = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            String answer = leg.answerOffer(peer.createOffer());
            peer.applyAnswer(answer);
            peer.connected().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            events.await(MediaEvent.Connected.class, leg.id(), WAIT);
            int peerPt = peer.opusPayloadType();
            BufferPool pool = BufferPool.withDefaults();

            List<byte[]> sentCiphertexts = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                sentCiphertexts.add(sendRtp(peer, pool, peerPt, i));
            }
            Awaitility.await().atMost(WAIT).until(() -> leg.stats().packetsReceived() == 50);
            events.await(MediaEvent.MediaFlowing.class, leg.id(), WAIT);

            var transport = peer.iceSession().transport();
            // Replays of genuine packets, from the genuine address.
            for (byte[] c : sentCiphertexts.subList(40, 50)) {
                transport.sendPacket(c, 0, c.length);
            }
            // Forgeries: RTP-looking bytes with a wrong authentication tag.
            Random random = new Random(7);
            for (int i = 0; i < 10; i++) {
                byte[] forged = new byte[120];
                random.nextBytes(forged);
                RtpPacket.writeHeader(forged, 0, false, peerPt, 1000 + i, 48_000L * i, (int) peer.localSsrc());
                transport.sendPacket(forged, 0, forged.length);
            }
            // Junk that is no STUN, DTLS or RTP (RFC 7983), and a stranger's datagrams to our port.
            byte[] junk = new byte[64];
            Arrays.fill(junk, (byte) 0xFF);
            for (int i = 0; i < 5; i++) {
                transport.sendPacket(junk, 0, junk.length);
            }
            InetSocketAddress ours = candidate(answer);
            long unroutable = engine.iceEndpoint().unroutableDatagrams();
            for (int i = 0; i < 5; i++) {
                byte[] rtp = new byte[60];
                RtpPacket.writeHeader(rtp, 0, false, peerPt, i, 0, 42);
                stranger.send(new DatagramPacket(rtp, rtp.length, ours));
            }

            Awaitility.await().atMost(WAIT).untilAsserted(() -> {
                assertThat(leg.stats().authFailures()).isEqualTo(10);
                assertThat(leg.stats().dropped()).isGreaterThanOrEqualTo(10); // the replays
                assertThat(engine.iceEndpoint().unclassifiedDatagrams()).isGreaterThanOrEqualTo(5);
                assertThat(engine.iceEndpoint().unroutableDatagrams() - unroutable).isEqualTo(5);
            });
            assertThat(leg.stats().packetsReceived()).as("nothing bad was delivered").isEqualTo(50);

            for (int i = 50; i < 70; i++) {
                sendRtp(peer, pool, peerPt, i);
            }
            Awaitility.await().atMost(WAIT).until(() -> leg.stats().packetsReceived() == 70);
            assertThat(leg.state()).isEqualTo(MediaLegState.FLOWING);
            assertThat(events.of(MediaEvent.Failed.class)).isEmpty();
        }
    }

    /** Sends one genuine 20 ms Opus-sized packet from the peer; returns the ciphertext that went out. */
    private static byte[] sendRtp(WebRtcLeg peer, BufferPool pool, int pt, int seq) {
        PacketBuffer p = pool.acquire(200);
        try {
            byte[] a = p.array();
            int n = RtpPacket.writeHeader(a, p.offset(), false, pt, seq, 960L * seq, (int) peer.localSsrc());
            Arrays.fill(a, p.offset() + n, p.offset() + n + 80, (byte) seq);
            p.setLength(n + 80);
            assertThat(peer.send(p)).isEqualTo(WebRtcLeg.SendStatus.SENT);
            return Arrays.copyOfRange(a, p.offset(), p.offset() + p.length());
        } finally {
            p.release();
        }
    }

    private static InetSocketAddress candidate(String sdp) {
        Matcher m = Pattern.compile("a=candidate:\\S+ 1 udp \\d+ (\\S+) (\\d+) typ host").matcher(sdp);
        assertThat(m.find()).as("a host candidate in %s", sdp).isTrue();
        return new InetSocketAddress(m.group(1), Integer.parseInt(m.group(2)));
    }
}
