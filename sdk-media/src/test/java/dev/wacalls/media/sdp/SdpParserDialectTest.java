package dev.wacalls.media.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Other stacks' ways of writing the same thing (media-interop.md) read into the same model. */
class SdpParserDialectTest {
    private static final String FP256 =
            "sha-256 1B:B6:6B:40:A5:0B:8C:75:0D:8C:CB:90:2F:99:74:1E:26:45:AE:AF:45:C1:51:60:8F:73:C9:2D:10:6D:8A:88";
    private static final String FP384 = "sha-384 " + hexPairs(48, 0xAB);
    private static final String FP512 = "sha-512 " + hexPairs(64, 0xCD);

    static String hexPairs(int n, int b) {
        return String.join(":", java.util.Collections.nCopies(n, String.format("%02X", b)));
    }

    static String lines(String... lines) {
        return String.join("\r\n", lines) + "\r\n";
    }

    @Test
    void sessionLevelIceAndFingerprintApplyToEveryMLineUnlessOverridden() {
        SessionDescription d = SdpParser.parse(lines(
                "v=0",
                "o=jdoe 1 1 IN IP4 192.0.2.1",
                "s=dialect",
                "c=IN IP4 192.0.2.1",
                "t=0 0",
                "a=ice-ufrag:sessU",
                "a=ice-pwd:sessionPasswordAbcdefghij",
                "a=ice-options:trickle ice2",
                "a=fingerprint:" + FP256,
                "a=setup:passive",
                "a=group:BUNDLE audio0 video0",
                "m=audio 5000 UDP/TLS/RTP/SAVPF 111",
                "a=mid:audio0",
                "a=rtpmap:111 opus/48000/2",
                "a=rtcp-mux",
                "m=video 5000 UDP/TLS/RTP/SAVPF 96",
                "c=IN IP6 2001:db8::1",
                "a=mid:video0",
                "a=ice-ufrag:vidU",
                "a=fingerprint:" + FP384,
                "a=setup:active",
                "a=rtpmap:96 VP8/90000",
                "a=rtcp-fb:96 nack pli",
                "a=rtcp-fb:* ccm fir"));

        MediaDescription audio = d.media().get(0);
        assertThat(audio.iceUfrag()).isEqualTo("sessU");
        assertThat(audio.icePwd()).isEqualTo("sessionPasswordAbcdefghij");
        assertThat(audio.iceOptions()).containsExactly("trickle", "ice2");
        assertThat(audio.fingerprints()).singleElement().isEqualTo(Fingerprint.parse(FP256));
        assertThat(audio.setup()).isEqualTo(SetupRole.PASSIVE);
        assertThat(audio.connection()).isEqualTo(new Connection("IN", "IP4", "192.0.2.1"));
        assertThat(audio.mid()).isEqualTo("audio0");

        MediaDescription video = d.media().get(1);
        assertThat(video.iceUfrag()).isEqualTo("vidU");
        assertThat(video.icePwd()).isEqualTo("sessionPasswordAbcdefghij");
        assertThat(video.fingerprints()).extracting(Fingerprint::algorithm).containsExactly("sha-384");
        assertThat(video.setup()).isEqualTo(SetupRole.ACTIVE);
        assertThat(video.connection()).isEqualTo(new Connection("IN", "IP6", "2001:db8::1"));
        assertThat(video.codecs()).singleElement()
                .satisfies(c -> assertThat(c.rtcpFeedback()).containsExactly("nack pli", "ccm fir"));
        assertThat(d.bundleGroup().orElseThrow().mids()).containsExactly("audio0", "video0");
        assertThat(d.media("video0")).contains(video);
    }

    @Test
    void lfLineEndingsReadLikeCrlf() {
        String crlf = SdpFixtures.read(SdpFixtures.META_OFFER);
        assertThat(crlf).contains("\r\n");
        SessionDescription fromLf = SdpParser.parse(crlf.replace("\r\n", "\n"));
        assertThat(fromLf).isEqualTo(SdpParser.parse(crlf));
        // A missing final line ending, blank lines and trailing blanks are tolerated too.
        String sloppy = crlf.replace("a=sendrecv\r\n", "a=sendrecv   \r\n\r\n").strip();
        assertThat(SdpParser.parse(sloppy)).isEqualTo(fromLf);
    }

    @Test
    void upperCaseOpusIsOpus() {
        SessionDescription d = SdpParser.parse(lines("v=0", "o=- 1 1 IN IP4 0.0.0.0", "s=-", "t=0 0",
                "m=audio 9 UDP/TLS/RTP/SAVPF 109 101", "a=rtpmap:109 OPUS/48000/2",
                "a=rtpmap:101 TELEPHONE-EVENT/8000", "a=fmtp:101 0-15"));
        MediaDescription audio = d.media().get(0);
        assertThat(audio.opus()).hasValueSatisfying(c -> assertThat(c.payloadType()).isEqualTo(109));
        assertThat(audio.codec("telephone-event", 8000)).hasValueSatisfying(c -> {
            assertThat(c.payloadType()).isEqualTo(101);
            assertThat(c.parameters()).containsEntry("0-15", "");
        });
    }

    @Test
    void rtcpMuxOnlyImpliesRtcpMux() {
        MediaDescription audio = SdpParser.parse(lines("v=0", "o=- 1 1 IN IP4 0.0.0.0", "s=-", "t=0 0",
                "m=audio 9 UDP/TLS/RTP/SAVPF 111", "a=rtcp-mux-only", "a=rtpmap:111 opus/48000/2")).media().get(0);
        assertThat(audio.rtcpMux()).isTrue();
        assertThat(audio.rtcpMuxOnly()).isTrue();
    }

    @Test
    void fingerprintsAfterSsrcLinesAndSeveralHashesAreAllKeptInOrder() {
        MediaDescription audio = SdpParser.parse(lines("v=0", "o=- 1 1 IN IP4 0.0.0.0", "s=-", "t=0 0",
                "m=audio 9 UDP/TLS/RTP/SAVPF 111", "a=mid:audio0", "a=rtpmap:111 opus/48000/2",
                "a=ssrc:1 cname:x", "a=ssrc:1 msid:a b", "a=ssrc:2 cname:y",
                "a=fingerprint:" + FP512, "a=fingerprint:" + FP256.toLowerCase(), "a=fingerprint:" + FP384))
                .media().get(0);
        assertThat(audio.fingerprints()).extracting(Fingerprint::algorithm)
                .containsExactly("sha-512", "sha-256", "sha-384");
        assertThat(audio.fingerprint("SHA-256")).contains(Fingerprint.parse(FP256));
        assertThat(audio.ssrcs()).extracting(Ssrc::id, Ssrc::cname)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, "x"),
                        org.assertj.core.groups.Tuple.tuple(2L, "y"));
        assertThat(audio.mid()).isEqualTo("audio0");
    }

    @Test
    void everyMLineIsKeptIncludingRejectedAndApplicationOnes() {
        SessionDescription d = SdpParser.parse(lines("v=0", "o=- 1 1 IN IP4 0.0.0.0", "s=-", "t=0 0",
                "b=AS:256",
                "m=audio 9 UDP/TLS/RTP/SAVPF 111 0 8", "b=TIAS:64000", "a=rtpmap:111 opus/48000/2",
                "m=video 0 UDP/TLS/RTP/SAVPF 96", "a=rtpmap:96 VP8/90000",
                "m=application 9 UDP/DTLS/SCTP webrtc-datachannel", "a=sctp-port:5000",
                "a=fmtp:webrtc-datachannel max-message-size=65536",
                "m=audio 0 RTP/AVP 0"));
        assertThat(d.media()).extracting(MediaDescription::kind).containsExactly("audio", "video", "application",
                "audio");
        assertThat(d.bandwidths()).containsExactly(new Bandwidth("AS", 256));
        assertThat(d.media().get(0).bandwidths()).containsExactly(new Bandwidth("TIAS", 64000));
        // Static payload types need no rtpmap (RFC 3551).
        assertThat(d.media().get(0).codecs()).extracting(Codec::rtpmap)
                .containsExactly("opus/48000/2", "PCMU/8000", "PCMA/8000");
        assertThat(d.media().get(1).isRejected()).isTrue();
        MediaDescription app = d.media().get(2);
        assertThat(app.isRtp()).isFalse();
        assertThat(app.formats()).containsExactly("webrtc-datachannel");
        assertThat(app.payloadTypes()).isEmpty();
        assertThat(app.attributes("sctp-port")).hasSize(1);
        assertThat(d.usableAudio()).containsExactly(d.media().get(0));
        assertThat(d.media().get(0).direction()).isEqualTo(Direction.SENDRECV);
    }

    @Test
    void candidatesOfEveryShapeAreRead() {
        MediaDescription audio = SdpParser.parse(lines("v=0", "o=- 1 1 IN IP4 0.0.0.0", "s=-", "t=0 0",
                "m=audio 9 UDP/TLS/RTP/SAVPF 111", "a=rtpmap:111 opus/48000/2",
                "a=candidate:1 1 UDP 2130706431 fe80::1 5000 typ host",
                "a=candidate:2 1 udp 2130706431 1f3c7a2e-9d4b-4b71-9a0b-5e6c1d2f3a4b.local 5001 typ host",
                "a=candidate:3 1 tcp 1518280447 192.0.2.1 9 typ host tcptype active",
                "a=candidate:4 1 udp 41885439 203.0.113.9 3478 typ relay raddr 198.51.100.2 rport 50000 generation 0",
                "a=candidate:5 2 udp 100 192.0.2.1 5002 typ someday ext",
                "a=end-of-candidates")).media().get(0);
        List<Candidate> c = audio.candidates();
        assertThat(c).hasSize(5);
        assertThat(c.get(0).transport()).isEqualTo("udp");
        assertThat(c.get(0).isIpv6()).isTrue();
        assertThat(c.get(1).isMdns()).isTrue();
        assertThat(c.get(1).address()).endsWith(".local");
        assertThat(c.get(2).isTcp()).isTrue();
        assertThat(c.get(3).type()).isEqualTo(CandidateType.RELAY);
        assertThat(c.get(3).relatedAddress()).isEqualTo("198.51.100.2");
        assertThat(c.get(3).relatedPort()).isEqualTo(50000);
        assertThat(c.get(3).extensions()).containsEntry("generation", "0");
        assertThat(c.get(4).type()).isEqualTo(CandidateType.UNKNOWN);
        assertThat(c.get(4).component()).isEqualTo(2);
        assertThat(c.get(4).extensions()).containsEntry("ext", "");
        assertThat(audio.udpCandidates()).hasSize(4);
        assertThat(audio.endOfCandidates()).isTrue();
    }

    @Test
    void unknownAttributesAndLinesAreKeptOrSkippedAndFirstValueWins() {
        SessionDescription d = SdpParser.parse(lines("v=0", "o=- 1 1 IN IP4 0.0.0.0", "s=-",
                "i=session info", "u=http://example.com", "e=a@example.com", "p=+1 555", "t=0 0", "r=7d 1h 0 25h",
                "z=2882844526 -1h", "k=prompt", "a=x-vendor:{\"json\": true}", "a=recvonly",
                "m=audio 9 RTP/SAVPF 111", "i=media info", "a=mid:first", "a=mid:second",
                "a=rtpmap:111 opus/48000/2", "a=rtpmap:111 PCMU/8000", "a=ptime:20.5", "a=maxptime:bad",
                "a=weird attribute with spaces", "a=extmap:3/sendonly urn:x attr1 attr2"));
        assertThat(d.attributes("x-vendor")).singleElement()
                .satisfies(a -> assertThat(a.value()).isEqualTo("{\"json\": true}"));
        MediaDescription audio = d.media().get(0);
        assertThat(audio.direction()).isEqualTo(Direction.RECVONLY);
        assertThat(audio.mid()).isEqualTo("first");
        assertThat(audio.opus()).isPresent();
        assertThat(audio.ptime()).isEqualTo(20);
        assertThat(audio.maxptime()).isNull();
        assertThat(audio.attributes("weird attribute with spaces")).hasSize(1);
        assertThat(audio.extmaps()).containsExactly(new Extmap(3, Direction.SENDONLY, "urn:x", "attr1 attr2"));
        assertThat(d.sessionName()).isEqualTo("-");
    }

    @Test
    void aByteOrderMarkAndMissingSessionNameAndTimingAreTolerated() {
        SessionDescription d = SdpParser.parse("\uFEFFv=0\no=- 1 1 IN IP4 0.0.0.0\nm=audio 9 RTP/SAVPF 0\n");
        assertThat(d.sessionName()).isEmpty();
        assertThat(d.media().get(0).codecs()).extracting(Codec::name).containsExactly("PCMU");
    }
}
