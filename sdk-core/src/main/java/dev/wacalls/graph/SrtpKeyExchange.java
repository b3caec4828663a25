package dev.wacalls.graph;

/** How SRTP keys are agreed: DTLS-SRTP (the default) or SDES ({@code a=crypto} in the SDP). */
public enum SrtpKeyExchange {
    DTLS,
    SDES,
    UNKNOWN
}
