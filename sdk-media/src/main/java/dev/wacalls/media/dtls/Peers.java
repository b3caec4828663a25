package dev.wacalls.media.dtls;

import java.io.IOException;
import java.util.Vector;
import org.bouncycastle.tls.AlertLevel;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What our BouncyCastle client and server peers share: suites, credentials, alert logging. */
final class Peers {
    private static final Logger log = LoggerFactory.getLogger(Peers.class);

    /**
     * Our certificate is ECDSA, so as server only ECDHE-ECDSA suites can work. AES-128-GCM first: it is what
     * Chromium negotiates with us (measured); the CBC suites are for older stacks that lack GCM.
     */
    static final int[] SERVER_SUITES = {
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
    };

    /**
     * As client the suite depends on the server's certificate, which we don't choose: a peer may still use RSA
     * (the fingerprint authenticates either), so the ECDHE-RSA suites follow the ECDSA ones.
     */
    static final int[] CLIENT_SUITES = {
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256,
        CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
        CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA,
    };

    private Peers() {}

    /**
     * Our certificate as a BC signer. The signature scheme is ecdsa_secp256r1_sha256 when the peer allows it (it
     * matches the P-256 key); otherwise the first ECDSA scheme the peer lists, which is still valid in TLS 1.2.
     */
    static @Nullable TlsCredentialedSigner signer(TlsContext context, BcTlsCrypto crypto, DtlsCertificate certificate,
            @Nullable Vector<?> peerSigAlgs) throws IOException {
        SignatureAndHashAlgorithm chosen = null;
        SignatureAndHashAlgorithm preferred =
                SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa);
        if (peerSigAlgs == null) {
            // RFC 5246 §7.4.1.4.1: no signature_algorithms means the peer accepts SHA-1 only, but every DTLS 1.2 peer
            // sends the extension; sha256 is what BC's own default would pick for a TLS 1.2 ECDSA key.
            chosen = preferred;
        } else {
            for (Object o : peerSigAlgs) {
                SignatureAndHashAlgorithm a = (SignatureAndHashAlgorithm) o;
                if (a.equals(preferred)) {
                    chosen = a;
                    break;
                }
                if (chosen == null && a.getSignature() == SignatureAlgorithm.ecdsa) {
                    chosen = a;
                }
            }
        }
        if (chosen == null) {
            log.debug("the peer accepts no ECDSA signature scheme: {}", peerSigAlgs);
            return null;
        }
        TlsCertificate tlsCertificate = crypto.createCertificate(certificate.encodedUnsafe());
        return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto, certificate.privateKey(),
                new Certificate(new TlsCertificate[] {tlsCertificate}), chosen);
    }

    static int[] supported(BcTlsCrypto crypto, int[] suites) {
        return TlsUtils.getSupportedCipherSuites(crypto, suites);
    }

    static void logAlert(DtlsRole role, String direction, short level, short description, @Nullable String message,
            @Nullable Throwable cause) {
        if (level == AlertLevel.fatal) {
            log.debug("DTLS {} {} fatal alert {}{}", role, direction,
                    org.bouncycastle.tls.AlertDescription.getText(description),
                    message == null ? "" : ": " + message, cause);
        } else {
            log.trace("DTLS {} {} alert {}", role, direction,
                    org.bouncycastle.tls.AlertDescription.getText(description));
        }
    }
}
