package dev.wacalls.media.dtls;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * Runs DTLS 1.2 handshakes that end in SRTP keys (RFC 5764), in either role, over any {@link DtlsDatagramTransport}.
 * Build one per engine, with the engine's {@link DtlsCertificate}, and share it: it is immutable and thread-safe, and
 * every {@link #handshake} call is independent.
 *
 * <pre>{@code
 * DtlsEndpoint dtls = DtlsEndpoint.builder(DtlsCertificate.generate())
 *         .srtpProfiles(SrtpProtectionProfile.AEAD_AES_128_GCM, SrtpProtectionProfile.AES_CM_128_HMAC_SHA1_80)
 *         .handshakeTimeout(Duration.ofSeconds(10))
 *         .build();
 * DtlsSession session = dtls.handshake(DtlsRole.CLIENT, transport, DtlsFingerprint.parse(metaSdpFingerprint));
 * }</pre>
 *
 * <p>What every handshake does:
 * <ul>
 *   <li>DTLS 1.2 only, ECDHE key exchange, extended master secret required (RFC 7627).</li>
 *   <li>{@code use_srtp} (RFC 5764 §4.1): the server picks the first profile of <em>its</em> list that the client
 *       offered; as client we offer our list in order. The default order is AEAD_AES_128_GCM, then
 *       AES_CM_128_HMAC_SHA1_80.</li>
 *   <li>Both sides present certificates, and the peer's must match its SDP fingerprint (RFC 5763 §5), compared in
 *       constant time; otherwise {@link DtlsFingerprintMismatchException}.</li>
 *   <li>As server, no stateless cookie exchange ({@code HelloVerifyRequest}): BC's {@code DTLSVerifier} silently drops
 *       a ClientHello that arrives in fragments, which is exactly what Chromium sends with its post-quantum key
 *       share (1,413 bytes in two datagrams, measured). The cookie guards against spoofed-source floods, and ICE
 *       connectivity checks have already proven the peer's address before DTLS starts, so nothing is lost.</li>
 *   <li>Datagrams that are not DTLS (RFC 7983 first-byte ranges) and malformed records are dropped, not fatal.</li>
 *   <li>Retransmission follows RFC 6347 §4.2.4 (1 s, doubling); the whole handshake is bounded by the timeout.</li>
 * </ul>
 *
 * <p>Threads: {@code handshake} blocks the calling thread until it completes or fails; no thread or timer is
 * created. The engine runs it as one task of a shared executor per call. To abort it (the call was hung up), close
 * the transport from another thread: the handshake then ends with {@link DtlsTransportException}.
 */
public final class DtlsEndpoint {
    /** Default bound on a whole handshake. Meta ends a call after 20 s without media, so 10 s leaves room. */
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    private final DtlsCertificate certificate;
    private final List<SrtpProtectionProfile> profiles;
    private final Duration handshakeTimeout;
    private final BcTlsCrypto crypto;

    private DtlsEndpoint(Builder b) {
        this.certificate = b.certificate;
        this.profiles = List.copyOf(b.profiles);
        this.handshakeTimeout = b.handshakeTimeout;
        // One SecureRandom for all handshakes: seeding one per call would cost more than the handshake's own crypto.
        this.crypto = new BcTlsCrypto(new SecureRandom());
    }

    /** A builder with our certificate. */
    public static Builder builder(DtlsCertificate certificate) {
        return new Builder(certificate);
    }

    /** A builder starting from this endpoint's settings. */
    public Builder newBuilder() {
        return new Builder(certificate).srtpProfiles(profiles).handshakeTimeout(handshakeTimeout);
    }

    /** Our certificate; its {@link DtlsCertificate#fingerprint()} goes into our SDP. */
    public DtlsCertificate certificate() {
        return certificate;
    }

    /** The SRTP profiles in our order of preference. */
    public List<SrtpProtectionProfile> srtpProfiles() {
        return profiles;
    }

    /** The bound on one handshake. */
    public Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    /** As {@link #handshake(DtlsRole, DtlsDatagramTransport, List)} with the peer's single SDP fingerprint. */
    public DtlsSession handshake(DtlsRole role, DtlsDatagramTransport transport, DtlsFingerprint peerFingerprint) {
        return handshake(role, transport, List.of(peerFingerprint));
    }

    /**
     * Runs one handshake on the calling thread.
     *
     * @param role {@link DtlsRole#CLIENT} if our SDP says {@code a=setup:active}, else {@link DtlsRole#SERVER}
     * @param transport the datagram path to the peer; closed if the handshake fails
     * @param peerFingerprints every {@code a=fingerprint} of the peer's SDP (usually one sha-256)
     * @return the established session with its keys
     * @throws DtlsHandshakeException (one of its subclasses) if no keys were agreed
     */
    public DtlsSession handshake(DtlsRole role, DtlsDatagramTransport transport,
            List<DtlsFingerprint> peerFingerprints) {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(transport, "transport");
        if (peerFingerprints.isEmpty()) {
            // Meta: "No fingerprint found in SDP" is an error on their side too; without one anybody could answer.
            throw new IllegalArgumentException("the peer's SDP has no a=fingerprint: the peer cannot be verified");
        }
        HandshakeContext hs =
                new HandshakeContext(role, certificate, profiles, List.copyOf(peerFingerprints), handshakeTimeout);
        DemuxingBcTransport bcTransport = new DemuxingBcTransport(transport);
        long start = System.nanoTime();
        DTLSTransport dtls;
        try {
            if (role == DtlsRole.CLIENT) {
                dtls = new DTLSClientProtocol().connect(new ClientPeer(crypto, hs), bcTransport);
            } else {
                // Plain accept, without a DTLSRequest from DTLSVerifier: BC reassembles a fragmented ClientHello on
                // this path (see the class comment).
                dtls = new DTLSServerProtocol().accept(new ServerPeer(crypto, hs), bcTransport);
            }
        } catch (IOException | RuntimeException e) {
            // BC closes the transport itself on most failures, not all (e.g. a throw before its record layer exists).
            bcTransport.closeQuietly();
            throw hs.translate(e, bcTransport.transportFailure(), bcTransport.isClosed());
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        try {
            return new DtlsSession(dtls, hs.result(elapsed, bcTransport.nonDtlsDropped()));
        } catch (RuntimeException e) {
            bcTransport.closeQuietly();
            throw e;
        }
    }

    @Override
    public String toString() {
        return "DtlsEndpoint[" + certificate.fingerprint() + ", " + profiles + ", timeout " + handshakeTimeout + "]";
    }

    /**
     * Settings of a {@link DtlsEndpoint}.
     *
     * <pre>{@code
     * DtlsEndpoint dtls = DtlsEndpoint.builder(certificate).handshakeTimeout(Duration.ofSeconds(5)).build();
     * }</pre>
     */
    public static final class Builder {
        private final DtlsCertificate certificate;
        private List<SrtpProtectionProfile> profiles =
                List.of(SrtpProtectionProfile.AEAD_AES_128_GCM, SrtpProtectionProfile.AES_CM_128_HMAC_SHA1_80);
        private Duration handshakeTimeout = DEFAULT_HANDSHAKE_TIMEOUT;

        private Builder(DtlsCertificate certificate) {
            this.certificate = Objects.requireNonNull(certificate, "certificate");
        }

        /**
         * The SRTP profiles we accept, most preferred first. As server we pick the first one the client offers; as
         * client we offer them in this order (the server decides). Default: AEAD_AES_128_GCM (less overhead per
         * packet, one pass), then AES_CM_128_HMAC_SHA1_80 (universal).
         */
        public Builder srtpProfiles(SrtpProtectionProfile... profiles) {
            return srtpProfiles(List.of(profiles));
        }

        /** As {@link #srtpProfiles(SrtpProtectionProfile...)}. */
        public Builder srtpProfiles(List<SrtpProtectionProfile> profiles) {
            List<SrtpProtectionProfile> unique = new ArrayList<>(new LinkedHashSet<>(profiles));
            if (unique.isEmpty()) {
                throw new IllegalArgumentException("at least one SRTP profile is needed");
            }
            this.profiles = List.copyOf(unique);
            return this;
        }

        /**
         * Upper bound on a whole handshake, retransmissions included. Default 10 s: DTLS retransmits after 1, 2 and
         * 4 s, so this allows three losses, and stays under the 20 s after which WhatsApp hangs up without media.
         */
        public Builder handshakeTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("handshake timeout must be positive: " + timeout);
            }
            this.handshakeTimeout = timeout;
            return this;
        }

        /** The endpoint. */
        public DtlsEndpoint build() {
            return new DtlsEndpoint(this);
        }
    }
}
