/**
 * One WebRTC media leg end to end: SDP offer/answer, ICE, DTLS-SRTP and SRTP, assembled from the {@code sdp},
 * {@code ice}, {@code dtls}, {@code srtp} and {@code rtp} packages into {@link dev.wacalls.media.leg.WebRtcLeg}.
 * It is the smallest piece that proves the whole chain against a real browser;
 * {@link dev.wacalls.media.bridge.LegBridge} joins a WhatsApp leg and a browser leg.
 */
@NullMarked
package dev.wacalls.media.leg;

import org.jspecify.annotations.NullMarked;
