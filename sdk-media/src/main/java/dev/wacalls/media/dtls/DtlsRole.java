package dev.wacalls.media.dtls;

import java.util.Locale;

/**
 * Which side of the DTLS handshake we take, decided by the SDP {@code a=setup} attribute (RFC 4145 §4, RFC 5763
 * §5, as updated by RFC 8842).
 *
 * <pre>{@code
 * DtlsRole role = DtlsRole.forLocalSetup("active");    // CLIENT: Meta's recommendation for the business
 * }</pre>
 */
public enum DtlsRole {
    /** We send the ClientHello: our SDP says {@code a=setup:active}. Meta recommends this role for the business. */
    CLIENT,
    /** We wait for the ClientHello: our SDP says {@code a=setup:passive} (the peer took {@code active}). */
    SERVER;

    /**
     * The role for the {@code a=setup} value of <em>our</em> SDP. {@code actpass} is an offer, not a decision: the
     * answer settles it (RFC 5763 §5), so it is refused here.
     *
     * @throws IllegalArgumentException for {@code actpass}, {@code holdconn} or anything else
     */
    public static DtlsRole forLocalSetup(String setup) {
        return switch (setup.trim().toLowerCase(Locale.ROOT)) {
            case "active" -> CLIENT;
            case "passive" -> SERVER;
            default -> throw new IllegalArgumentException(
                    "a=setup:" + setup + " does not decide a DTLS role; use the answer's active or passive");
        };
    }

    /** The value to write into our SDP for this role. */
    public String sdpSetup() {
        return this == CLIENT ? "active" : "passive";
    }
}
