package dev.wacalls.media.dtls;

import java.util.Optional;

/**
 * An SRTP protection profile negotiated by the DTLS {@code use_srtp} extension, with the sizes of the master key and
 * master salt that the handshake exports for it.
 *
 * <pre>{@code
 * DtlsEndpoint dtls = DtlsEndpoint.builder(certificate)
 *         .srtpProfiles(SrtpProtectionProfile.AEAD_AES_128_GCM, SrtpProtectionProfile.AES_CM_128_HMAC_SHA1_80)
 *         .build();
 * int exported = 2 * (profile.masterKeyLength() + profile.masterSaltLength());   // 56 for GCM, 60 for CM
 * }</pre>
 */
public enum SrtpProtectionProfile {
    /** RFC 7714 §14.2 {@code SRTP_AEAD_AES_128_GCM} (0x0007): 16-byte key, 12-byte salt, 16-byte tag. */
    AEAD_AES_128_GCM(0x0007, "SRTP_AEAD_AES_128_GCM", 16, 12),
    /**
     * RFC 5764 §4.1.2 {@code SRTP_AES128_CM_HMAC_SHA1_80} (0x0001): 16-byte key, 14-byte salt, 80-bit tag. Every
     * WebRTC stack has it, and Chromium picks it when Chromium is the DTLS server.
     */
    AES_CM_128_HMAC_SHA1_80(0x0001, "SRTP_AES128_CM_HMAC_SHA1_80", 16, 14);

    private final int id;
    private final String rfcName;
    private final int masterKeyLength;
    private final int masterSaltLength;

    SrtpProtectionProfile(int id, String rfcName, int masterKeyLength, int masterSaltLength) {
        this.id = id;
        this.rfcName = rfcName;
        this.masterKeyLength = masterKeyLength;
        this.masterSaltLength = masterSaltLength;
    }

    /** The two-byte value carried in the {@code use_srtp} extension. */
    public int id() {
        return id;
    }

    /** The name the RFCs (and OpenSSL/BoringSSL logs) use, e.g. {@code SRTP_AEAD_AES_128_GCM}. */
    public String rfcName() {
        return rfcName;
    }

    /** Bytes of SRTP master key per direction. */
    public int masterKeyLength() {
        return masterKeyLength;
    }

    /** Bytes of SRTP master salt per direction. */
    public int masterSaltLength() {
        return masterSaltLength;
    }

    /** The profile with this {@code use_srtp} value, if we support it. */
    public static Optional<SrtpProtectionProfile> fromId(int id) {
        for (SrtpProtectionProfile p : values()) {
            if (p.id == id) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
