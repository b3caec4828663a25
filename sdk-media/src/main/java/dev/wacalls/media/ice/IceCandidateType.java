package dev.wacalls.media.ice;

import java.util.Locale;

/**
 * The {@code typ} of an ICE candidate (RFC 8839 §5.1). Unknown values from a remote SDP map to {@link #UNKNOWN}
 * rather than failing, and such candidates are then treated like host candidates.
 *
 * <pre>{@code
 * IceCandidateType type = IceCandidateType.fromSdp("srflx");   // SERVER_REFLEXIVE
 * String typ = type.sdpName();                                  // "srflx"
 * }</pre>
 */
public enum IceCandidateType {
    /** {@code host}: an address of the machine itself. Meta's relay offers only these. */
    HOST("host"),
    /** {@code srflx}: an address a NAT maps to a host candidate (for us: {@link IceConfig#publicAddress()}). */
    SERVER_REFLEXIVE("srflx"),
    /** {@code prflx}: an address learned from a connectivity check (RFC 8445 §7.2.5.3.1). */
    PEER_REFLEXIVE("prflx"),
    /** {@code relay}: an address on a TURN server. */
    RELAYED("relay"),
    /** A {@code typ} this SDK does not know. */
    UNKNOWN("unknown");

    private final String sdpName;

    IceCandidateType(String sdpName) {
        this.sdpName = sdpName;
    }

    /** The token written after {@code typ} in a candidate attribute. */
    public String sdpName() {
        return sdpName;
    }

    /** Maps an SDP {@code typ} token, case-insensitively; anything else is {@link #UNKNOWN}. */
    public static IceCandidateType fromSdp(String token) {
        String t = token.toLowerCase(Locale.ROOT);
        for (IceCandidateType type : values()) {
            if (type != UNKNOWN && type.sdpName.equals(t)) {
                return type;
            }
        }
        return UNKNOWN;
    }
}
