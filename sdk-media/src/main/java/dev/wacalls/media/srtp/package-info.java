/**
 * SRTP and SRTCP (RFC 3711, RFC 7714) for both legs, on top of jitsi-srtp, with the keys of the DTLS-SRTP handshake
 * (RFC 5764): one {@link dev.wacalls.media.srtp.SrtpTransformer} per direction per leg, working in place on a
 * {@link dev.wacalls.media.rtp.PacketBuffer} and answering with a {@link dev.wacalls.media.srtp.SrtpStatus}.
 *
 * <pre>{@code
 * DtlsHandshakeResult keys = session.result();
 * SrtpTransformer fromWhatsApp = SrtpTransformer.forReceiving(keys);   // remote key: unprotects
 * SrtpTransformer toWhatsApp = SrtpTransformer.forSending(keys);       // local key: protects
 *
 * SrtpStatus s = fromWhatsApp.transformRtp(buf);
 * if (s != SrtpStatus.OK) {
 *     buf.release();                                                   // counted by the transformer
 *     return;
 * }
 * }</pre>
 *
 * <h2>What jitsi-srtp does and does not do for us</h2>
 * <ul>
 *   <li>It keeps one crypto context per SSRC and derives the session keys (RFC 3711 §4.3) when a context is made, so
 *       the transformer caches a few contexts per SSRC and derives a receiving context only when the packet also
 *       authenticates.</li>
 *   <li>It appends tags in place but needs the room: 10 bytes (HMAC-SHA1-80), 16 (GCM), plus 4 for the SRTCP index.
 *       The transformer makes that room inside the buffer (moving the packet into its head room if needed) and
 *       answers {@link dev.wacalls.media.srtp.SrtpStatus#NO_ROOM} instead of letting the library reallocate.</li>
 *   <li>It does not check the RTP header before protecting, and throws on some malformed input; the transformer
 *       validates first and turns any exception into {@link dev.wacalls.media.srtp.SrtpStatus#FAIL}.</li>
 *   <li>It allocates on every packet inside the JCE ({@code Cipher.init} with a fresh {@code IvParameterSpec} or
 *       {@code GCMParameterSpec}); see {@code benchmarks/} for the measured bytes per packet.</li>
 * </ul>
 */
@NullMarked
package dev.wacalls.media.srtp;

import org.jspecify.annotations.NullMarked;
