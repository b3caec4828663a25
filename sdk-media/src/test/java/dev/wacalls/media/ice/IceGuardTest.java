package dev.wacalls.media.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.ice4j.ice.Agent;
import org.ice4j.ice.harvest.AwsCandidateHarvester;
import org.ice4j.ice.harvest.HarvestConfig;
import org.ice4j.ice.harvest.MappingCandidateHarvesters;
import org.ice4j.ice.harvest.StunMappingCandidateHarvester;
import org.junit.jupiter.api.Test;

/** Creating agents contacts nothing: no cloud metadata probe, no STUN server, no harvester but ours. */
class IceGuardTest {
    static {
        IceTestSupport.LOOPBACK.getClass(); // installs the recording proxy selector before ice4j loads
    }

    @Test
    void openingAnEndpointDisablesEveryIce4jLookupBeforeTheFirstAgent() {
        try (IceEndpoint ice = IceTestSupport.openLoopback(); IceSession session = ice.newSession()) {
            assertThat(Ice4jGuard.applied()).isTrue();
            assertThat(System.getProperty(Ice4jGuard.AWS_ENABLED)).isEqualTo("false");
            assertThat(System.getProperty(Ice4jGuard.AWS_DISABLED_LEGACY)).isEqualTo("true");
            // The values ice4j actually uses, not just the properties.
            assertThat(HarvestConfig.config.enableAwsHarvester()).isFalse();
            assertThat(HarvestConfig.config.stunMappingCandidateHarvesterAddresses()).isEmpty();
            assertThat(MappingCandidateHarvesters.getHarvesters())
                    .noneMatch(h -> h instanceof AwsCandidateHarvester || h instanceof StunMappingCandidateHarvester);
            // The agent's non-host harvesters (mapping, STUN, TURN): none. Its host harvester is ours only, which
            // is why the only candidate is on the configured loopback address.
            assertThat(session.agent().getHarvesters()).isEmpty();
            assertThat(session.localParameters().candidates()).allSatisfy(c -> assertThat(c.address())
                    .isEqualTo("127.0.0.1"));
        }
        // A bare ice4j agent created now probes nothing either (the decision is frozen for the JVM).
        Agent bare = new Agent();
        try {
            assertThat(bare.getHarvesters()).isEmpty();
        } finally {
            bare.free();
        }
        // Every HTTP attempt in this JVM goes through the recording proxy selector: there was none.
        assertThat(IceTestSupport.HTTP_ATTEMPTS).isEmpty();
    }

    @Test
    void theProbeCannotBeSwitchedOnOnceIce4jIsGuarded() {
        IceTestSupport.openLoopback().close();
        assertThatThrownBy(() -> IceEndpoint.open(IceTestSupport.loopback().awsMetadataProbe(true).build()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("awsMetadataProbe=false");
        assertThat(IceTestSupport.HTTP_ATTEMPTS).isEmpty();
    }

    @Test
    void aConsentTimeoutShorterThanTheCheckIntervalIsRefused() {
        // The test JVM runs consent checks every 300 ms (surefire argLine); 400 ms would expire healthy pairs.
        assertThatThrownBy(() -> IceEndpoint.open(IceTestSupport.loopback()
                .consentTimeout(Duration.ofMillis(400)).build()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("consent");
    }
}
