package dev.wacalls.consent;

/**
 * Where a candidate's consent stands, before time is taken into account (an invitation still WAITING after 24 h
 * reads as expired; a GRANTED temporary permission past its expiry reads as expired).
 */
public enum ConsentPhase {
    /** Never invited, or the last invitation failed to be delivered. */
    NONE,
    /** An invitation was sent and has no reply yet. */
    WAITING,
    /** The candidate declined. */
    DECLINED,
    /** The candidate granted permission, temporary or permanent. */
    GRANTED,
    /** The permission was reset: unanswered calls, or revoked by WhatsApp or Meta. */
    RESET
}
