/**
 * DTLS-SRTP key agreement (RFC 5764) for the WhatsApp leg: a DTLS 1.2 handshake in either role over an abstract
 * datagram transport, authenticated by the certificate fingerprints exchanged in the SDP, that ends with the SRTP
 * master keys and salts for both directions.
 *
 * <pre>{@code
 * // Once per engine: generating a key pair costs milliseconds, reuse it for every call.
 * DtlsCertificate certificate = DtlsCertificate.generate();
 * DtlsEndpoint dtls = DtlsEndpoint.builder(certificate).build();
 * String ourSdpLine = "a=fingerprint:" + certificate.fingerprint().toSdpValue();
 *
 * // Per call, after ICE completed; Meta recommends that the business is the client (a=setup:active).
 * DtlsFingerprint theirs = DtlsFingerprint.parse("sha-256 1B:B6:6B:…");
 * try (DtlsSession session = dtls.handshake(DtlsRole.CLIENT, iceTransport, theirs)) {
 *     DtlsHandshakeResult keys = session.result();
 *     // keys.localMasterKey() protects what we send, keys.remoteMasterKey() unprotects what we receive
 * }
 * }</pre>
 *
 * <h2>Threads</h2>
 * This package starts no thread and no timer: {@link dev.wacalls.media.dtls.DtlsEndpoint#handshake} runs the whole
 * handshake, retransmissions included, on the calling thread and returns within the handshake timeout. The engine
 * runs it on its shared executor, one task per call.
 *
 * <h2>Measured traps this package is built around</h2>
 * <ul>
 *   <li>Chromium 156 sends a 1,413-byte post-quantum ClientHello as two handshake fragments in two datagrams.
 *       BouncyCastle's plain {@code DTLSServerProtocol.accept} reassembles it, but its stateless cookie check
 *       ({@code DTLSVerifier}) silently drops it; so the server role never uses the cookie exchange.</li>
 *   <li>BouncyCastle 1.84 lets the SRTP keying material be exported only inside {@code notifyHandshakeComplete()};
 *       afterwards it throws {@link IllegalStateException}.</li>
 *   <li>BouncyCastle has no DTLS 1.3; both roles are pinned to DTLS 1.2 so a DTLS 1.3 offer is answered in 1.2.</li>
 * </ul>
 */
@NullMarked
package dev.wacalls.media.dtls;

import org.jspecify.annotations.NullMarked;
