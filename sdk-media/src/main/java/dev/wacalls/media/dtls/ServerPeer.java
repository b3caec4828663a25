package dev.wacalls.media.dtls;

import java.io.IOException;
import java.util.Hashtable;
import java.util.Vector;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsExtensionsUtils;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.jspecify.annotations.Nullable;

/** Our side as DTLS server ({@code a=setup:passive}, when the peer takes {@code active}). */
@SuppressWarnings({"rawtypes", "unchecked"}) // BC's extension API is raw Hashtable/Vector
final class ServerPeer extends DefaultTlsServer {
    private final BcTlsCrypto bcCrypto;
    private final HandshakeContext hs;
    private @Nullable SrtpProtectionProfile chosen;

    ServerPeer(BcTlsCrypto crypto, HandshakeContext hs) {
        super(crypto);
        this.bcCrypto = crypto;
        this.hs = hs;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        // Chromium offers DTLS 1.3 and 1.2; BC 1.84 has no DTLS 1.3, so we answer 1.2 (measured with Chromium 156).
        return ProtocolVersion.DTLSv12.only();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return Peers.supported(bcCrypto, Peers.SERVER_SUITES);
    }

    @Override
    public int getHandshakeTimeoutMillis() {
        return hs.timeoutMillis();
    }

    @Override
    public boolean requiresExtendedMasterSecret() {
        // RFC 7627; Chromium negotiates it with us (measured).
        return true;
    }

    @Override
    public void processClientExtensions(@Nullable Hashtable clientExtensions) throws IOException {
        super.processClientExtensions(clientExtensions);
        UseSRTPData offered = clientExtensions == null ? null : TlsSRTPUtils.getUseSRTPExtension(clientExtensions);
        chosen = hs.chooseProfile(offered == null ? null : offered.getProtectionProfiles());
    }

    @Override
    public Hashtable getServerExtensions() throws IOException {
        Hashtable extensions = TlsExtensionsUtils.ensureExtensionsInitialised(super.getServerExtensions());
        SrtpProtectionProfile p = chosen;
        if (p == null) {
            throw new IllegalStateException("getServerExtensions before processClientExtensions");
        }
        // RFC 5764 §4.1.1: exactly one profile; no MKI of ours.
        TlsSRTPUtils.addUseSRTPExtension(extensions, new UseSRTPData(new int[] {p.id()}, TlsUtils.EMPTY_BYTES));
        return extensions;
    }

    @Override
    protected @Nullable TlsCredentialedSigner getECDSASignerCredentials() throws IOException {
        Vector clientSigAlgs = context.getSecurityParametersHandshake().getClientSigAlgs();
        return Peers.signer(context, bcCrypto, hs.certificate, clientSigAlgs);
    }

    @Override
    public CertificateRequest getCertificateRequest() {
        // RFC 5763 §5: both ends present certificates, so we always ask. RSA is accepted too: the SDP fingerprint,
        // not the key type, is what authenticates the client.
        short[] types = {ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign};
        Vector sigAlgs = TlsUtils.getDefaultSupportedSignatureAlgorithms(context);
        return new CertificateRequest(types, sigAlgs, null);
    }

    @Override
    public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
        hs.verifyPeerCertificate(clientCertificate);
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        hs.exportKeys(context);
    }

    @Override
    public void notifyAlertRaised(short level, short description, @Nullable String message,
            @Nullable Throwable cause) {
        Peers.logAlert(hs.role, "sent", level, description, message, cause);
    }

    @Override
    public void notifyAlertReceived(short level, short description) {
        Peers.logAlert(hs.role, "received", level, description, null, null);
    }
}
