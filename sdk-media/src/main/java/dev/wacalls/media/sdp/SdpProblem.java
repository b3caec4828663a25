package dev.wacalls.media.sdp;

import java.util.Objects;

/**
 * Something wrong, or worth knowing, about a session description for the engine's purpose.
 *
 * <pre>{@code
 * for (SdpProblem p : WhatsAppSdpRules.check(offer).problems()) {
 *     log.warn("{} {}: {}", p.severity(), p.kind(), p.message()); // ERROR NO_FINGERPRINT: No fingerprint found in SDP
 * }
 * }</pre>
 */
public record SdpProblem(Severity severity, Kind kind, String message) {
    public SdpProblem {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }

    static SdpProblem error(Kind kind, String message) {
        return new SdpProblem(Severity.ERROR, kind, message);
    }

    static SdpProblem warning(Kind kind, String message) {
        return new SdpProblem(Severity.WARNING, kind, message);
    }

    /** Whether the call can go ahead. */
    public enum Severity {
        /** The engine cannot terminate this media: refuse the call or the answer. */
        ERROR,
        /** The call can go ahead; something is unusual or will be ignored. */
        WARNING
    }

    /** What the problem is about, for code that reacts to one kind. */
    public enum Kind {
        NO_AUDIO,
        SEVERAL_AUDIO,
        IGNORED_MEDIA,
        BAD_PROTOCOL,
        NO_OPUS,
        NO_TELEPHONE_EVENT,
        NO_ICE_CREDENTIALS,
        BAD_ICE_CREDENTIALS,
        NO_CANDIDATES,
        NO_FINGERPRINT,
        NO_SHA256_FINGERPRINT,
        BAD_SETUP,
        BAD_MID,
        NO_RTCP_MUX,
        NOT_SENDRECV
    }

    @Override
    public String toString() {
        return severity + " " + kind + ": " + message;
    }
}
