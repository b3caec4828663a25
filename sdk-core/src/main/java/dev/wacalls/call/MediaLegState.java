package dev.wacalls.call;

/** Where a media leg stands. */
public enum MediaLegState {
    NEW,
    /** SDP exchanged, ICE checks running. */
    CONNECTING,
    /** ICE selected a pair and DTLS completed: SRTP keys are in place. */
    CONNECTED,
    /** Media packets are arriving. */
    FLOWING,
    FAILED,
    CLOSED
}
