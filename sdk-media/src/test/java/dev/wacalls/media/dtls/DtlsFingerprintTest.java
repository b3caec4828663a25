package dev.wacalls.media.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DtlsFingerprintTest {
    /** Meta's sample SDP (whatsapp-calling-api.md §6.6). */
    static final String META_SAMPLE =
            "sha-256 1B:B6:6B:40:A5:0B:8C:75:0D:8C:CB:90:2F:99:74:1E:26:45:AE:AF:45:C1:51:60:8F:73:C9:2D:10:6D:8A:88";

    @Test
    void parsesMetasSampleFingerprint() {
        DtlsFingerprint f = DtlsFingerprint.parse(META_SAMPLE);
        assertThat(f.hashFunction()).isEqualTo("sha-256");
        assertThat(f.digest()).hasSize(32);
        assertThat(f.toSdpValue()).isEqualTo(META_SAMPLE);
    }

    @Test
    void acceptsLowerCaseAndTheAttributePrefixAndWritesUpperCase() {
        DtlsFingerprint f = DtlsFingerprint.parse("  a=fingerprint:SHA-256 " + META_SAMPLE.substring(8).toLowerCase());
        assertThat(f).isEqualTo(DtlsFingerprint.parse(META_SAMPLE));
        assertThat(f.hex()).isEqualTo(META_SAMPLE.substring(8));
    }

    @Test
    void refusesWeakOrUnknownHashFunctions() {
        String sha1 = "sha-1 " + "AB:".repeat(19) + "AB";
        assertThatThrownBy(() -> DtlsFingerprint.parse(sha1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unsupported fingerprint hash function 'sha-1'");
        assertThatThrownBy(() -> DtlsFingerprint.parse("md5 " + "AB:".repeat(15) + "AB"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesMalformedValues() {
        assertThatThrownBy(() -> DtlsFingerprint.parse("sha-256")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DtlsFingerprint.parse("sha-256 AB:CD")).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> DtlsFingerprint.parse("sha-256 " + "ABC:".repeat(31) + "AB"))
                .hasMessageContaining("hex pairs");
        assertThatThrownBy(() -> DtlsFingerprint.parse("sha-256 " + "AB".repeat(32)))
                .hasMessageContaining("hex pairs");
        assertThatThrownBy(() -> DtlsFingerprint.parse("sha-256 " + "ZZ:".repeat(31) + "ZZ"))
                .hasMessageContaining("hex pairs");
    }

    @Test
    void onlyTheStrongestHashFunctionOfferedDecides() {
        DtlsCertificate ours = DtlsCertificate.generate();
        DtlsCertificate other = DtlsCertificate.generate();
        byte[] der = ours.encoded();
        // A matching sha-256 line does not help if the sha-512 line (stronger) names another certificate.
        assertThat(DtlsFingerprint.findMatch(List.of(ours.fingerprint(), other.fingerprint("sha-512")), der)).isNull();
        assertThat(DtlsFingerprint.findMatch(List.of(other.fingerprint(), ours.fingerprint("sha-512")), der))
                .isEqualTo(ours.fingerprint("sha-512"));
        // Several fingerprints of the same function: any of these certificates.
        assertThat(DtlsFingerprint.findMatch(List.of(other.fingerprint(), ours.fingerprint()), der))
                .isEqualTo(ours.fingerprint());
    }
}
