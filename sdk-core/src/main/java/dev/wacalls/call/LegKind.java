package dev.wacalls.call;

/** Which side of a call a media leg faces. */
public enum LegKind {
    /** The WhatsApp user, through Meta's ICE-lite media relay. */
    WHATSAPP,
    /** The recruiter's browser. */
    AGENT
}
