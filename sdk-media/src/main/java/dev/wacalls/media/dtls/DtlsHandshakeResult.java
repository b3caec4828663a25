package dev.wacalls.media.dtls;

import java.time.Duration;
import java.util.Objects;

/**
 * What a completed DTLS-SRTP handshake yields: the SRTP profile and the master key and salt for each direction,
 * already assigned by role so the caller never has to think about RFC 5764's client/server order.
 *
 * <pre>{@code
 * DtlsHandshakeResult r = session.result();
 * SrtpContextFactory sender = new SrtpContextFactory(true, r.localMasterKey().key(), r.localMasterKey().salt(),
 *         policy, policy, logger);     // protects what we send
 * SrtpContextFactory receiver = new SrtpContextFactory(false, r.remoteMasterKey().key(), r.remoteMasterKey().salt(),
 *         policy, policy, logger);     // unprotects what the peer sends
 * }</pre>
 *
 * @param role the role we played
 * @param srtpProfile the protection profile the server chose
 * @param localMasterKey the key and salt that protect what <em>we</em> send (the client's write key when we are the
 *     client, the server's when we are the server)
 * @param remoteMasterKey the key and salt that unprotect what the peer sends
 * @param peerFingerprint the SDP fingerprint the peer's certificate matched
 * @param cipherSuite the DTLS cipher suite, e.g. {@code TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256}
 * @param handshakeDuration from the call to {@link DtlsEndpoint#handshake} until the keys were ready (as server this
 *     includes waiting for the peer's first ClientHello)
 * @param nonDtlsDropped datagrams dropped during the handshake because they were not DTLS (STUN, RTP, noise)
 */
public record DtlsHandshakeResult(
        DtlsRole role,
        SrtpProtectionProfile srtpProfile,
        SrtpMasterKey localMasterKey,
        SrtpMasterKey remoteMasterKey,
        DtlsFingerprint peerFingerprint,
        String cipherSuite,
        Duration handshakeDuration,
        long nonDtlsDropped) {

    public DtlsHandshakeResult {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(srtpProfile, "srtpProfile");
        Objects.requireNonNull(localMasterKey, "localMasterKey");
        Objects.requireNonNull(remoteMasterKey, "remoteMasterKey");
        Objects.requireNonNull(peerFingerprint, "peerFingerprint");
        Objects.requireNonNull(cipherSuite, "cipherSuite");
        Objects.requireNonNull(handshakeDuration, "handshakeDuration");
    }
}
