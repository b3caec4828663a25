package dev.wacalls.media.srtp;

import org.jitsi.srtp.SrtpErrorStatus;

/**
 * The outcome of protecting or unprotecting one packet. Every value but {@link #OK} means "drop the packet"; the
 * {@link SrtpTransformer} counts each.
 *
 * <pre>{@code
 * switch (receiver.transformRtp(buf)) {
 *     case OK -> bridge.forward(buf);
 *     case REPLAY_FAIL, REPLAY_OLD -> buf.release();              // retransmission or attack: quiet drop
 *     default -> { log.debug("dropped SRTP"); buf.release(); }
 * }
 * }</pre>
 */
public enum SrtpStatus {
    /** Protected or authenticated and decrypted. */
    OK,
    /** The tag did not verify (RFC 3711 §3.3 step 5): wrong key, corrupted or forged. */
    AUTH_FAIL,
    /** Already received: this index is marked in the replay window (RFC 3711 §3.3.2). */
    REPLAY_FAIL,
    /** Older than the 64-packet replay window (RFC 3711 §3.3.2). */
    REPLAY_OLD,
    /** Too short or malformed to be (S)RTP/(S)RTCP: header overruns, wrong version, no room for the tag. */
    INVALID_PACKET,
    /** The buffer cannot hold the tag (and SRTCP index) even after using its head room. */
    NO_ROOM,
    /** The crypto library failed (an exception from the JCE or jitsi-srtp, caught here). */
    FAIL;

    static SrtpStatus of(SrtpErrorStatus status) {
        switch (status) {
            case OK:
                return OK;
            case AUTH_FAIL:
                return AUTH_FAIL;
            case REPLAY_FAIL:
                return REPLAY_FAIL;
            case REPLAY_OLD:
                return REPLAY_OLD;
            case INVALID_PACKET:
                return INVALID_PACKET;
            default:
                return FAIL;
        }
    }
}
