package dev.wacalls.media.ice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * RFC 7675 on a live pair. The test JVM checks consent every 300 ms (surefire sets ice4j.consent-freshness.interval;
 * production uses RFC 7675's 5 s), so a 1.5 s consent timeout behaves like production's 30 s, only faster.
 */
class IceConsentTest {

    @Test
    void consentHoldsWhileThePeerAnswersAndIsLostSoonAfterItVanishes() throws Exception {
        Duration timeout = Duration.ofMillis(1500);
        try (IceEndpoint left = IceEndpoint.open(IceTestSupport.loopback().consentTimeout(timeout).build());
                IceEndpoint right = IceEndpoint.open(IceTestSupport.loopback().consentTimeout(timeout).build());
                IceSession a = left.newSession()) {
            IceSession b = right.newSession();
            IceTestSupport.connect(a, b);

            // Longer than the timeout: consent checks keep it alive.
            Thread.sleep(timeout.toMillis() + 1000);
            assertThat(a.consentLost()).isNotDone();
            assertThat(a.state()).isEqualTo(IceSession.State.CONNECTED);
            long stunBefore = a.stunReceived();
            assertThat(stunBefore).isGreaterThan(3);

            long vanished = System.nanoTime();
            b.close();
            Duration silence = a.consentLost().get(timeout.toMillis() + 2000, TimeUnit.MILLISECONDS);
            long detectedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - vanished);

            assertThat(silence).isGreaterThanOrEqualTo(timeout);
            assertThat(detectedMs).isBetween(timeout.toMillis() - 600, timeout.toMillis() + 1000);
            assertThat(a.state()).isEqualTo(IceSession.State.CONSENT_LOST);
            // RFC 7675 §5.1: no more application data on the pair.
            assertThat(a.transport().sendPacket(IceConnectTest.rtp(1), 0, 12)).isEqualTo(IceSendStatus.CONSENT_LOST);
            assertThat(b.consentLost()).isNotDone();
            System.out.printf("consent lost %d ms after the peer vanished (timeout %d ms)%n", detectedMs,
                    timeout.toMillis());
        }
    }
}
