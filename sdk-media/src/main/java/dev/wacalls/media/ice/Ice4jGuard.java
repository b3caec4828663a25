package dev.wacalls.media.ice;

import java.util.ArrayList;
import java.util.List;
import org.ice4j.ice.harvest.AwsCandidateHarvester;
import org.ice4j.ice.harvest.HarvestConfig;
import org.ice4j.ice.harvest.MappingCandidateHarvester;
import org.ice4j.ice.harvest.MappingCandidateHarvesters;
import org.ice4j.ice.harvest.StunMappingCandidateHarvester;
import org.jitsi.config.JitsiConfig;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure ice4j contacts nothing but the peers of our sessions, before the first {@code Agent} of the JVM exists.
 * Called from every entry point of this package ({@link IceEndpoint#open}); idempotent and thread-safe.
 *
 * <p>Why this is needed: every {@code org.ice4j.ice.Agent} constructor adds {@code
 * MappingCandidateHarvesters.getHarvesters()}, whose one-time static initialisation (a) builds an {@code
 * AwsCandidateHarvester} whenever {@code ice4j.harvest.mapping.aws.enabled} is true — its default — and then sends
 * HTTP requests to the instance metadata address 169.254.169.254 (ice4j 3.2's {@code forceAwsHarvester()} returns the
 * <em>enabled</em> flag, so its "smells like EC2" test does not even gate it), and (b) queries every STUN server in
 * {@code ice4j.harvest.mapping.stun.addresses}. Both are decided once per JVM, from Typesafe config that reads system
 * properties when first loaded. So the guard sets the properties, reloads that config (in case something loaded it
 * earlier), checks the values now in effect, and initialises the mapping harvesters itself so that nothing later
 * can change the decision.
 */
final class Ice4jGuard {
    private static final Logger log = LoggerFactory.getLogger(Ice4jGuard.class);

    static final String AWS_ENABLED = "ice4j.harvest.mapping.aws.enabled";
    static final String AWS_FORCE = "ice4j.harvest.mapping.aws.force";
    /** ice4j's legacy switch, read before the new key: set too so a stale value cannot win. */
    static final String AWS_DISABLED_LEGACY = "org.ice4j.ice.harvest.DISABLE_AWS_HARVESTER";
    static final String CONSENT_INTERVAL = "ice4j.consent-freshness.interval";
    /** RFC 7675 §5.1: a consent check about every 5 s (ice4j randomises it to 0.8–1.2 times, as §5.1 asks). */
    static final String RFC7675_CONSENT_INTERVAL = "5 seconds";

    private static final Object LOCK = new Object();
    private static @Nullable Boolean awsDecision;

    private Ice4jGuard() {}

    /**
     * Applies the JVM-wide ice4j settings once.
     *
     * @param awsMetadataProbe whether the user opted in to the AWS metadata probe
     * @throws IllegalStateException if ice4j is configured to contact a STUN server or the metadata service against
     *     the user's choice, or if an earlier endpoint already made the opposite choice for this JVM
     */
    static void ensure(boolean awsMetadataProbe) {
        synchronized (LOCK) {
            if (awsDecision != null) {
                if (awsDecision != awsMetadataProbe) {
                    throw new IllegalStateException("ice4j decides once per JVM whether to probe the AWS metadata "
                            + "service, and an earlier IceEndpoint chose awsMetadataProbe=" + awsDecision);
                }
                return;
            }
            if (!awsMetadataProbe) {
                System.setProperty(AWS_ENABLED, "false");
                System.setProperty(AWS_FORCE, "false");
                System.setProperty(AWS_DISABLED_LEGACY, "true");
            }
            // ice4j's default is 15 s; keep a value the operator set explicitly.
            if (System.getProperty(CONSENT_INTERVAL) == null) {
                System.setProperty(CONSENT_INTERVAL, RFC7675_CONSENT_INTERVAL);
            }
            // Re-reads reference.conf + system properties (and invalidates Typesafe's cached copy of them).
            JitsiConfig.Companion.reloadNewConfig();

            HarvestConfig config = HarvestConfig.config;
            if (!awsMetadataProbe && config.enableAwsHarvester()) {
                throw new IllegalStateException(AWS_ENABLED + " is still true after the guard set it to false");
            }
            if (!config.stunMappingCandidateHarvesterAddresses().isEmpty()) {
                throw new IllegalStateException("ice4j is configured to query STUN servers "
                        + config.stunMappingCandidateHarvesterAddresses() + " (ice4j.harvest.mapping.stun.addresses);"
                        + " wacalls contacts no server: remove that setting, use IceConfig.publicAddress for a NAT");
            }
            MappingCandidateHarvesters.initialize();
            List<String> unexpected = new ArrayList<>();
            for (MappingCandidateHarvester h : MappingCandidateHarvesters.getHarvesters()) {
                if (h instanceof StunMappingCandidateHarvester
                        || (h instanceof AwsCandidateHarvester && !awsMetadataProbe)) {
                    unexpected.add(h.toString());
                }
            }
            if (!unexpected.isEmpty()) {
                // Initialised before us with other settings: the probe may already have happened.
                throw new IllegalStateException("ice4j's mapping harvesters were initialised before wacalls with "
                        + "network lookups enabled: " + unexpected);
            }
            awsDecision = awsMetadataProbe;
            log.debug("ice4j guarded: aws={}, stun=none, consent interval={}", awsMetadataProbe,
                    System.getProperty(CONSENT_INTERVAL));
        }
    }

    /** Whether {@link #ensure} has run in this JVM. */
    static boolean applied() {
        synchronized (LOCK) {
            return awsDecision != null;
        }
    }
}
