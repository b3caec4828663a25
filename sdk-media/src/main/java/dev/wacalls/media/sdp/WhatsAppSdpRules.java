package dev.wacalls.media.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Checks the WhatsApp leg's remote description (Meta's offer in a user-initiated call, Meta's answer in a
 * business-initiated one) against what the engine needs and what Meta documents (calling API reference §6.2–6.5).
 *
 * <p>Errors: not exactly one usable audio m-line (Meta sends "only one m-line and one audio track"); a protocol other
 * than {@code UDP/TLS/RTP/SAVPF} or {@code RTP/SAVPF} (DTLS-SRTP is the default key exchange); no
 * {@code opus/48000/2}; no ICE ufrag or pwd; no fingerprint ("No fingerprint found in SDP", Meta's own text); no
 * sha-256 fingerprint (Meta uses sha-256 only); no {@code rtcp-mux}; {@code a=setup:holdconn}. Warnings: other
 * m-lines (they are rejected in the answer), no {@code telephone-event/8000} (Meta uses 126 anyway), no UDP
 * candidate, ICE credentials shorter than RFC 8839 §5.4 allows, a direction other than sendrecv, no
 * {@code a=setup}.
 *
 * <pre>{@code
 * SdpCheck check = WhatsAppSdpRules.check(SdpParser.parse(connectWebhook.sdp()));
 * check.problems().forEach(p -> log.info("{}", p));
 * MediaDescription audio = check.orThrow();
 * }</pre>
 */
public final class WhatsAppSdpRules {
    private WhatsAppSdpRules() {}

    /** Checks a remote description; never throws. */
    public static SdpCheck check(SessionDescription remote) {
        List<SdpProblem> problems = new ArrayList<>();
        List<MediaDescription> audio = remote.usableAudio();
        for (int i = 0; i < remote.media().size(); i++) {
            MediaDescription m = remote.media().get(i);
            if (!m.isRejected() && !m.isAudio()) {
                problems.add(SdpProblem.warning(SdpProblem.Kind.IGNORED_MEDIA,
                        "m-line " + (i + 1) + " (" + m.kind() + ") is not audio and will be rejected"));
            }
        }
        if (audio.isEmpty()) {
            problems.add(SdpProblem.error(SdpProblem.Kind.NO_AUDIO, "no usable audio m-line (port ≠ 0)"));
            return new SdpCheck(problems, null);
        }
        if (audio.size() > 1) {
            problems.add(SdpProblem.error(SdpProblem.Kind.SEVERAL_AUDIO, audio.size()
                    + " usable audio m-lines; WhatsApp allows exactly one m-line and one audio track"));
            return new SdpCheck(problems, null);
        }
        MediaDescription a = audio.get(0);
        checkAudio(a, problems);
        return new SdpCheck(problems, a);
    }

    /**
     * Whether an m-line protocol is DTLS-SRTP with RTCP feedback, the one profile WebRTC and Meta use:
     * {@code UDP/TLS/RTP/SAVPF}, or {@code RTP/SAVPF} as older stacks write it (RFC 5764 §8). The writer answers with
     * {@code UDP/TLS/RTP/SAVPF}, so a {@code …/SAVP} offer (no feedback) cannot be answered faithfully and is refused.
     */
    public static boolean isDtlsSrtp(String protocol) {
        return protocol.equalsIgnoreCase("UDP/TLS/RTP/SAVPF") || protocol.equalsIgnoreCase("RTP/SAVPF");
    }

    private static void checkAudio(MediaDescription a, List<SdpProblem> problems) {
        String proto = a.protocol();
        if (!isDtlsSrtp(proto)) {
            problems.add(SdpProblem.error(SdpProblem.Kind.BAD_PROTOCOL,
                    "protocol " + proto + " is not UDP/TLS/RTP/SAVPF (DTLS-SRTP)"));
        }
        if (a.opus().isEmpty()) {
            String offered = a.codecs().stream().map(Codec::rtpmap).collect(Collectors.joining(", "));
            problems.add(SdpProblem.error(SdpProblem.Kind.NO_OPUS,
                    "no Opus codec (opus/48000/2); offered: " + (offered.isEmpty() ? "nothing" : offered)));
        }
        if (a.codec("telephone-event", 8000).isEmpty()) {
            problems.add(SdpProblem.warning(SdpProblem.Kind.NO_TELEPHONE_EVENT,
                    "no telephone-event/8000: DTMF will use payload type 126, as Meta does when it is missing"));
        }
        if (a.iceUfrag() == null || a.icePwd() == null) {
            problems.add(SdpProblem.error(SdpProblem.Kind.NO_ICE_CREDENTIALS,
                    a.iceUfrag() == null ? "no a=ice-ufrag" : "no a=ice-pwd"));
        } else if (a.iceUfrag().length() < 4 || a.icePwd().length() < 22) {
            problems.add(SdpProblem.warning(SdpProblem.Kind.BAD_ICE_CREDENTIALS,
                    "ICE ufrag/pwd shorter than RFC 8839 §5.4 allows (4 and 22 characters)"));
        }
        if (a.udpCandidates().isEmpty()) {
            problems.add(SdpProblem.warning(SdpProblem.Kind.NO_CANDIDATES,
                    "no UDP ICE candidate (TCP candidates are ignored); connectivity depends on trickled ones"));
        }
        if (a.fingerprints().isEmpty()) {
            problems.add(SdpProblem.error(SdpProblem.Kind.NO_FINGERPRINT, "No fingerprint found in SDP"));
        } else if (a.fingerprint("sha-256").isEmpty()) {
            String found = a.fingerprints().stream().map(Fingerprint::algorithm).distinct()
                    .collect(Collectors.joining(", "));
            problems.add(SdpProblem.error(SdpProblem.Kind.NO_SHA256_FINGERPRINT,
                    "no sha-256 fingerprint (found " + found + "); WhatsApp uses SHA-256 fingerprints only"));
        }
        if (a.setup() == SetupRole.HOLDCONN) {
            problems.add(SdpProblem.error(SdpProblem.Kind.BAD_SETUP, "a=setup:holdconn: the peer will not connect"));
        } else if (a.setup() == null) {
            problems.add(SdpProblem.warning(SdpProblem.Kind.BAD_SETUP,
                    "no a=setup: RFC 4145 §4 then means active, so we will be the DTLS server"));
        }
        if (!a.rtcpMux()) {
            problems.add(SdpProblem.error(SdpProblem.Kind.NO_RTCP_MUX,
                    "no a=rtcp-mux: the engine multiplexes RTP and RTCP on one port, as Meta requires"));
        }
        if (a.direction() != Direction.SENDRECV) {
            problems.add(SdpProblem.warning(SdpProblem.Kind.NOT_SENDRECV,
                    "direction is " + a.direction().sdpValue() + ", not sendrecv"));
        }
    }
}
