package dev.wacalls.media.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wacalls.media.sdp.SdpProblem.Kind;
import dev.wacalls.media.sdp.SdpProblem.Severity;
import org.junit.jupiter.api.Test;

/** What the engine refuses in the WhatsApp leg's description, in words a support engineer understands. */
class WhatsAppSdpRulesTest {
    private static final String META = SdpFixtures.read(SdpFixtures.META_OFFER);

    private static SdpCheck check(String sdp) {
        return WhatsAppSdpRules.check(SdpParser.parse(sdp));
    }

    @Test
    void metasOfferPassesWithoutProblems() {
        SdpCheck check = check(META);
        assertThat(check.problems()).isEmpty();
        assertThat(check.ok()).isTrue();
        assertThat(check.orThrow().mid()).isEqualTo("audio");
    }

    @Test
    void anOfferWithoutOpusIsAnError() {
        String noOpus = META.replace("UDP/TLS/RTP/SAVPF 111 126", "UDP/TLS/RTP/SAVPF 8 126")
                .replace("a=rtpmap:111 opus/48000/2\r\n", "a=rtpmap:8 PCMA/8000\r\n");
        SdpCheck check = check(noOpus);
        assertThat(check.ok()).isFalse();
        assertThat(check.errors()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.NO_OPUS);
            assertThat(p.message()).startsWith("no Opus codec").contains("PCMA/8000");
        });
        assertThatThrownBy(check::orThrow).isInstanceOf(SdpNegotiationException.class)
                .hasMessageContaining("no Opus codec");
    }

    @Test
    void monoOpusIsNotTheOpusMetaRequires() {
        SdpCheck check = check(META.replace("opus/48000/2", "opus/48000"));
        assertThat(check.errors()).extracting(SdpProblem::kind).containsExactly(Kind.NO_OPUS);
    }

    @Test
    void upperCaseOpusIsAccepted() {
        assertThat(check(META.replace("opus/48000/2", "OPUS/48000/2")).ok()).isTrue();
    }

    @Test
    void noFingerprintUsesMetasOwnWords() {
        String none = META.replaceAll("a=fingerprint:[^\r]*\r\n", "");
        assertThat(check(none).errors()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.NO_FINGERPRINT);
            assertThat(p.message()).isEqualTo("No fingerprint found in SDP");
        });
    }

    @Test
    void aSha384FingerprintAloneIsNotEnough() {
        String sha384 = META.replaceAll("a=fingerprint:[^\r]*\r\n",
                "a=fingerprint:sha-384 " + SdpParserDialectTest.hexPairs(48, 0x11) + "\r\n");
        assertThat(check(sha384).errors()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.NO_SHA256_FINGERPRINT);
            assertThat(p.message()).contains("no sha-256 fingerprint").contains("sha-384");
        });
    }

    @Test
    void missingIceCredentialsRtcpMuxOrTheWrongProtocolAreErrors() {
        assertThat(check(META.replace("a=ice-pwd:UApvJw3NcwFRDvIMKdM0vWCdlXah25E9\r\n", "")).errors())
                .extracting(SdpProblem::kind, SdpProblem::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.NO_ICE_CREDENTIALS, "no a=ice-pwd"));
        assertThat(check(META.replace("a=ice-ufrag:6k2qP1R6kBfI/2\r\n", "")).errors())
                .extracting(SdpProblem::kind).containsExactly(Kind.NO_ICE_CREDENTIALS);
        assertThat(check(META.replace("a=rtcp-mux\r\n", "")).errors())
                .extracting(SdpProblem::kind).containsExactly(Kind.NO_RTCP_MUX);
        assertThat(check(META.replace("UDP/TLS/RTP/SAVPF", "RTP/AVP")).errors())
                .extracting(SdpProblem::kind).containsExactly(Kind.BAD_PROTOCOL);
        assertThat(check(META.replace("UDP/TLS/RTP/SAVPF", "RTP/SAVPF")).ok()).isTrue();
        assertThat(check(META.replace("a=setup:actpass", "a=setup:holdconn")).errors())
                .extracting(SdpProblem::kind).containsExactly(Kind.BAD_SETUP);
    }

    @Test
    void exactlyOneUsableAudioLineOtherMediaAreWarnings() {
        String withVideo = META + "m=video 9 UDP/TLS/RTP/SAVPF 96\r\na=mid:v\r\na=rtpmap:96 VP8/90000\r\n"
                + "m=audio 0 UDP/TLS/RTP/SAVPF 111\r\n";
        SdpCheck check = check(withVideo);
        assertThat(check.ok()).isTrue();
        assertThat(check.warnings()).extracting(SdpProblem::kind).containsExactly(Kind.IGNORED_MEDIA);

        String twoAudio = META + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=rtpmap:111 opus/48000/2\r\n";
        assertThat(check(twoAudio).errors()).extracting(SdpProblem::kind).containsExactly(Kind.SEVERAL_AUDIO);
        assertThat(check(twoAudio).audio()).isNull();

        String noAudio = META.replace("m=audio 40012", "m=audio 0");
        assertThat(check(noAudio).errors()).extracting(SdpProblem::kind).containsExactly(Kind.NO_AUDIO);
    }

    @Test
    void unusualButWorkableDescriptionsGetWarnings() {
        String sdp = META.replace("a=rtpmap:126 telephone-event/8000\r\n", "")
                .replaceAll("a=candidate:[^\r]*\r\n", "")
                .replace("a=sendrecv", "a=recvonly")
                .replace("a=setup:actpass\r\n", "");
        SdpCheck check = check(sdp);
        assertThat(check.ok()).isTrue();
        assertThat(check.problems()).allMatch(p -> p.severity() == Severity.WARNING)
                .extracting(SdpProblem::kind)
                .containsExactly(Kind.NO_TELEPHONE_EVENT, Kind.NO_CANDIDATES, Kind.BAD_SETUP, Kind.NOT_SENDRECV);
    }

    @Test
    void sessionLevelCredentialsAndFingerprintCount() {
        String moved = META.replace("a=ice-lite\r\n", "a=ice-lite\r\na=ice-ufrag:6k2qP1R6kBfI/2\r\n"
                        + "a=ice-pwd:UApvJw3NcwFRDvIMKdM0vWCdlXah25E9\r\n")
                .replace("a=ice-ufrag:6k2qP1R6kBfI/2\r\na=ice-pwd:UApvJw3NcwFRDvIMKdM0vWCdlXah25E9\r\na=fingerprint",
                        "a=fingerprint");
        assertThat(SdpParser.parse(moved).attributes("ice-ufrag")).hasSize(1);
        assertThat(check(moved).problems()).isEmpty();
    }
}
