package dev.wacalls.media.dtls;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.SecurityParameters;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.TlsTimeoutException;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one handshake needs and what it found out, shared by our BouncyCastle client and server peers. Lives on the
 * handshake's thread only.
 */
final class HandshakeContext {
    private static final Logger log = LoggerFactory.getLogger(HandshakeContext.class);

    final DtlsRole role;
    final DtlsCertificate certificate;
    final List<SrtpProtectionProfile> profiles;
    final List<DtlsFingerprint> expectedFingerprints;
    final Duration timeout;

    private @Nullable DtlsHandshakeException failure;
    private @Nullable SrtpProtectionProfile profile;
    private @Nullable DtlsFingerprint peerFingerprint;
    private @Nullable SrtpMasterKey clientKey;
    private @Nullable SrtpMasterKey serverKey;
    private int cipherSuite = -1;

    HandshakeContext(DtlsRole role, DtlsCertificate certificate, List<SrtpProtectionProfile> profiles,
            List<DtlsFingerprint> expectedFingerprints, Duration timeout) {
        this.role = role;
        this.certificate = certificate;
        this.profiles = profiles;
        this.expectedFingerprints = expectedFingerprints;
        this.timeout = timeout;
    }

    int timeoutMillis() {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
    }

    /**
     * RFC 5763 §5: the certificate the peer presents must be the one its SDP fingerprint names; that, not a CA chain,
     * is what authenticates a WebRTC peer. BC has already checked (or will check, in CertificateVerify /
     * ServerKeyExchange) that the peer holds the certificate's private key, so matching the end-entity
     * certificate closes the loop. Validity dates and the self-signature are deliberately not checked: WebRTC peers
     * do not check them either, and a peer's clock must not break a call.
     */
    void verifyPeerCertificate(@Nullable Certificate chain) throws IOException {
        if (chain == null || chain.isEmpty()) {
            failure = new DtlsFingerprintMismatchException(role, expectedFingerprints, null);
            // RFC 5246 §7.4.6: a server that requires client authentication answers an empty one with this alert.
            throw new TlsFatalAlert(AlertDescription.handshake_failure, "peer sent no certificate");
        }
        TlsCertificate endEntity = chain.getCertificateAt(0);
        byte[] der = endEntity.getEncoded();
        DtlsFingerprint match = DtlsFingerprint.findMatch(expectedFingerprints, der);
        if (match == null) {
            String hash = expectedFingerprints.get(0).hashFunction();
            DtlsFingerprint actual = DtlsFingerprint.ofCertificate(hash, der);
            failure = new DtlsFingerprintMismatchException(role, expectedFingerprints, actual);
            throw new TlsFatalAlert(AlertDescription.bad_certificate, DtlsFingerprintMismatchException.MESSAGE);
        }
        peerFingerprint = match;
    }

    /** The server's choice, RFC 5764 §4.1.1: the first of our profiles (in our order) that the client offered. */
    SrtpProtectionProfile chooseProfile(int @Nullable [] offered) throws IOException {
        if (offered == null) {
            return fail(new DtlsNegotiationException(role,
                    "the peer's ClientHello has no use_srtp extension: it is not doing DTLS-SRTP (RFC 5764)"));
        }
        for (SrtpProtectionProfile p : profiles) {
            for (int id : offered) {
                if (id == p.id()) {
                    profile = p;
                    return p;
                }
            }
        }
        return fail(new DtlsNegotiationException(role, "no common SRTP protection profile: we accept " + profiles
                + ", the peer offered " + describeIds(offered)));
    }

    /** The client's check of the server's answer, RFC 5764 §4.1.1: exactly one profile, one we offered. */
    SrtpProtectionProfile acceptServerChoice(int @Nullable [] chosen) throws IOException {
        if (chosen == null) {
            return fail(new DtlsNegotiationException(role,
                    "the server's answer has no use_srtp extension: it declined DTLS-SRTP (RFC 5764)"));
        }
        if (chosen.length != 1) {
            return fail(new DtlsNegotiationException(role, "the server must choose exactly one SRTP profile"
                    + " (RFC 5764 §4.1.1), it sent " + describeIds(chosen)), AlertDescription.illegal_parameter);
        }
        for (SrtpProtectionProfile p : profiles) {
            if (p.id() == chosen[0]) {
                profile = p;
                return p;
            }
        }
        return fail(new DtlsNegotiationException(role,
                "the server chose SRTP profile " + describeIds(chosen) + ", which we did not offer"),
                AlertDescription.illegal_parameter);
    }

    private SrtpProtectionProfile fail(DtlsNegotiationException e) throws IOException {
        return fail(e, AlertDescription.handshake_failure);
    }

    private SrtpProtectionProfile fail(DtlsNegotiationException e, short alert) throws IOException {
        failure = e;
        throw new TlsFatalAlert(alert, e.getMessage());
    }

    /**
     * Exports the SRTP keying material (RFC 5764 §4.2). Must run inside {@code notifyHandshakeComplete()}: BC
     * 1.84 clears the master secret when the handshake returns, and exporting afterwards throws
     * {@link IllegalStateException} (measured).
     */
    void exportKeys(TlsContext context) {
        SrtpProtectionProfile p = profile;
        if (p == null) {
            throw new IllegalStateException("handshake completed without an SRTP profile");
        }
        int k = p.masterKeyLength();
        int s = p.masterSaltLength();
        byte[] material = context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null, 2 * (k + s));
        try {
            // RFC 5764 §4.2: client_write_key | server_write_key | client_write_salt | server_write_salt
            clientKey = new SrtpMasterKey(Arrays.copyOfRange(material, 0, k),
                    Arrays.copyOfRange(material, 2 * k, 2 * k + s));
            serverKey = new SrtpMasterKey(Arrays.copyOfRange(material, k, 2 * k),
                    Arrays.copyOfRange(material, 2 * k + s, 2 * k + 2 * s));
        } finally {
            Arrays.fill(material, (byte) 0);
        }
        SecurityParameters sp = context.getSecurityParametersConnection();
        cipherSuite = sp == null ? -1 : sp.getCipherSuite();
    }

    DtlsHandshakeResult result(Duration elapsed, long nonDtlsDropped) {
        SrtpMasterKey client = clientKey;
        SrtpMasterKey server = serverKey;
        SrtpProtectionProfile p = profile;
        DtlsFingerprint peer = peerFingerprint;
        if (client == null || server == null || p == null || peer == null) {
            // BC returned without calling notifyHandshakeComplete or without the peer's certificate: never expected.
            throw new IllegalStateException("DTLS handshake returned without keys or peer certificate");
        }
        boolean weAreClient = role == DtlsRole.CLIENT;
        return new DtlsHandshakeResult(role, p, weAreClient ? client : server, weAreClient ? server : client, peer,
                cipherSuiteName(cipherSuite), elapsed, nonDtlsDropped);
    }

    /** Turns what BC threw into our typed error; the first failure we recorded ourselves wins. */
    DtlsHandshakeException translate(Throwable e, @Nullable IOException transportFailure, boolean transportClosed) {
        if (failure != null) {
            failure.initCause(e);
            return failure;
        }
        if (e instanceof TlsTimeoutException) {
            return new DtlsTimeoutException(role, timeout, e);
        }
        if (e instanceof TlsFatalAlertReceived received) {
            return new DtlsAlertException(role, received.getAlertDescription(), true, "", e);
        }
        if (transportFailure != null) {
            return new DtlsTransportException(role, "the datagram transport failed: " + transportFailure, e);
        }
        if (e instanceof TlsFatalAlert alert) {
            // BC raises user_canceled when it finds its transport closed under it (the engine aborting the call).
            if (alert.getAlertDescription() == AlertDescription.user_canceled && transportClosed) {
                return new DtlsTransportException(role, "the transport was closed during the handshake", e);
            }
            String message = e.getMessage() == null ? "" : e.getMessage();
            return new DtlsAlertException(role, alert.getAlertDescription(), false, message, e);
        }
        log.debug("DTLS handshake as {} failed", role, e);
        return new DtlsTransportException(role, "the DTLS handshake failed: " + e, e);
    }

    private static String describeIds(int[] ids) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < ids.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            int id = ids[i];
            sb.append(SrtpProtectionProfile.fromId(id).map(Enum::name).orElse(String.format("0x%04X", id)));
        }
        return sb.append(']').toString();
    }

    static String cipherSuiteName(int suite) {
        return switch (suite) {
            case CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 -> "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
            case CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384 -> "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384";
            case CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256 -> "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256";
            case CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA -> "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA";
            case CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 -> "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256";
            case CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 -> "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384";
            case CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256 -> "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256";
            case CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA -> "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA";
            default -> String.format("0x%04X", suite);
        };
    }
}
