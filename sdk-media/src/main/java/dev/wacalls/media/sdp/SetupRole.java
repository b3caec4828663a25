package dev.wacalls.media.sdp;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The DTLS role attribute {@code a=setup} (RFC 4145 §4, used for DTLS by RFC 8842 §5).
 *
 * <pre>{@code
 * SetupRole remote = audio.setup();                   // ACTPASS in Meta's offers
 * boolean weAreDtlsClient = SetupRole.ACTIVE == answer.setup();
 * }</pre>
 */
public enum SetupRole {
    /** Will open the connection: the DTLS client. */
    ACTIVE("active"),
    /** Will accept the connection: the DTLS server. */
    PASSIVE("passive"),
    /** Either; an offerer must say this (RFC 8842 §5.2), the answerer then picks. */
    ACTPASS("actpass"),
    /** Do not connect now. */
    HOLDCONN("holdconn");

    private final String sdpValue;

    SetupRole(String sdpValue) {
        this.sdpValue = sdpValue;
    }

    /** The value as written after {@code a=setup:}. */
    public String sdpValue() {
        return sdpValue;
    }

    /**
     * Reads an {@code a=setup} value, case-insensitively.
     *
     * @throws IllegalArgumentException for a value RFC 4145 does not define
     */
    public static SetupRole fromSdp(String value) {
        SetupRole role = lookup(value);
        if (role == null) {
            throw new IllegalArgumentException("unknown a=setup value '" + value + "'");
        }
        return role;
    }

    static @Nullable SetupRole lookup(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        for (SetupRole r : values()) {
            if (r.sdpValue.equals(v)) {
                return r;
            }
        }
        return null;
    }
}
