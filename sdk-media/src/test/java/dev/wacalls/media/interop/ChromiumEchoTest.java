package dev.wacalls.media.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.wacalls.media.dtls.DtlsHandshakeResult;
import dev.wacalls.media.dtls.DtlsRole;
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
 * The whole chain against a real browser: Chromium plays a 440 Hz tone and offers; a {@link WebRtcLeg} answers
 * (SDP, ICE, DTLS-SRTP, SRTP all ours) and sends every packet it decrypts straight back, re-stamped with the SSRC of
 * its answer; Chromium records what it receives. Hearing its own tone proves both directions' keys and the RTP path.
 * Chromium keeps its default post-quantum DTLS ClientHello (1,413 bytes, two fragments), which matters in the cell
 * where we are the DTLS server and must reassemble it.
 */
class ChromiumEchoTest {
    private static final double TONE = 440;
    private static final Duration RECORDING = Duration.ofMillis(2500);

    @Test
    void chromium156_weAreDtlsClient_echoesItsOwnTone() throws Exception {
        echo(false, true, false);
    }

    @Test
    void chromium156_weAreDtlsServer_echoesItsOwnTone() throws Exception {
        echo(true, true, false);
    }

    @Test
    void chromium156_weAreDtlsClient_withoutPostQuantum_echoesItsOwnTone() throws Exception {
        echo(false, false, false);
    }

    @Test
    void chromium156_weAreDtlsServer_withoutPostQuantum_echoesItsOwnTone() throws Exception {
        echo(true, false, false);
    }

    /** The other direction: we offer actpass, Chromium answers active, so we are the DTLS server and ICE-controlling. */
    @Test
    void chromium156_answersOurOffer_weAreDtlsServer_echoesItsOwnTone() throws Exception {
        echo(true, true, true);
    }

    private static void echo(boolean weArePassive, boolean postQuantum, boolean weOffer) throws Exception {
        long t0 = System.nanoTime();
        ExecutorService dtlsPool = Executors.newFixedThreadPool(2);
        try (IceEndpoint ice = IceEndpoint.open(
                        IceConfig.builder().localAddresses(List.of(InetAddress.getLoopbackAddress())).build());
                ChromiumPeer chromium = ChromiumPeer.start(ChromiumPeer.Options.defaults()
                        .withToneHz(TONE).withPostQuantumDtls(postQuantum))) {
            long t1 = System.nanoTime();
            EchoLeg echo = new EchoLeg(ice, dtlsPool, weArePassive);
            try (WebRtcLeg leg = echo.leg) {
                if (weOffer) {
                    String offer = leg.createOffer();
                    assertThat(offer).contains("a=setup:actpass").contains("a=ssrc:" + leg.localSsrc());
                    leg.applyAnswer(chromium.answer(offer));
                } else {
                    String offer = chromium.createOffer();
                    String answer = leg.answerOffer(offer);
                    assertThat(answer).contains("a=setup:" + (weArePassive ? "passive" : "active"))
                            .contains("a=ssrc:" + leg.localSsrc());
                    chromium.applyAnswer(answer);
                }
                DtlsHandshakeResult keys = leg.connected().get(15, TimeUnit.SECONDS);
                chromium.awaitConnected(Duration.ofSeconds(10));
                long t2 = System.nanoTime();

                chromium.startRecordingRemote();
                Thread.sleep(RECORDING.toMillis());
                AudioAnalysis heard = AudioAnalysis.ofWav(chromium.stopRecordingRemoteAsWav());
                ChromiumPeer.Stats stats = chromium.stats();
                long t3 = System.nanoTime();

                System.out.printf("Chromium %s vs WebRtcLeg (%s) as DTLS %s, post-quantum %s: start %d ms, "
                                + "answer+ICE+DTLS %d ms (DTLS %s ms, %s, %s), record+stats %d ms%n"
                                + "  leg: in %d, rtcp in %d, out %d, echoed %d, echo failures %d, auth failures %d, "
                                + "dropped %d%n  chromium: %s%n  heard: %s, dominant %.1f Hz, %.1f dBFS, "
                                + "share near 440 %.3f%n",
                        chromium.browserVersion(), weOffer ? "offerer" : "answerer", keys.role(), postQuantum, ms(t1 - t0), ms(t2 - t1),
                        keys.handshakeDuration().toMillis(), keys.cipherSuite(), keys.srtpProfile(), ms(t3 - t2),
                        leg.packetsIn(), leg.rtcpPacketsIn(), leg.packetsOut(), echo.echoed.get(), echo.failures.get(),
                        leg.authFailures(), leg.dropped(), stats, heard, heard.dominantFrequencyHz(),
                        heard.rmsDbfs(), heard.powerShareNear(TONE, 20));

                assertThat(keys.role()).isEqualTo(weArePassive ? DtlsRole.SERVER : DtlsRole.CLIENT);
                assertThat(stats.connectionState()).isEqualTo("connected");
                assertThat(stats.dtlsState()).isEqualTo("connected");
                assertThat(stats.dtlsRole()).isEqualTo(weArePassive ? "client" : "server");
                assertThat(stats.srtpCipher()).isNotBlank();
                assertThat(leg.packetsIn()).isGreaterThanOrEqualTo(50);
                assertThat(leg.packetsOut()).isGreaterThanOrEqualTo(50);
                assertThat(leg.authFailures()).isZero();
                assertThat(stats.packetsReceived()).isGreaterThanOrEqualTo(50);
                assertThat(heard.seconds()).isGreaterThan(1.5);
                assertThat(heard.dominantFrequencyHz()).as("Chromium hears its own tone").isCloseTo(TONE, within(5.0));
                assertThat(heard.rmsDbfs()).as("with real energy").isGreaterThan(-20);
                assertThat(heard.powerShareNear(TONE, 20)).isGreaterThan(0.9);
            }
        } finally {
            dtlsPool.shutdownNow();
        }
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
