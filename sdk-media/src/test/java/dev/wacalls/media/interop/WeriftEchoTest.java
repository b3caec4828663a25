package dev.wacalls.media.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.wacalls.media.dtls.DtlsHandshakeResult;
import dev.wacalls.media.dtls.DtlsRole;
import dev.wacalls.media.dtls.SrtpProtectionProfile;
import dev.wacalls.media.ice.IceConfig;
import dev.wacalls.media.ice.IceEndpoint;
import dev.wacalls.media.leg.WebRtcLeg;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The whole chain against a second, independent WebRTC stack: werift (pure TypeScript, in Node) offers and sends a
 * 440 Hz tone as Opus (encoded in Java with Concentus, since werift has no encoder); a {@link WebRtcLeg} answers and
 * sends every packet it decrypts straight back on its own SSRC; Java decodes what werift received. werift lists
 * AEAD_AES_128_GCM, so this is the cell that proves our GCM SRTP both ways (Chromium settles on AES_CM as DTLS
 * server). Needs Node and {@code npm ci} in {@code src/test/node/werift-peer}, done by {@code scripts/test-all.sh}.
 */
class WeriftEchoTest {
    private static final double TONE = 440;
    private static final Duration LISTEN = Duration.ofMillis(2500);

    @Test
    void werift_weAreDtlsClient_gcm_echoesItsOwnTone() throws Exception {
        echo(false);
    }

    @Test
    void werift_weAreDtlsServer_gcm_echoesItsOwnTone() throws Exception {
        echo(true);
    }

    private static void echo(boolean weArePassive) throws Exception {
        long t0 = System.nanoTime();
        List<byte[]> tone = OpusFrames.tone(TONE, 1.0, 0.5);
        ExecutorService dtlsPool = Executors.newFixedThreadPool(2);
        try (IceEndpoint ice = IceEndpoint.open(
                        IceConfig.builder().localAddresses(List.of(InetAddress.getLoopbackAddress())).build());
                NodePeer werift = NodePeer.start()) {
            long t1 = System.nanoTime();
            EchoLeg echo = new EchoLeg(ice, dtlsPool, weArePassive);
            try (WebRtcLeg leg = echo.leg) {
                String offer = werift.createOffer(tone, 0, 0);
                String answer = leg.answerOffer(offer);
                assertThat(answer).contains("a=setup:" + (weArePassive ? "passive" : "active"))
                        .contains("a=ssrc:" + leg.localSsrc());
                werift.applyAnswer(answer);
                DtlsHandshakeResult keys = leg.connected().get(15, TimeUnit.SECONDS);
                String state = werift.awaitConnected(Duration.ofSeconds(10));
                long t2 = System.nanoTime();

                Thread.sleep(LISTEN.toMillis());
                NodePeer.Stats stats = werift.stats();
                List<byte[]> received = werift.receivedPayloads();
                AudioAnalysis heard = AudioAnalysis.of(OpusFrames.decode(received, 5));
                long t3 = System.nanoTime();

                System.out.printf("werift %s (node %s) offers, WebRtcLeg answers as DTLS %s: start %d ms, "
                                + "answer+ICE+DTLS %d ms (DTLS %d ms, %s, %s), listen+stats %d ms%n"
                                + "  leg: in %d, rtcp in %d, out %d, echoed %d, echo failures %d, auth failures %d, "
                                + "dropped %d%n  werift: %s%n  heard: %s, dominant %.1f Hz, %.1f dBFS, "
                                + "share near %.0f %.3f%n",
                        werift.weriftVersion(), werift.nodeVersion(), keys.role(), ms(t1 - t0), ms(t2 - t1),
                        keys.handshakeDuration().toMillis(), keys.cipherSuite(), keys.srtpProfile(), ms(t3 - t2),
                        leg.packetsIn(), leg.rtcpPacketsIn(), leg.packetsOut(), echo.echoed.get(), echo.failures.get(),
                        leg.authFailures(), leg.dropped(), stats, heard, heard.dominantFrequencyHz(),
                        heard.rmsDbfs(), TONE, heard.powerShareNear(TONE, 20));

                assertThat(state).isEqualTo("connected");
                assertThat(keys.role()).isEqualTo(weArePassive ? DtlsRole.SERVER : DtlsRole.CLIENT);
                assertThat(keys.srtpProfile()).isEqualTo(SrtpProtectionProfile.AEAD_AES_128_GCM);
                assertThat(stats.srtpProfile()).as("werift's own view").isEqualTo("SRTP_AEAD_AES_128_GCM");
                assertThat(stats.connectionState()).isEqualTo("connected");
                assertThat(leg.packetsIn()).isGreaterThanOrEqualTo(50);
                assertThat(leg.packetsOut()).isGreaterThanOrEqualTo(50);
                assertThat(leg.authFailures()).isZero();
                assertThat(stats.received()).isGreaterThanOrEqualTo(50);
                assertThat(stats.firstPayloadType()).isEqualTo(111);
                assertThat(heard.seconds()).isGreaterThan(1.0);
                assertThat(heard.dominantFrequencyHz()).as("werift hears its own tone").isCloseTo(TONE, within(5.0));
                assertThat(heard.rmsDbfs()).as("with real energy").isGreaterThan(-20);
                assertThat(heard.powerShareNear(TONE, 20)).isGreaterThan(0.9);
            } catch (Exception | AssertionError e) {
                System.out.println("werift stderr:\n" + werift.stderrText());
                throw e;
            }
        } finally {
            dtlsPool.shutdownNow();
        }
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
