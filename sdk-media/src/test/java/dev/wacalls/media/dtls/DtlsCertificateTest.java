package dev.wacalls.media.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class DtlsCertificateTest {

    @Test
    void theFingerprintIsSha256OfTheDerInUpperCaseColonSeparatedHex() throws Exception {
        DtlsCertificate certificate = DtlsCertificate.generate();
        DtlsFingerprint fingerprint = certificate.fingerprint();

        assertThat(fingerprint.hashFunction()).isEqualTo("sha-256");
        assertThat(fingerprint.hex()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
        assertThat(fingerprint.toSdpValue()).isEqualTo("sha-256 " + fingerprint.hex());
        byte[] expected = MessageDigest.getInstance("SHA-256").digest(certificate.encoded());
        assertThat(fingerprint.hex()).isEqualTo(HexFormat.ofDelimiter(":").withUpperCase().formatHex(expected));
        assertThat(DtlsFingerprint.parse("a=fingerprint:" + fingerprint.toSdpValue())).isEqualTo(fingerprint);
        assertThat(fingerprint.matches(certificate.encoded())).isTrue();
    }

    @Test
    void itIsASelfSignedEcdsaP256CertificateWithTheRequestedNameAndValidity() throws Exception {
        Instant now = Instant.parse("2026-05-12T10:00:00Z");
        DtlsCertificate certificate =
                DtlsCertificate.generate("wacalls", Duration.ofDays(30), Clock.fixed(now, ZoneOffset.UTC));
        X509Certificate x509 = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(certificate.encoded()));

        assertThat(x509.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(x509.getPublicKey()).isInstanceOfSatisfying(ECPublicKey.class,
                k -> assertThat(k.getParams().getCurve().getField().getFieldSize()).isEqualTo(256));
        assertThat(x509.getSubjectX500Principal().getName()).isEqualTo("CN=wacalls");
        assertThat(x509.getIssuerX500Principal()).isEqualTo(x509.getSubjectX500Principal());
        x509.verify(x509.getPublicKey()); // self-signed: throws if the signature is wrong
        assertThat(x509.getNotAfter().toInstant()).isEqualTo(now.plus(Duration.ofDays(30)));
        assertThat(x509.getNotBefore().toInstant()).isBefore(now);
        assertThat(x509.getSerialNumber()).isPositive().isEqualTo(certificate.serialNumber());
        assertThat(certificate.notAfter()).isEqualTo(now.plus(Duration.ofDays(30)));
    }

    @Test
    void everyCertificateHasItsOwnKeySerialAndFingerprint() {
        DtlsCertificate a = DtlsCertificate.generate();
        DtlsCertificate b = DtlsCertificate.generate();
        assertThat(a.serialNumber()).isNotEqualTo(b.serialNumber());
        assertThat(a.fingerprint()).isNotEqualTo(b.fingerprint());
        assertThat(a.fingerprint().matches(b.encoded())).isFalse();
    }

    @Test
    void otherHashFunctionsAreAvailableForPeersThatAskForThem() {
        DtlsCertificate certificate = DtlsCertificate.generate();
        assertThat(certificate.fingerprint("sha-384").digest()).hasSize(48);
        assertThat(certificate.fingerprint("SHA-512").hashFunction()).isEqualTo("sha-512");
    }

    @Test
    void toStringNamesTheCertificateButNotTheKey() {
        DtlsCertificate certificate = DtlsCertificate.generate();
        assertThat(certificate.toString()).contains("CN=wacalls", "sha-256 ").doesNotContain("Private");
    }
}
