package dev.wacalls.media.sdp;

import java.util.Locale;

/**
 * The {@code typ} of an ICE candidate (RFC 8839 §5.1). Types added by later RFCs read as {@link #UNKNOWN}.
 *
 * <pre>{@code
 * boolean direct = candidate.type() == CandidateType.HOST; // Meta's relay only sends host candidates
 * }</pre>
 */
public enum CandidateType {
    HOST("host"),
    SRFLX("srflx"),
    PRFLX("prflx"),
    RELAY("relay"),
    /** A {@code token} type RFC 8839 allows but does not define. */
    UNKNOWN("unknown");

    private final String sdpValue;

    CandidateType(String sdpValue) {
        this.sdpValue = sdpValue;
    }

    /** The value written after {@code typ}. */
    public String sdpValue() {
        return sdpValue;
    }

    static CandidateType lookup(String value) {
        String v = value.toLowerCase(Locale.ROOT);
        for (CandidateType t : values()) {
            if (t != UNKNOWN && t.sdpValue.equals(v)) {
                return t;
            }
        }
        return UNKNOWN;
    }
}
