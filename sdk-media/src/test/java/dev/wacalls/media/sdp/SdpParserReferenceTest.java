package dev.wacalls.media.sdp;

import static dev.wacalls.media.sdp.SdpFixtures.parse;
import static dev.wacalls.media.sdp.SdpFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The real descriptions the engine will meet read into the fields it uses. */
class SdpParserReferenceTest {
    static final List<String> COMPLETE = SdpFixtures.COMPLETE;

    @ParameterizedTest
    @FieldSource("COMPLETE")
    void everyReferenceDescriptionParsesToOneBundledRtcpMuxedAudioLine(String fixture) {
        SessionDescription d = parse(fixture);

        assertThat(d.media()).hasSize(1);
        MediaDescription audio = d.media().get(0);
        assertThat(audio.kind()).isEqualTo("audio");
        assertThat(audio.protocol()).isEqualTo("UDP/TLS/RTP/SAVPF");
        assertThat(audio.rtcpMux()).isTrue();
        assertThat(audio.rtcpMuxOnly()).isFalse();
        assertThat(audio.opus()).isPresent();
        assertThat(audio.iceUfrag()).isNotBlank();
        assertThat(audio.icePwd()).hasSizeGreaterThanOrEqualTo(22);
        assertThat(audio.fingerprints()).singleElement()
                .satisfies(f -> assertThat(f.algorithm()).isEqualTo("sha-256"))
                .satisfies(f -> assertThat(f.value()).hasSize(32));
        assertThat(d.bundleGroup()).hasValueSatisfying(g -> assertThat(g.mids()).containsExactly(audio.mid()));
        assertThat(WhatsAppSdpRules.check(d).ok()).as(WhatsAppSdpRules.check(d).problems().toString()).isTrue();
    }

    @Test
    void metasOfferIsIceLiteWithAnIpv4AndAnIpv6HostCandidate() {
        SessionDescription d = parse(SdpFixtures.META_OFFER);
        MediaDescription audio = d.media().get(0);

        assertThat(d.iceLite()).isTrue();
        assertThat(d.origin().sessionId()).isEqualTo("7602563789789945080");
        assertThat(d.origin().sessionVersion()).isEqualTo("2");
        assertThat(audio.port()).isEqualTo(40012);
        assertThat(audio.connection()).isEqualTo(new Connection("IN", "IP4", "31.13.65.60"));
        assertThat(audio.mid()).isEqualTo("audio");
        assertThat(d.bundleGroup().orElseThrow().mids()).containsExactly("audio");
        assertThat(audio.setup()).isEqualTo(SetupRole.ACTPASS);
        assertThat(audio.direction()).isEqualTo(Direction.SENDRECV);
        assertThat(audio.iceUfrag()).isEqualTo("6k2qP1R6kBfI/2");
        assertThat(audio.icePwd()).isEqualTo("UApvJw3NcwFRDvIMKdM0vWCdlXah25E9");
        assertThat(audio.endOfCandidates()).isFalse();

        assertThat(audio.candidates()).hasSize(2);
        Candidate v4 = audio.candidates().get(0);
        assertThat(v4.foundation()).isEqualTo("1972637320");
        assertThat(v4.component()).isEqualTo(1);
        assertThat(v4.isUdp()).isTrue();
        assertThat(v4.priority()).isEqualTo(2113937151L);
        assertThat(v4.address()).isEqualTo("31.13.65.60");
        assertThat(v4.port()).isEqualTo(40012);
        assertThat(v4.type()).isEqualTo(CandidateType.HOST);
        assertThat(v4.isIpv6()).isFalse();
        assertThat(v4.extensions()).containsExactly(
                Map.entry("generation", "0"), Map.entry("network-cost", "50"), Map.entry("ufrag", "6k2qP1R6kBfI/2"));
        Candidate v6 = audio.candidates().get(1);
        assertThat(v6.address()).isEqualTo("2a03:2880:f211:cf:face:b00c:0:6443");
        assertThat(v6.isIpv6()).isTrue();
        assertThat(v6.priority()).isEqualTo(2113939711L);

        assertThat(audio.fingerprints().get(0).value()).isEqualTo(HexFormat.of().parseHex(
                "1BB66B40A50B8C750D8CCB902F99741E2645AEAF45C151608F73C92D106D8A88"));
        assertThat(audio.fingerprints().get(0).hex()).isEqualTo(
                "1B:B6:6B:40:A5:0B:8C:75:0D:8C:CB:90:2F:99:74:1E:26:45:AE:AF:45:C1:51:60:8F:73:C9:2D:10:6D:8A:88");

        assertThat(audio.payloadTypes()).containsExactly(111, 126);
        Codec opus = audio.opus().orElseThrow();
        assertThat(opus.payloadType()).isEqualTo(111);
        assertThat(opus.parameters()).containsExactly(Map.entry("minptime", "10"), Map.entry("useinbandfec", "1"));
        assertThat(opus.rtcpFeedback()).containsExactly("transport-cc");
        assertThat(audio.telephoneEvents()).singleElement()
                .satisfies(c -> assertThat(c.payloadType()).isEqualTo(126))
                .satisfies(c -> assertThat(c.clockRate()).isEqualTo(8000));
        assertThat(audio.extmaps()).extracting(Extmap::id).containsExactly(1, 2, 3);
        assertThat(audio.extmaps().get(0).uri()).isEqualTo("urn:ietf:params:rtp-hdrext:ssrc-audio-level");
        assertThat(audio.ssrcs()).singleElement()
                .satisfies(s -> assertThat(s.id()).isEqualTo(4208138518L))
                .satisfies(s -> assertThat(s.cname()).isEqualTo("gAXq2V9TKltrnapv"));
        assertThat(d.attributes("msid-semantic")).singleElement()
                .satisfies(a -> assertThat(a.value()).isEqualTo(" WMS 6932bc1c-db1a-4abe-b437-0c4168be8a13"));
        assertThat(audio.attributes("rtcp")).singleElement()
                .satisfies(a -> assertThat(a.value()).isEqualTo("9 IN IP4 0.0.0.0"));
    }

    @Test
    void chromiumsOfferHasEightCodecsTwoTelephoneEventsAndAFlaggedTcpCandidate() {
        SessionDescription d = parse(SdpFixtures.CHROMIUM_OFFER);
        MediaDescription audio = d.media().get(0);

        assertThat(d.iceLite()).isFalse();
        assertThat(audio.mid()).isEqualTo("0");
        assertThat(audio.setup()).isEqualTo(SetupRole.ACTPASS);
        assertThat(audio.iceOptions()).containsExactly("trickle");
        assertThat(audio.rtcpReducedSize()).isTrue();
        assertThat(audio.payloadTypes()).containsExactly(111, 63, 9, 0, 8, 13, 110, 126);
        assertThat(audio.codecs()).extracting(Codec::rtpmap).containsExactly("opus/48000/2", "red/48000/2",
                "G722/8000", "PCMU/8000", "PCMA/8000", "CN/8000", "telephone-event/48000", "telephone-event/8000");
        assertThat(audio.codec(63).orElseThrow().parameters()).containsExactly(Map.entry("111/111", ""));
        assertThat(audio.codec(63).orElseThrow().fmtp()).isEqualTo("111/111");
        assertThat(audio.telephoneEvents()).extracting(Codec::payloadType, Codec::clockRate)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(110, 48000),
                        org.assertj.core.groups.Tuple.tuple(126, 8000));
        assertThat(audio.extmaps()).extracting(Extmap::id).containsExactly(1, 2, 3, 4);
        assertThat(audio.msids()).containsExactly(
                "fde2a6b3-02ee-4fdd-8583-904d67d8213f c6236b18-cd11-4a2e-b273-1be7a62f46a9");
        assertThat(audio.ssrcs()).singleElement().satisfies(s -> {
            assertThat(s.id()).isEqualTo(2277997991L);
            assertThat(s.cname()).isEqualTo("HQAHjcpA62CaqfUQ");
            assertThat(s.attributes()).containsKey("msid");
        });

        assertThat(audio.candidates()).hasSize(2);
        Candidate tcp = audio.candidates().get(1);
        assertThat(tcp.isTcp()).isTrue();
        assertThat(tcp.port()).isEqualTo(9);
        assertThat(tcp.tcpType()).isEqualTo("active");
        assertThat(tcp.extensions()).containsEntry("network-id", "1");
        assertThat(audio.udpCandidates()).singleElement()
                .satisfies(c -> assertThat(c.address()).isEqualTo("127.0.0.1"))
                .satisfies(c -> assertThat(c.port()).isEqualTo(36313));
        assertThat(d.attributes("extmap-allow-mixed")).singleElement()
                .satisfies(a -> assertThat(a.value()).isNull());
    }

    @Test
    void chromiumsRecvonlyOfferHasNoSsrcAndTrickleAnswersHaveNoCandidates() {
        MediaDescription recvonly = parse(SdpFixtures.CHROMIUM_OFFER_RECVONLY).media().get(0);
        assertThat(recvonly.direction()).isEqualTo(Direction.RECVONLY);
        assertThat(recvonly.ssrcs()).isEmpty();

        MediaDescription trickleAnswer = parse(SdpFixtures.CHROMIUM_ANSWER_TRICKLE).media().get(0);
        assertThat(trickleAnswer.setup()).isEqualTo(SetupRole.ACTIVE);
        assertThat(trickleAnswer.candidates()).isEmpty();
        assertThat(trickleAnswer.port()).isEqualTo(9);
        assertThat(trickleAnswer.direction()).isEqualTo(Direction.RECVONLY);

        MediaDescription answer = parse(SdpFixtures.CHROMIUM_ANSWER).media().get(0);
        assertThat(answer.setup()).isEqualTo(SetupRole.ACTIVE);
        assertThat(answer.ssrcs()).extracting(Ssrc::cname).containsExactly("KP9BeNA9+XoVQLvz");
        assertThat(answer.iceUfrag()).isEqualTo("GI+B");
    }

    @Test
    void weriftsOfferHasUpperCaseOpusOn96AndEndOfCandidatesAndASrflxCandidate() {
        SessionDescription d = parse(SdpFixtures.WERIFT_OFFER);
        MediaDescription audio = d.media().get(0);

        assertThat(d.origin().address()).isEqualTo("0.0.0.0");
        assertThat(d.origin().sessionVersion()).isEqualTo("0");
        assertThat(audio.direction()).isEqualTo(Direction.SENDONLY);
        Codec opus = audio.opus().orElseThrow();
        assertThat(opus.payloadType()).isEqualTo(96);
        assertThat(opus.name()).isEqualTo("OPUS");
        assertThat(opus.parameters()).isEmpty();
        assertThat(audio.telephoneEvents()).isEmpty();
        assertThat(audio.endOfCandidates()).isTrue();
        assertThat(audio.candidates()).hasSize(2);
        assertThat(audio.candidates().get(0).foundation()).isEqualTo("626da4e5384a0ce2d0d93678a");
        assertThat(audio.candidates().get(0).ufrag()).isEqualTo("0161");
        Candidate srflx = audio.candidates().get(1);
        assertThat(srflx.type()).isEqualTo(CandidateType.SRFLX);
        assertThat(srflx.relatedAddress()).isEqualTo("127.0.0.1");
        assertThat(srflx.relatedPort()).isEqualTo(33232);
        assertThat(audio.ssrcs()).singleElement()
                .satisfies(s -> assertThat(s.cname()).isEqualTo("c0dda1fe-3145-47a8-9322-76cb61403105"));
        assertThat(audio.fingerprints().get(0).hex()).startsWith("22:46:43:45");

        MediaDescription answer = parse(SdpFixtures.WERIFT_ANSWER).media().get(0);
        assertThat(answer.payloadTypes()).containsExactly(111);
        assertThat(answer.setup()).isEqualTo(SetupRole.ACTIVE);
    }

    @Test
    void metasSampleAnswerIsOnlyAFragmentAndItsFingerprintIsElided() {
        String fragment = read(SdpFixtures.META_ANSWER_FRAGMENT);
        assertThatThrownBy(() -> SdpParser.parse(fragment))
                .isInstanceOfSatisfying(SdpParseException.class, e -> {
                    assertThat(e.lineNumber()).isEqualTo(1);
                    assertThat(e.problem()).startsWith("missing v= line");
                });

        String header = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n";
        assertThatThrownBy(() -> SdpParser.parse(header + fragment))
                .isInstanceOfSatisfying(SdpParseException.class, e -> {
                    assertThat(e.lineNumber()).isEqualTo(9);
                    assertThat(e.problem()).contains("bad a=fingerprint");
                    assertThat(e.getMessage()).contains("SDP line 9").contains("2E:35:…:2A:ED");
                });

        String full = "2E:35:" + "00:".repeat(28) + "2A:ED";
        SessionDescription d = SdpParser.parse(header + fragment.replace("2E:35:…:2A:ED", full));
        MediaDescription audio = d.media().get(0);
        assertThat(audio.setup()).isEqualTo(SetupRole.ACTIVE);
        assertThat(audio.mid()).isEqualTo("audio");
        assertThat(audio.candidates()).isEmpty();
        assertThat(audio.connection()).isEqualTo(new Connection("IN", "IP4", "0.0.0.0"));
        assertThat(audio.payloadTypes()).containsExactly(111, 126);
        assertThat(d.iceLite()).isFalse();
    }
}
