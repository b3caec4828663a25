package dev.wacalls.webhook;

/** Progress of a business-initiated call. ACCEPTED is for auditing: it usually arrives after media is up. */
public enum CallStatus {
    RINGING,
    ACCEPTED,
    REJECTED,
    UNKNOWN
}
