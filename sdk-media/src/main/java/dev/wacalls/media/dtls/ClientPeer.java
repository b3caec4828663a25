package dev.wacalls.media.dtls;

import java.io.IOException;
import java.util.Hashtable;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsExtensionsUtils;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.jspecify.annotations.Nullable;

/** Our side as DTLS client ({@code a=setup:active}). */
@SuppressWarnings({"rawtypes", "unchecked"}) // BC's extension API is raw Hashtable/Vector
final class ClientPeer extends DefaultTlsClient {
    private final BcTlsCrypto bcCrypto;
    private final HandshakeContext hs;

    ClientPeer(BcTlsCrypto crypto, HandshakeContext hs) {
        super(crypto);
        this.bcCrypto = crypto;
        this.hs = hs;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        // BC 1.84 has no DTLS 1.3; offering only 1.2 keeps a 1.3-capable server from trying it.
        return ProtocolVersion.DTLSv12.only();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return Peers.supported(bcCrypto, Peers.CLIENT_SUITES);
    }

    @Override
    public int getHandshakeTimeoutMillis() {
        return hs.timeoutMillis();
    }

    @Override
    public boolean requiresExtendedMasterSecret() {
        // RFC 7627: without it the exported SRTP keys could be shared with a man in the middle (triple handshake).
        return true;
    }

    @Override
    public Hashtable getClientExtensions() throws IOException {
        Hashtable extensions = TlsExtensionsUtils.ensureExtensionsInitialised(super.getClientExtensions());
        int[] ids = hs.profiles.stream().mapToInt(SrtpProtectionProfile::id).toArray();
        // RFC 5764 §4.1.1: our profiles in preference order, no MKI (WebRTC never uses one).
        TlsSRTPUtils.addUseSRTPExtension(extensions, new UseSRTPData(ids, TlsUtils.EMPTY_BYTES));
        return extensions;
    }

    @Override
    public void processServerExtensions(@Nullable Hashtable serverExtensions) throws IOException {
        super.processServerExtensions(serverExtensions);
        UseSRTPData data = serverExtensions == null ? null : TlsSRTPUtils.getUseSRTPExtension(serverExtensions);
        hs.acceptServerChoice(data == null ? null : data.getProtectionProfiles());
    }

    @Override
    public TlsAuthentication getAuthentication() {
        return new TlsAuthentication() {
            @Override
            public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                hs.verifyPeerCertificate(serverCertificate.getCertificate());
            }

            @Override
            public @Nullable TlsCredentials getClientCredentials(CertificateRequest request) throws IOException {
                // WebRTC authenticates both ends: the server needs our certificate to match our SDP fingerprint.
                return Peers.signer(context, bcCrypto, hs.certificate, request.getSupportedSignatureAlgorithms());
            }
        };
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
