package dev.wacalls.media.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.wacalls.media.bridge.LegBridge;
import dev.wacalls.media.dtls.DtlsCertificate;
import dev.wacalls.media.dtls.DtlsHandshakeResult;
import dev.wacalls.media.dtls.DtlsRole;
import dev.wacalls.media.ice.IceConfig;
import dev.wacalls.media.ice.IceEndpoint;
import dev.wacalls.media.leg.WebRtcLeg;
import dev.wacalls.media.rtp.RtpPacket;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The bridged call end to end: Chromium A (the WhatsApp user, playing 440 Hz) ⇄ our leg ⇄ {@link LegBridge} ⇄ our
 * leg ⇄ Chromium B (the recruiter, playing 1000 Hz). Each browser offers and one of our legs answers it, A's leg as
 * DTLS client and B's as DTLS server so both roles carry bridged media. Each side must hear the <em>other</em>
 * side's tone: that proves both legs' keys, the rewriting (each browser sees one stream with the SSRC our answer
 * announced and its own Opus payload type) and forwarding in both directions.
 */
class ChromiumBridgeTest {
    private static final double TONE_A = 440;
    private static final double TONE_B = 1000;
    private static final Duration RECORDING = Duration.ofMillis(2500);

    @Test
    void chromium156_bridgedCall_eachSideHearsTheOther() throws Exception {
        long t0 = System.nanoTime();
        ExecutorService dtlsPool = Executors.newFixedThreadPool(2);
        AtomicLong tappedAToB = new AtomicLong();
        AtomicLong tappedBToA = new AtomicLong();
        AtomicInteger tapSsrcMismatches = new AtomicInteger();
        List<ChromiumPeer> peers = ChromiumPeer.startAll(
                ChromiumPeer.Options.defaults().withName("whatsapp-user").withToneHz(TONE_A),
                ChromiumPeer.Options.defaults().withName("recruiter").withToneHz(TONE_B));
        // One endpoint for both legs, as one engine serves both sides of a call.
        try (ChromiumPeer a = peers.get(0);
                ChromiumPeer b = peers.get(1);
                IceEndpoint ice = IceEndpoint.open(
                        IceConfig.builder().localAddresses(List.of(InetAddress.getLoopbackAddress())).build());
                WebRtcLeg legA = WebRtcLeg.builder(ice, DtlsCertificate.generate(), dtlsPool).build();
                WebRtcLeg legB = WebRtcLeg.builder(ice, DtlsCertificate.generate(), dtlsPool)
                        .answerPassive(true).build();
                LegBridge bridge = LegBridge.builder(legA, legB)
                        .tap(LegBridge.Direction.A_TO_B, (d, p) -> {
                            tappedAToB.incrementAndGet();
                            if (RtpPacket.ssrc(p.array(), p.offset()) != (int) legB.localSsrc()) {
                                tapSsrcMismatches.incrementAndGet();
                            }
                        })
                        .tap(LegBridge.Direction.B_TO_A, (d, p) -> {
                            tappedBToA.incrementAndGet();
                            if (RtpPacket.ssrc(p.array(), p.offset()) != (int) legA.localSsrc()) {
                                tapSsrcMismatches.incrementAndGet();
                            }
                        })
                        .start()) {
            long t1 = System.nanoTime();
            // Started before either leg negotiated: payload types are read per packet, and packets that arrive
            // while the other leg has no keys yet are dropped (counted), not queued.
            String answerA = legA.answerOffer(a.createOffer());
            String answerB = legB.answerOffer(b.createOffer());
            assertThat(answerA).contains("a=setup:active").contains("a=ssrc:" + legA.localSsrc());
            assertThat(answerB).contains("a=setup:passive").contains("a=ssrc:" + legB.localSsrc());
            a.applyAnswer(answerA);
            b.applyAnswer(answerB);
            DtlsHandshakeResult keysA = legA.connected().get(15, TimeUnit.SECONDS);
            DtlsHandshakeResult keysB = legB.connected().get(15, TimeUnit.SECONDS);
            a.awaitConnected(Duration.ofSeconds(10));
            b.awaitConnected(Duration.ofSeconds(10));
            long t2 = System.nanoTime();
            long forwardedAtConnect = bridge.forwarded(LegBridge.Direction.A_TO_B)
                    + bridge.forwarded(LegBridge.Direction.B_TO_A);

            a.startRecordingRemote();
            b.startRecordingRemote();
            Thread.sleep(RECORDING.toMillis());
            AudioAnalysis aHeard = AudioAnalysis.ofWav(a.stopRecordingRemoteAsWav());
            AudioAnalysis bHeard = AudioAnalysis.ofWav(b.stopRecordingRemoteAsWav());
            ChromiumPeer.Stats aStats = a.stats();
            ChromiumPeer.Stats bStats = b.stats();
            long t3 = System.nanoTime();

            // Forwarded first, taps second: a tap runs before its packet is sent, so taps ≥ forwarded at any instant
            // only if the tap counters are read after the forwarded ones.
            long aToB = bridge.forwarded(LegBridge.Direction.A_TO_B);
            long bToA = bridge.forwarded(LegBridge.Direction.B_TO_A);
            long tapsAToB = tappedAToB.get();
            long tapsBToA = tappedBToA.get();
            System.out.printf("Chromium %s bridged through two WebRtcLegs: start %d ms, answer+ICE+DTLS %d ms "
                            + "(DTLS A %s %d ms, B %s %d ms, %s %s), record+stats %d ms%n"
                            + "  bridge: forwarded a→b %d b→a %d (%d at connect), taps a→b %d b→a %d, dropped a→b %d "
                            + "b→a %d%n"
                            + "  leg A: %s, opus PT %d, dropped %d%n  leg B: %s, opus PT %d, dropped %d%n"
                            + "  chromium A: %s%n  chromium B: %s%n"
                            + "  A (440 Hz) heard: %s, dominant %.1f Hz, %.1f dBFS, share near %.0f Hz %.3f%n"
                            + "  B (1000 Hz) heard: %s, dominant %.1f Hz, %.1f dBFS, share near %.0f Hz %.3f%n",
                    a.browserVersion(), ms(t1 - t0), ms(t2 - t1), keysA.role(), keysA.handshakeDuration().toMillis(),
                    keysB.role(), keysB.handshakeDuration().toMillis(), keysA.cipherSuite(), keysA.srtpProfile(),
                    ms(t3 - t2), aToB, bToA, forwardedAtConnect, tapsAToB, tapsBToA,
                    bridge.dropped(LegBridge.Direction.A_TO_B), bridge.dropped(LegBridge.Direction.B_TO_A),
                    legA, legA.opusPayloadType(), legA.dropped(), legB, legB.opusPayloadType(), legB.dropped(),
                    aStats, bStats,
                    aHeard, aHeard.dominantFrequencyHz(), aHeard.rmsDbfs(), TONE_B, aHeard.powerShareNear(TONE_B, 20),
                    bHeard, bHeard.dominantFrequencyHz(), bHeard.rmsDbfs(), TONE_A, bHeard.powerShareNear(TONE_A, 20));

            assertThat(keysA.role()).isEqualTo(DtlsRole.CLIENT);
            assertThat(keysB.role()).isEqualTo(DtlsRole.SERVER);
            assertThat(aStats.dtlsRole()).isEqualTo("server");
            assertThat(bStats.dtlsRole()).isEqualTo("client");
            for (ChromiumPeer.Stats s : List.of(aStats, bStats)) {
                assertThat(s.connectionState()).isEqualTo("connected");
                assertThat(s.dtlsState()).isEqualTo("connected");
                assertThat(s.srtpCipher()).isNotBlank();
                assertThat(s.packetsReceived()).isGreaterThanOrEqualTo(50);
            }
            assertThat(aToB).as("packets forwarded A → B").isGreaterThanOrEqualTo(50);
            assertThat(bToA).as("packets forwarded B → A").isGreaterThanOrEqualTo(50);
            assertThat(tapsAToB).as("the A → B tap saw every forwarded packet").isGreaterThanOrEqualTo(aToB);
            assertThat(tapsBToA).as("the B → A tap saw every forwarded packet").isGreaterThanOrEqualTo(bToA);
            assertThat(tapSsrcMismatches).as("taps see the rewritten SSRC").hasValue(0);
            assertThat(legA.authFailures()).isZero();
            assertThat(legB.authFailures()).isZero();

            assertThat(aHeard.seconds()).isGreaterThan(1.5);
            assertThat(bHeard.seconds()).isGreaterThan(1.5);
            assertThat(aHeard.dominantFrequencyHz()).as("the WhatsApp user hears the recruiter")
                    .isCloseTo(TONE_B, within(5.0));
            assertThat(bHeard.dominantFrequencyHz()).as("the recruiter hears the WhatsApp user")
                    .isCloseTo(TONE_A, within(5.0));
            assertThat(aHeard.rmsDbfs()).as("with real energy").isGreaterThan(-20);
            assertThat(bHeard.rmsDbfs()).as("with real energy").isGreaterThan(-20);
            assertThat(aHeard.powerShareNear(TONE_B, 20)).isGreaterThan(0.9);
            assertThat(bHeard.powerShareNear(TONE_A, 20)).isGreaterThan(0.9);
        } finally {
            dtlsPool.shutdownNow();
        }
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
