/**
 * The media engine that terminates WhatsApp calls on the business's servers: SDP, ICE, DTLS-SRTP, RTP/Opus and
 * the bridge between the WhatsApp leg and the recruiter's browser leg. Work in progress: see the sub-packages.
 */
@NullMarked
package dev.wacalls.media;

import org.jspecify.annotations.NullMarked;
