package dev.wacalls.media.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The DTLS layer trusts a peer certificate only if its DER hashes to the fingerprint from the SDP. */
class FingerprintTest {
    private static byte[] certificate;
    private static byte[] otherCertificate;

    @BeforeAll
    static void certificates() throws Exception {
        certificate = selfSignedEcdsaP256("CN=wacalls");
        otherCertificate = selfSignedEcdsaP256("CN=someone-else");
    }

    /** What the engine will use for DTLS: ECDSA P-256, self-signed (Meta recommends ECDSA, §6.4). */
    static byte[] selfSignedEcdsaP256(String subject) throws Exception {
        KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
        kpg.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair kp = kpg.generateKeyPair();
        Instant now = Instant.now();
        X500Name name = new X500Name(subject);
        return new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(30, ChronoUnit.DAYS)), name,
                kp.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate()))
                .getEncoded();
    }

    @Test
    void aCertificateMatchesItsOwnSha256FingerprintAndNoOther() throws Exception {
        Fingerprint fp = Fingerprint.sha256(certificate);
        assertThat(fp.algorithm()).isEqualTo("sha-256");
        assertThat(fp.value()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(certificate));
        assertThat(fp.matches(certificate)).isTrue();
        assertThat(fp.matches(otherCertificate)).isFalse();
        byte[] tampered = certificate.clone();
        tampered[tampered.length - 1] ^= 1;
        assertThat(fp.matches(tampered)).isFalse();
    }

    @Test
    void aFingerprintReadFromSdpMatchesTheCertificateWithTheNamedAlgorithm() {
        for (String algorithm : new String[] {"sha-1", "sha-224", "sha-256", "sha-384", "sha-512"}) {
            String line = Fingerprint.of(algorithm, certificate).toAttributeValue();
            Fingerprint parsed = Fingerprint.parse(line.toUpperCase().replace("SHA-", "sha-"));
            assertThat(parsed.algorithm()).isEqualTo(algorithm);
            assertThat(parsed.matches(certificate)).as(algorithm).isTrue();
            assertThat(parsed.matches(otherCertificate)).as(algorithm).isFalse();
        }
        // The same digest labelled with another function is another fingerprint: never a match.
        Fingerprint relabelled = new Fingerprint("sha-256",
                java.util.Arrays.copyOf(Fingerprint.of("sha-384", certificate).value(), 32));
        assertThat(relabelled.matches(certificate)).isFalse();
    }

    @Test
    void formatsAsUpperCaseColonSeparatedHexAndReadsLowerCase() {
        Fingerprint fp = new Fingerprint("SHA-256", new byte[] {
            0x1B, (byte) 0xB6, 0x6B, 0x40, (byte) 0xA5, 0x0B, (byte) 0x8C, 0x75, 0x0D, (byte) 0x8C, (byte) 0xCB,
            (byte) 0x90, 0x2F, (byte) 0x99, 0x74, 0x1E, 0x26, 0x45, (byte) 0xAE, (byte) 0xAF, 0x45, (byte) 0xC1, 0x51,
            0x60, (byte) 0x8F, 0x73, (byte) 0xC9, 0x2D, 0x10, 0x6D, (byte) 0x8A, (byte) 0x88});
        assertThat(fp.algorithm()).isEqualTo("sha-256");
        assertThat(fp.hex()).isEqualTo(
                "1B:B6:6B:40:A5:0B:8C:75:0D:8C:CB:90:2F:99:74:1E:26:45:AE:AF:45:C1:51:60:8F:73:C9:2D:10:6D:8A:88");
        assertThat(Fingerprint.parse("sha-256 " + fp.hex().toLowerCase())).isEqualTo(fp).hasSameHashCodeAs(fp);
        assertThat(fp.toString()).isEqualTo("sha-256 " + fp.hex());
    }

    @Test
    void isImmutable() {
        byte[] digest = new byte[32];
        Fingerprint fp = new Fingerprint("sha-256", digest);
        digest[0] = 1;
        fp.value()[1] = 1;
        assertThat(fp.value()).containsOnly(0);
    }

    @Test
    void unknownOrBrokenHashFunctionsNeverMatch() {
        Fingerprint md5 = Fingerprint.parse("md5 " + SdpParserDialectTest.hexPairs(16, 0));
        assertThat(md5.isComputable()).isFalse();
        assertThat(md5.matches(certificate)).isFalse();
        assertThatThrownBy(() -> Fingerprint.of("md5", certificate)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void malformedFingerprintsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> Fingerprint.parse("sha-256 AB:CD"))
                .hasMessage("sha-256 fingerprint must have 32 bytes, not 2");
        assertThatThrownBy(() -> Fingerprint.parse("sha-256 ABCD"))
                .hasMessageContaining("hex byte pairs separated by ':'");
        assertThatThrownBy(() -> Fingerprint.parse("sha-256 A:BC"))
                .hasMessageContaining("hex byte pairs separated by ':'");
        assertThatThrownBy(() -> Fingerprint.parse("AB:CD")).hasMessageContaining("<hash-function> <hex>");
        assertThatThrownBy(() -> Fingerprint.parse("sha-256 ١٢:CD")).hasMessageContaining("hex byte pairs");
    }
}
