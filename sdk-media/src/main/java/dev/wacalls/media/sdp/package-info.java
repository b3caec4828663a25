/**
 * SDP for the WhatsApp leg and the browser leg: {@link dev.wacalls.media.sdp.SdpParser} reads any conforming
 * dialect (RFC 8866 SDP, RFC 8839 ICE, RFC 8842 DTLS, RFC 8843 BUNDLE) into immutable records,
 * {@link dev.wacalls.media.sdp.WhatsAppSdpRules} says whether the WhatsApp leg's description is one the engine can
 * terminate, and {@link dev.wacalls.media.sdp.SdpWriter} writes the offer or answer Meta requires (one BUNDLEd
 * {@code m=audio}, Opus 111, {@code telephone-event/8000}, sha-256 fingerprint, CRLF).
 *
 * <pre>{@code
 * SessionDescription offer = SdpParser.parse(webhookSdp);          // SdpParseException names the line
 * MediaDescription audio = WhatsAppSdpRules.check(offer).orThrow(); // "No fingerprint found in SDP", ...
 * LocalDescription answer = SdpWriter.builder()
 *         .iceCredentials(agent.ufrag(), agent.password())
 *         .fingerprint(Fingerprint.sha256(certificateDer))
 *         .ssrc(ssrc)
 *         .hostCandidate(publicAddress, port)
 *         .build()
 *         .answer(offer);                                          // mirrors mid and payload types
 * }</pre>
 */
@NullMarked
package dev.wacalls.media.sdp;

import org.jspecify.annotations.NullMarked;
