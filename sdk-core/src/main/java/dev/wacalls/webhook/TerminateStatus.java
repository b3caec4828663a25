package dev.wacalls.webhook;

/** How a call ended. Meta writes {@code COMPLETED}/{@code FAILED} in any case; both read the same. */
public enum TerminateStatus {
    COMPLETED,
    FAILED,
    UNKNOWN
}
