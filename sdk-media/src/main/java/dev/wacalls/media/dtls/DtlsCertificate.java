package dev.wacalls.media.dtls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcECContentSignerBuilder;

/**
 * The engine's DTLS identity: an ECDSA P-256 key pair and a self-signed X.509 certificate, with the SHA-256
 * fingerprint that goes into every SDP we send. Generate one per engine at start and reuse it for every call:
 * WebRTC authenticates by fingerprint, not by certificate chain, so nothing is gained by a fresh one per call, and
 * generation costs milliseconds on the call path. Immutable and thread-safe.
 *
 * <pre>{@code
 * DtlsCertificate certificate = DtlsCertificate.generate();           // CN=wacalls, valid 30 days
 * String sdpLine = "a=fingerprint:" + certificate.fingerprint().toSdpValue();
 * // a=fingerprint:sha-256 4F:0C:…:9A
 * }</pre>
 *
 * <p>ECDSA rather than RSA because Meta recommends ECDSA/ECDH keys "for faster generation and no DTLS
 * fragmentation": a P-256 certificate is about 300 bytes, so our Certificate message fits one datagram. Replace the
 * certificate before {@link #notAfter()} (a long-running engine can simply generate a new one daily); peers do not
 * check validity dates in WebRTC, but some log them.
 */
public final class DtlsCertificate {
    /** Default subject common name. */
    public static final String DEFAULT_COMMON_NAME = "wacalls";
    /** Default validity. */
    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(30);

    /** Backdating absorbs a peer whose clock runs behind ours (libwebrtc backdates its own certificates by a day). */
    private static final Duration BACKDATE = Duration.ofDays(1);

    private final byte[] encoded;
    private final AsymmetricKeyParameter privateKey;
    private final DtlsFingerprint sha256;
    private final BigInteger serialNumber;
    private final String commonName;
    private final Instant notBefore;
    private final Instant notAfter;

    private DtlsCertificate(byte[] encoded, AsymmetricKeyParameter privateKey, BigInteger serialNumber,
            String commonName, Instant notBefore, Instant notAfter) {
        this.encoded = encoded;
        this.privateKey = privateKey;
        this.serialNumber = serialNumber;
        this.commonName = commonName;
        this.notBefore = notBefore;
        this.notAfter = notAfter;
        this.sha256 = DtlsFingerprint.ofCertificate(DtlsFingerprint.SHA_256, encoded);
    }

    /** A new certificate with CN {@value #DEFAULT_COMMON_NAME}, valid for 30 days from now. */
    public static DtlsCertificate generate() {
        return generate(DEFAULT_COMMON_NAME, DEFAULT_VALIDITY, Clock.systemUTC());
    }

    /**
     * A new certificate.
     *
     * @param commonName the subject and issuer CN (peers ignore it; it shows up in packet captures)
     * @param validity how long after {@code clock.instant()} it stays valid
     * @param clock where "now" comes from
     */
    public static DtlsCertificate generate(String commonName, Duration validity, Clock clock) {
        Objects.requireNonNull(commonName, "commonName");
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("validity must be positive: " + validity);
        }
        SecureRandom random = new SecureRandom();

        ECNamedDomainParameters p256 = new ECNamedDomainParameters(
                SECObjectIdentifiers.secp256r1, ECNamedCurveTable.getByOID(SECObjectIdentifiers.secp256r1));
        ECKeyPairGenerator generator = new ECKeyPairGenerator();
        generator.init(new ECKeyGenerationParameters(p256, random));
        AsymmetricCipherKeyPair keyPair = generator.generateKeyPair();

        // RFC 5280 §4.1.2.2: a positive serial of at most 20 octets; random so two engines never collide.
        byte[] serialBytes = new byte[16];
        random.nextBytes(serialBytes);
        serialBytes[0] &= 0x7F;
        serialBytes[0] |= 0x01;
        BigInteger serial = new BigInteger(1, serialBytes);

        Instant now = clock.instant();
        Instant notBefore = now.minus(BACKDATE);
        Instant notAfter = now.plus(validity);
        X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
        try {
            X509v3CertificateBuilder builder = new X509v3CertificateBuilder(name, serial, Date.from(notBefore),
                    Date.from(notAfter), name,
                    // Named-curve encoding: BoringSSL (Chromium) refuses explicit curve parameters.
                    SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(keyPair.getPublic()));
            AlgorithmIdentifier signature = new DefaultSignatureAlgorithmIdentifierFinder().find("SHA256withECDSA");
            AlgorithmIdentifier digest = new DefaultDigestAlgorithmIdentifierFinder().find(signature);
            X509CertificateHolder holder =
                    builder.build(new BcECContentSignerBuilder(signature, digest).build(keyPair.getPrivate()));
            return new DtlsCertificate(holder.getEncoded(), keyPair.getPrivate(), serial, commonName,
                    notBefore, notAfter);
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode the DTLS certificate", e);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("BouncyCastle has no SHA256withECDSA signer", e);
        }
    }

    /** The SHA-256 fingerprint, for our {@code a=fingerprint} line. */
    public DtlsFingerprint fingerprint() {
        return sha256;
    }

    /** The fingerprint with another hash function ({@code sha-384}, {@code sha-512}). */
    public DtlsFingerprint fingerprint(String hashFunction) {
        return DtlsFingerprint.ofCertificate(hashFunction, encoded);
    }

    /** A copy of the DER encoding. */
    public byte[] encoded() {
        return encoded.clone();
    }

    /** The random serial number. */
    public BigInteger serialNumber() {
        return serialNumber;
    }

    /** The subject (and issuer) common name. */
    public String commonName() {
        return commonName;
    }

    /** Start of validity (backdated by a day). */
    public Instant notBefore() {
        return notBefore;
    }

    /** End of validity. */
    public Instant notAfter() {
        return notAfter;
    }

    /** The DER bytes without copying, for the handshake. */
    byte[] encodedUnsafe() {
        return encoded;
    }

    AsymmetricKeyParameter privateKey() {
        return privateKey;
    }

    @Override
    public String toString() {
        return "DtlsCertificate[CN=" + commonName + ", ECDSA P-256, notAfter=" + notAfter + ", " + sha256 + "]";
    }
}
