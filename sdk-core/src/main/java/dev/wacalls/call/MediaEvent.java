package dev.wacalls.call;

import java.time.Instant;
import java.util.Objects;

/**
 * What a media leg reports: connected (with the DTLS role and SRTP profile), media flowing, failed (with the
 * reason), ended, periodic stats.
 *
 * <pre>{@code
 * MediaListener listener = e -> {
 *     if (e instanceof MediaEvent.Failed f) log.warn("leg {} failed: {}", f.legId(), f.reason());
 * };
 * }</pre>
 */
public sealed interface MediaEvent {
    String legId();

    Instant at();

    /**
     * ICE and DTLS completed.
     *
     * @param legId the leg
     * @param at when
     * @param dtlsRole {@code client} or {@code server}
     * @param srtpProfile e.g. {@code AEAD_AES_128_GCM}
     */
    record Connected(String legId, Instant at, String dtlsRole, String srtpProfile) implements MediaEvent {}

    /**
     * The first media packet arrived and authenticated.
     *
     * @param legId the leg
     * @param at when
     */
    record MediaFlowing(String legId, Instant at) implements MediaEvent {}

    /**
     * The leg failed and was closed.
     *
     * @param legId the leg
     * @param at when
     * @param reason a sentence naming the cause, e.g. "certificate does not match the SDP fingerprint"
     */
    record Failed(String legId, Instant at, String reason) implements MediaEvent {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The leg was closed normally.
     *
     * @param legId the leg
     * @param at when
     */
    record Ended(String legId, Instant at) implements MediaEvent {}

    /**
     * Periodic counters.
     *
     * @param legId the leg
     * @param at when
     * @param stats the counters
     */
    record Stats(String legId, Instant at, MediaStats stats) implements MediaEvent {}
}
