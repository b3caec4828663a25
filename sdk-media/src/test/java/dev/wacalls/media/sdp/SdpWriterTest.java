package dev.wacalls.media.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** What we send Meta (and browsers) has Meta's required shape and reads back into what we asked for. */
class SdpWriterTest {
    private static final String UFRAG = "X1ho";
    private static final String PWD = "7fJSbV2N5qWiA5QiDKwK3vuh";
    private static final Fingerprint FP = Fingerprint.sha256("our certificate".getBytes());
    private static final long SSRC = 0xDEADBEEFL;

    private static SdpWriter.Builder builder() {
        return SdpWriter.builder()
                .iceCredentials(UFRAG, PWD)
                .fingerprint(FP)
                .ssrc(SSRC)
                .cname("wacalls")
                .random(new SplittableRandom(7));
    }

    private static SdpWriter withCandidates() throws Exception {
        return builder()
                .hostCandidate(new InetSocketAddress(InetAddress.getByName("203.0.113.7"), 40000))
                .hostCandidate(InetAddress.getByName("2001:db8::7"), 40000)
                .build();
    }

    private static List<String> lines(String sdp) {
        return Arrays.asList(sdp.split("\r\n"));
    }

    private static void assertMetasShape(String sdp) {
        // CRLF everywhere: no LF without its CR, no CR without its LF, and the last line ends too.
        assertThat(sdp).endsWith("\r\n").doesNotContainPattern("[^\r]\n").doesNotContainPattern("\r[^\n]");
        List<String> lines = lines(sdp);
        assertThat(lines.get(0)).isEqualTo("v=0");
        assertThat(lines.get(1)).matches("o=- \\d+ 2 IN IP4 127\\.0\\.0\\.1");
        assertThat(lines).filteredOn(l -> l.startsWith("m=audio")).hasSize(1);
        assertThat(lines).filteredOn(l -> l.startsWith("m=")).hasSize(1);
        assertThat(lines).filteredOn(l -> l.startsWith("a=fingerprint:")).singleElement()
                .asString().startsWith("a=fingerprint:sha-256 ");
        assertThat(lines).filteredOn(l -> l.startsWith("a=ssrc:")).hasSize(1);
        assertThat(lines).contains("a=rtcp-mux", "a=rtpmap:111 opus/48000/2",
                "a=fmtp:111 minptime=10;useinbandfec=1", "a=rtpmap:126 telephone-event/8000", "a=ptime:20",
                "a=sendrecv");
        assertThat(lines).noneMatch(l -> l.startsWith("a=ice-lite"));
        String mid = lines.stream().filter(l -> l.startsWith("a=mid:")).findFirst().orElseThrow().substring(6);
        assertThat(lines).contains("a=group:BUNDLE " + mid);
    }

    @Test
    void anOfferIsExactlyWhatMetaAsksFor() throws Exception {
        LocalDescription offer = withCandidates().offer();
        List<String> lines = lines(offer.sdp());

        assertMetasShape(offer.sdp());
        long v4 = (126L << 24) + (65535L << 8) + 255;
        long v6 = (126L << 24) + (65534L << 8) + 255;
        String f4 = offer.audio().candidates().get(0).foundation();
        String f6 = offer.audio().candidates().get(1).foundation();
        assertThat(lines.subList(2, lines.size())).containsExactly(
                "s=-",
                "t=0 0",
                "a=group:BUNDLE 0",
                "m=audio 40000 UDP/TLS/RTP/SAVPF 111 126",
                "c=IN IP4 203.0.113.7",
                "a=candidate:" + f4 + " 1 udp " + v4 + " 203.0.113.7 40000 typ host",
                "a=candidate:" + f6 + " 1 udp " + v6 + " 2001:db8:0:0:0:0:0:7 40000 typ host",
                "a=ice-ufrag:X1ho",
                "a=ice-pwd:7fJSbV2N5qWiA5QiDKwK3vuh",
                "a=fingerprint:" + FP.toAttributeValue(),
                "a=setup:actpass",
                "a=mid:0",
                "a=sendrecv",
                "a=rtcp-mux",
                "a=rtpmap:111 opus/48000/2",
                "a=fmtp:111 minptime=10;useinbandfec=1",
                "a=rtpmap:126 telephone-event/8000",
                "a=ptime:20",
                "a=ssrc:3735928559 cname:wacalls");
        assertThat(v4).isEqualTo(2130706431L);
    }

    @Test
    void anOfferReadsBackIntoWhatWasAsked() throws Exception {
        LocalDescription offer = withCandidates().offer();
        SessionDescription parsed = SdpParser.parse(offer.sdp());
        assertThat(parsed).isEqualTo(offer.description());

        MediaDescription audio = parsed.media().get(0);
        assertThat(parsed.iceLite()).isFalse();
        assertThat(parsed.origin().sessionVersion()).isEqualTo("2");
        assertThat(audio.mid()).isEqualTo("0").isEqualTo(offer.mid());
        assertThat(audio.iceUfrag()).isEqualTo(UFRAG);
        assertThat(audio.icePwd()).isEqualTo(PWD);
        assertThat(audio.iceOptions()).isEmpty();
        assertThat(audio.fingerprints()).containsExactly(FP);
        assertThat(audio.setup()).isEqualTo(SetupRole.ACTPASS).isEqualTo(offer.setup());
        assertThat(audio.direction()).isEqualTo(Direction.SENDRECV);
        assertThat(audio.rtcpMux()).isTrue();
        assertThat(audio.ptime()).isEqualTo(20);
        assertThat(audio.codecs()).extracting(Codec::payloadType, Codec::rtpmap, Codec::fmtp).containsExactly(
                org.assertj.core.groups.Tuple.tuple(111, "opus/48000/2", "minptime=10;useinbandfec=1"),
                org.assertj.core.groups.Tuple.tuple(126, "telephone-event/8000", ""));
        assertThat(offer.opusPayloadType()).isEqualTo(111);
        assertThat(offer.telephoneEventPayloadType()).isEqualTo(126);
        assertThat(audio.ssrcs()).singleElement().satisfies(s -> {
            assertThat(s.id()).isEqualTo(SSRC);
            assertThat(s.cname()).isEqualTo("wacalls");
        });
        assertThat(audio.candidates()).extracting(Candidate::address, Candidate::port, Candidate::type,
                Candidate::component).containsExactly(
                org.assertj.core.groups.Tuple.tuple("203.0.113.7", 40000, CandidateType.HOST, 1),
                org.assertj.core.groups.Tuple.tuple("2001:db8:0:0:0:0:0:7", 40000, CandidateType.HOST, 1));
        assertThat(WhatsAppSdpRules.check(parsed).problems()).isEmpty();
    }

    @Test
    void withoutCandidatesTheDefaultAddressIsPort9OnAnyAddress() {
        LocalDescription offer = builder().build().offer();
        assertThat(lines(offer.sdp())).contains("m=audio 9 UDP/TLS/RTP/SAVPF 111 126", "c=IN IP4 0.0.0.0")
                .noneMatch(l -> l.startsWith("a=candidate"));
        assertMetasShape(offer.sdp());
    }

    @Test
    void anIpv6FirstCandidateGivesAnIp6ConnectionLine() throws Exception {
        LocalDescription offer = builder().hostCandidate(InetAddress.getByName("::1"), 5000, 100).build().offer();
        assertThat(lines(offer.sdp())).contains("c=IN IP6 0:0:0:0:0:0:0:1", "m=audio 5000 UDP/TLS/RTP/SAVPF 111 126");
        assertThat(offer.audio().candidates().get(0).priority()).isEqualTo((126L << 24) + (100L << 8) + 255);
    }

    @Test
    void foundationsAreStablePerAddress() {
        Candidate a = SdpWriter.hostCandidate("192.0.2.1", 1000, 65535);
        assertThat(SdpWriter.hostCandidate("192.0.2.1", 2000, 1).foundation()).isEqualTo(a.foundation());
        assertThat(SdpWriter.hostCandidate("192.0.2.2", 1000, 65535).foundation()).isNotEqualTo(a.foundation());
    }

    @Test
    void optionsChangeMidSetupCodecsAndIceOptions() {
        LocalDescription offer = builder().mid("audio0").offerSetup(SetupRole.ACTIVE).pcmu(true).pcma(true)
                .iceOptions("trickle").build().offer();
        assertThat(lines(offer.sdp())).contains("a=group:BUNDLE audio0", "a=mid:audio0", "a=setup:active",
                "m=audio 9 UDP/TLS/RTP/SAVPF 111 0 8 126", "a=rtpmap:0 PCMU/8000", "a=rtpmap:8 PCMA/8000",
                "a=ice-options:trickle");
        assertMetasShape(offer.sdp());
    }

    @Test
    void eachDescriptionHasANewRandomSessionId() {
        SdpWriter writer = builder().build();
        String a = lines(writer.offer().sdp()).get(1);
        String b = lines(writer.offer().sdp()).get(1);
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void theAnswerToMetasOfferMirrorsItsMidAndIsTheDtlsClient() throws Exception {
        SessionDescription offer = SdpFixtures.parse(SdpFixtures.META_OFFER);
        LocalDescription answer = withCandidates().answer(offer);

        assertMetasShape(answer.sdp());
        assertThat(lines(answer.sdp())).contains("a=group:BUNDLE audio", "a=mid:audio", "a=setup:active",
                "m=audio 40000 UDP/TLS/RTP/SAVPF 111 126");
        assertThat(answer.setup()).isEqualTo(SetupRole.ACTIVE);
        assertThat(answer.mid()).isEqualTo("audio");
        assertThat(answer.opusPayloadType()).isEqualTo(111);
        assertThat(answer.telephoneEventPayloadType()).isEqualTo(126);
    }

    @Test
    void theAnswerToChromiumMirrorsMid0AndPayloadTypesAndDropsWhatMetaDoesNotUse() {
        SessionDescription offer = SdpFixtures.parse(SdpFixtures.CHROMIUM_OFFER);
        LocalDescription answer = builder().build().answer(offer);

        assertMetasShape(answer.sdp());
        assertThat(answer.mid()).isEqualTo("0");
        assertThat(answer.audio().payloadTypes()).containsExactly(111, 126);
        assertThat(answer.sdp()).doesNotContain("red/", "G722", "CN/", "telephone-event/48000", "PCMU", "PCMA",
                "a=rtcp-fb", "a=extmap");
        assertThat(lines(answer.sdp())).contains("a=group:BUNDLE 0", "a=setup:active");

        LocalDescription withG711 = builder().pcma(true).pcmu(true).build().answer(offer);
        assertThat(withG711.audio().payloadTypes()).containsExactly(111, 0, 8, 126);
    }

    @Test
    void anAnswerUsesTheOffersPayloadTypeNumbersAndOnlyItsCodecs() {
        SessionDescription offer = SdpParser.parse(SdpParserDialectTest.lines("v=0", "o=- 1 1 IN IP4 0.0.0.0",
                "s=-", "t=0 0", "a=group:BUNDLE a", "m=audio 9 UDP/TLS/RTP/SAVPF 109 101 100",
                "a=mid:a", "a=rtpmap:109 OPUS/48000/2", "a=rtpmap:101 telephone-event/8000",
                "a=rtpmap:100 PCMU/8000", "a=setup:actpass", "a=rtcp-mux"));
        LocalDescription answer = builder().pcma(true).pcmu(true).build().answer(offer);
        assertThat(lines(answer.sdp())).contains("m=audio 9 UDP/TLS/RTP/SAVPF 109 100 101",
                "a=rtpmap:109 opus/48000/2", "a=fmtp:109 minptime=10;useinbandfec=1",
                "a=rtpmap:100 PCMU/8000", "a=rtpmap:101 telephone-event/8000");
        assertThat(answer.opusPayloadType()).isEqualTo(109);
    }

    @Test
    void anAnswerToAOneWayOfferGoesTheOtherWayAndRecvonlySendsNoSsrc() {
        LocalDescription answer = builder().build().answer(SdpFixtures.parse(SdpFixtures.WERIFT_OFFER));
        assertThat(answer.audio().direction()).isEqualTo(Direction.RECVONLY);
        assertThat(answer.audio().ssrcs()).isEmpty();
        assertThat(answer.audio().payloadTypes()).containsExactly(96);
        assertThat(answer.telephoneEventPayloadType()).isNull();

        LocalDescription toRecvonly = builder().build().answer(SdpFixtures.parse(SdpFixtures.CHROMIUM_OFFER_RECVONLY));
        assertThat(toRecvonly.audio().direction()).isEqualTo(Direction.SENDONLY);
        assertThat(toRecvonly.audio().ssrcs()).hasSize(1);
    }

    @Test
    void theDtlsRoleAnswersTheOffersRole() {
        String meta = SdpFixtures.read(SdpFixtures.META_OFFER);
        SdpWriter writer = builder().build();
        assertThat(writer.answer(SdpParser.parse(meta.replace("setup:actpass", "setup:active"))).setup())
                .isEqualTo(SetupRole.PASSIVE);
        assertThat(writer.answer(SdpParser.parse(meta.replace("setup:actpass", "setup:passive"))).setup())
                .isEqualTo(SetupRole.ACTIVE);
        assertThat(writer.answer(SdpParser.parse(meta.replace("a=setup:actpass\r\n", ""))).setup())
                .isEqualTo(SetupRole.PASSIVE);
        assertThat(builder().setupWhenOfferIsActpass(SetupRole.PASSIVE).build()
                .answer(SdpParser.parse(meta)).setup()).isEqualTo(SetupRole.PASSIVE);
        assertThatThrownBy(() -> writer.answer(SdpParser.parse(meta.replace("setup:actpass", "setup:holdconn"))))
                .isInstanceOf(SdpNegotiationException.class).hasMessageContaining("holdconn");
    }

    @Test
    void answeringAnOfferWithoutOpusFailsClearly() {
        String meta = SdpFixtures.read(SdpFixtures.META_OFFER);
        String noOpus = meta.replace("UDP/TLS/RTP/SAVPF 111 126", "UDP/TLS/RTP/SAVPF 0 126")
                .replace("a=rtpmap:111 opus/48000/2", "a=rtpmap:0 PCMU/8000");
        SdpNegotiationException e = catchThrowableOfType(SdpNegotiationException.class,
                () -> builder().pcmu(true).build().answer(SdpParser.parse(noOpus)));
        assertThat(e).hasMessage("cannot answer: no Opus codec (opus/48000/2) in the offer");
        assertThat(e.problems()).extracting(SdpProblem::kind).containsExactly(SdpProblem.Kind.NO_OPUS);

        assertThatThrownBy(() -> builder().build().answer(SdpParser.parse(meta.replace("m=audio 40012", "m=audio 0"))))
                .isInstanceOf(SdpNegotiationException.class).hasMessageContaining("no usable audio m-line");
        assertThatThrownBy(() -> builder().build().answer(SdpParser.parse(meta.replace("UDP/TLS/RTP/SAVPF", "RTP/AVP"))))
                .isInstanceOf(SdpNegotiationException.class).hasMessageContaining("not DTLS-SRTP");
    }

    @Test
    void otherMLinesAreRejectedWithPortZeroAndLeftOutOfTheBundle() {
        SessionDescription offer = SdpParser.parse(SdpParserDialectTest.lines("v=0", "o=- 1 1 IN IP4 0.0.0.0",
                "s=-", "t=0 0", "a=group:BUNDLE v a d", "m=video 9 UDP/TLS/RTP/SAVPF 96", "a=mid:v",
                "a=rtpmap:96 VP8/90000", "m=audio 9 UDP/TLS/RTP/SAVPF 111", "a=mid:a", "a=rtpmap:111 opus/48000/2",
                "m=application 9 UDP/DTLS/SCTP webrtc-datachannel", "a=mid:d"));
        LocalDescription answer = builder().build().answer(offer);
        assertThat(answer.description().media()).extracting(MediaDescription::kind, MediaDescription::port,
                MediaDescription::mid).containsExactly(
                org.assertj.core.groups.Tuple.tuple("video", 0, "v"),
                org.assertj.core.groups.Tuple.tuple("audio", 9, "a"),
                org.assertj.core.groups.Tuple.tuple("application", 0, "d"));
        assertThat(answer.description().bundleGroup().orElseThrow().mids()).containsExactly("a");
        assertThat(lines(answer.sdp())).contains("m=video 0 UDP/TLS/RTP/SAVPF 96",
                "m=application 0 UDP/DTLS/SCTP webrtc-datachannel");
    }

    @Test
    void anOfferWithoutMidOrBundleGetsAnAnswerWithoutThem() {
        SessionDescription offer = SdpParser.parse(SdpParserDialectTest.lines("v=0", "o=- 1 1 IN IP4 0.0.0.0",
                "s=-", "t=0 0", "m=audio 9 RTP/SAVPF 111", "a=rtpmap:111 opus/48000/2"));
        LocalDescription answer = builder().build().answer(offer);
        assertThat(answer.mid()).isNull();
        assertThat(answer.sdp()).doesNotContain("a=group", "a=mid").contains("m=audio 9 RTP/SAVPF 111");
    }

    @Test
    void theBuilderRefusesWhatMetaWouldRefuse() {
        assertThatThrownBy(() -> SdpWriter.builder().fingerprint(
                Fingerprint.of("sha-384", new byte[] {1}))).hasMessageContaining("sha-256");
        assertThatThrownBy(() -> SdpWriter.builder().iceCredentials("abc", PWD)).hasMessageContaining("ufrag");
        assertThatThrownBy(() -> SdpWriter.builder().iceCredentials(UFRAG, "short")).hasMessageContaining("pwd");
        assertThatThrownBy(() -> SdpWriter.builder().cname("has space")).hasMessageContaining("cname");
        assertThatThrownBy(() -> SdpWriter.builder().mid("a b")).hasMessageContaining("mid");
        assertThatThrownBy(() -> SdpWriter.builder().setupWhenOfferIsActpass(SetupRole.ACTPASS))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SdpWriter.builder().hostCandidate(InetAddress.getByName("0.0.0.0"), 1))
                .hasMessageContaining("unicast");
        assertThatThrownBy(() -> SdpWriter.builder().iceCredentials(UFRAG, PWD).fingerprint(FP).build())
                .hasMessageContaining("ssrc");
        assertThatThrownBy(() -> SdpWriter.builder().ssrc(1).build()).hasMessageContaining("iceCredentials");
    }
}
