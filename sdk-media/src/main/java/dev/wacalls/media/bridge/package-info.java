/**
 * Joins two {@link dev.wacalls.media.leg.WebRtcLeg}s into one call: {@link dev.wacalls.media.bridge.LegBridge}
 * forwards the WhatsApp user's audio to the recruiter's browser and back, rewriting each direction into one
 * continuous RTP stream with the SSRC and payload types the receiving leg negotiated.
 */
@NullMarked
package dev.wacalls.media.bridge;

import org.jspecify.annotations.NullMarked;
