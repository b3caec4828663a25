package dev.wacalls.media.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Proves the {@link ChromiumPeer} harness itself before our engine is put against it: two real Chromium browsers
 * call each other over loopback, SDP relayed by Java, and each hears the other's tone. Run with Chromium's
 * post-quantum DTLS ClientHello (its default) and without it, as the interop matrix does.
 */
class ChromiumToChromiumTest {
    private static final double TONE_A = 440;
    private static final double TONE_B = 1000;
    private static final Duration RECORDING = Duration.ofMillis(2500);

    @ParameterizedTest(name = "post-quantum DTLS {0}")
    @ValueSource(booleans = {true, false})
    void eachBrowserHearsTheOthersToneOverDtlsSrtp(boolean postQuantum) throws Exception {
        long t0 = System.nanoTime();
        ChromiumPeer.Options base = ChromiumPeer.Options.defaults().withPostQuantumDtls(postQuantum);
        List<ChromiumPeer> peers = ChromiumPeer.startAll(
                base.withName("a").withToneHz(TONE_A), base.withName("b").withToneHz(TONE_B));
        try (ChromiumPeer a = peers.get(0); ChromiumPeer b = peers.get(1)) {
            long t1 = System.nanoTime();
            String offer = a.createOffer();
            String answer = b.answer(offer);
            a.applyAnswer(answer);
            a.awaitConnected(Duration.ofSeconds(10));
            b.awaitConnected(Duration.ofSeconds(10));
            long t2 = System.nanoTime();

            a.startRecordingRemote();
            b.startRecordingRemote();
            Thread.sleep(RECORDING.toMillis());
            AudioAnalysis aHeard = AudioAnalysis.ofWav(a.stopRecordingRemoteAsWav());
            AudioAnalysis bHeard = AudioAnalysis.ofWav(b.stopRecordingRemoteAsWav());
            ChromiumPeer.Stats aStats = a.stats();
            ChromiumPeer.Stats bStats = b.stats();
            long t3 = System.nanoTime();

            System.out.printf("Chromium %s, post-quantum DTLS %s: start %d ms, offer/answer/connect %d ms, "
                            + "record+stats %d ms%n  a: %s%n  b: %s%n  a heard: %s, share near %.0f Hz %.3f%n"
                            + "  b heard: %s, share near %.0f Hz %.3f%n",
                    a.browserVersion(), postQuantum, ms(t1 - t0), ms(t2 - t1), ms(t3 - t2), aStats, bStats,
                    aHeard, TONE_B, aHeard.powerShareNear(TONE_B, 20), bHeard, TONE_A, bHeard.powerShareNear(TONE_A, 20));

            for (String sdp : List.of(offer, answer)) {
                assertThat(sdp.lines().filter(l -> l.startsWith("a=candidate:")))
                        .as("candidates handed out").isNotEmpty()
                        .allMatch(l -> l.matches("a=candidate:\\S+ 1 udp \\d+ 127\\.0\\.0\\.1 \\d+ typ host.*"));
            }
            for (ChromiumPeer.Stats s : new ChromiumPeer.Stats[] {aStats, bStats}) {
                assertThat(s.connectionState()).isEqualTo("connected");
                assertThat(s.dtlsState()).isEqualTo("connected");
                assertThat(s.tlsVersion()).isNotBlank();
                assertThat(s.srtpCipher()).isNotBlank();
                assertThat(s.selectedPair()).isNotNull();
                // 20 ms Opus frames: 2.5 s of recording alone is 125 packets each way.
                assertThat(s.packetsSent()).isGreaterThan(100);
                assertThat(s.packetsReceived()).isGreaterThan(100);
                assertThat(s.audioLevel()).isPositive();
                assertThat(s.totalAudioEnergy()).isPositive();
            }
            // Each only knows the other's 127.0.0.1 candidate. (a may send from another of its host addresses:
            // Chromium prefers the Ethernet network's lower cost; see ChromiumPeer.keepLoopbackCandidates.)
            assertThat(aStats.selectedPair().remote().address()).isEqualTo("127.0.0.1");
            assertThat(bStats.selectedPair().local().address()).isEqualTo("127.0.0.1");
            assertThat(aStats.dtlsRole()).isNotEqualTo(bStats.dtlsRole());
            assertThat(aStats.srtpCipher()).isEqualTo(bStats.srtpCipher());
            assertThat(aStats.tlsVersion()).isEqualTo(bStats.tlsVersion());

            assertThat(aHeard.seconds()).isGreaterThan(1.5);
            assertThat(bHeard.seconds()).isGreaterThan(1.5);
            assertThat(aHeard.dominantFrequencyHz()).as("a hears b's tone").isCloseTo(TONE_B, within(5.0));
            assertThat(bHeard.dominantFrequencyHz()).as("b hears a's tone").isCloseTo(TONE_A, within(5.0));
            // The tone is sent at -9 dBFS RMS; Opus at 32 kb/s and no audio processing keep it near that.
            assertThat(aHeard.rmsDbfs()).isGreaterThan(-20);
            assertThat(bHeard.rmsDbfs()).isGreaterThan(-20);
            assertThat(aHeard.powerShareNear(TONE_B, 20)).isGreaterThan(0.9);
            assertThat(bHeard.powerShareNear(TONE_A, 20)).isGreaterThan(0.9);
        }
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
