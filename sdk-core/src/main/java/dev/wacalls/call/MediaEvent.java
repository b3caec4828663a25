package dev.wacalls.call;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What a media leg reports: connected (with the DTLS role and SRTP profile), media flowing, a key press, failed (with
 * the reason), ended, periodic stats. A leg reports {@code Connected} before {@code MediaFlowing}, and ends with
 * exactly one {@code Failed} or {@code Ended}.
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
     * The peer pressed a key, sent as an RFC 4733 telephone-event (reported once per press).
     *
     * @param legId the leg
     * @param at when the press ended (or was closed by the next one)
     * @param key {@code 0}–{@code 9}, {@code *}, {@code #}, {@code A}–{@code D}
     * @param duration how long the key was held
     */
    record Dtmf(String legId, Instant at, char key, Duration duration) implements MediaEvent {
        public Dtmf {
            Objects.requireNonNull(duration, "duration");
        }
    }

    /**
     * The leg was closed normally: by {@link MediaLeg#close()}, or by the peer (DTLS {@code close_notify} or an RTCP
     * BYE) — the leg is then closed too.
     *
     * @param legId the leg
     * @param at when
     * @param byPeer whether the peer ended it
     */
    record Ended(String legId, Instant at, boolean byPeer) implements MediaEvent {}

    /**
     * Periodic counters.
     *
     * @param legId the leg
     * @param at when
     * @param stats the counters
     */
    record Stats(String legId, Instant at, MediaStats stats) implements MediaEvent {}
}
