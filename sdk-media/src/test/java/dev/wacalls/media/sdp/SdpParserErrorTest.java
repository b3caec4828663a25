package dev.wacalls.media.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Malformed input is refused with the line number and the problem in words. */
class SdpParserErrorTest {
    private static final String HEAD = "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n"
            + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\n";

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("", 0, "empty session description"),
                Arguments.of("o=- 1 1 IN IP4 0.0.0.0\r\n", 1, "missing v= line"),
                Arguments.of("\r\n\r\ns=-\r\nv=0\r\n", 3, "missing v= line"),
                Arguments.of("v=1\r\n", 1, "unsupported SDP version"),
                Arguments.of("v=0\r\ns=-\r\n", 0, "missing o= line"),
                Arguments.of("v=0\r\no=- 1 IN IP4 0.0.0.0\r\n", 2, "bad o= line"),
                Arguments.of("v=0\r\nv=0\r\n", 2, "v= may only appear once"),
                Arguments.of("v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\nx=1\r\n", 3, "unknown line type 'x='"),
                Arguments.of("v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\nhello\r\n", 3, "not a <type>=<value> line"),
                Arguments.of("v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\nc=IN IP4\r\n", 3, "bad c= line"),
                Arguments.of("v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\nb=AS:lots\r\n", 3, "bad b= line"),
                Arguments.of("v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\nm=audio\r\n", 3, "bad m= line"),
                Arguments.of("v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\nm=audio x RTP/AVP 0\r\n", 3,
                        "bad m= line: port 'x' is not a number"),
                Arguments.of("v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\nm=audio 70000 RTP/AVP 0\r\n", 3, "bad m= line: port"),
                Arguments.of("v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\nm=audio 9 RTP/AVP opus\r\n", 3,
                        "payload type 'opus' is not a number"),
                Arguments.of(HEAD + "o=- 2 2 IN IP4 0.0.0.0\r\n", 6, "o= may only appear once"),
                Arguments.of(HEAD + "a=rtpmap:opus opus/48000/2\r\n", 6, "rtpmap payload type 'opus' is not a number"),
                Arguments.of(HEAD + "a=rtpmap:111 opus\r\n", 6, "a=rtpmap needs"),
                Arguments.of(HEAD + "a=rtpmap:111 opus/fast/2\r\n", 6, "rtpmap clock rate"),
                Arguments.of(HEAD + "a=rtpmap:200 opus/48000/2\r\n", 6, "rtpmap payload type '200'"),
                Arguments.of(HEAD + "a=fmtp:x minptime=10\r\n", 6, "fmtp payload type 'x'"),
                Arguments.of(HEAD + "a=rtcp-fb:x nack\r\n", 6, "rtcp-fb payload type 'x'"),
                Arguments.of(HEAD + "a=ssrc:-1 cname:x\r\n", 6, "bad a=ssrc"),
                Arguments.of(HEAD + "a=ssrc:4294967296 cname:x\r\n", 6, "bad a=ssrc"),
                Arguments.of(HEAD + "a=extmap:one urn:x\r\n", 6, "bad a=extmap id"),
                Arguments.of(HEAD + "a=candidate:1 1 udp 1 1.2.3.4 70000 typ host\r\n", 6, "bad candidate port '70000'"),
                Arguments.of(HEAD + "a=candidate:1 1 udp 1 1.2.3.4 port typ host\r\n", 6, "bad candidate port 'port'"),
                Arguments.of(HEAD + "a=candidate:1 1 udp 1 1.2.3.4 5000 host\r\n", 6, "candidate needs at least 8"),
                Arguments.of(HEAD + "a=candidate:1 1 udp 1 1.2.3.4 5000 type host\r\n", 6, "expected 'typ'"),
                Arguments.of(HEAD + "a=candidate:1 1 udp 99999999999 1.2.3.4 5000 typ host\r\n", 6,
                        "bad candidate priority"),
                Arguments.of(HEAD + "a=candidate:1 0 udp 1 1.2.3.4 5000 typ host\r\n", 6, "bad candidate component"),
                Arguments.of(HEAD + "a=candidate:1 1 udp 1 1.2.3.4 5000 typ srflx raddr\r\n", 6, "'raddr' without"),
                Arguments.of(HEAD + "a=fingerprint:sha-256\r\n", 6, "bad a=fingerprint"),
                Arguments.of(HEAD + "a=fingerprint:sha-256 AB:CD\r\n", 6, "sha-256 fingerprint must have 32 bytes"),
                Arguments.of(HEAD + "a=fingerprint:sha-256 ZZ:CD\r\n", 6, "hex byte pairs"),
                Arguments.of(HEAD + "a=setup:sometimes\r\n", 6, "unknown a=setup value 'sometimes'"),
                Arguments.of(HEAD + "a=\r\n", 6, "attribute without a name"),
                Arguments.of(HEAD + "a=mid:0\u0000\r\n", 6, "NUL character"),
                Arguments.of(HEAD + "a=mid:0\rstray\r\n", 6, "CR inside a line"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void malformedInputNamesTheLineAndTheProblem(String sdp, int line, String problem) {
        SdpParseException e = catchThrowableOfType(SdpParseException.class, () -> SdpParser.parse(sdp));
        assertThat(e).as("parse should fail: %s", sdp).isNotNull();
        assertThat(e.lineNumber()).as(e.getMessage()).isEqualTo(line);
        assertThat(e.problem()).contains(problem);
        assertThat(e.getMessage()).startsWith(line > 0 ? "SDP line " + line + ": " : "SDP: ");
    }

    @Test
    void theMessageQuotesAShortenedPrintableExcerptOfTheLine() {
        String longLine = "a=candidate:1 1 udp 1 1.2.3.4 99999 typ host" + " x\u0001y".repeat(50);
        SdpParseException e = catchThrowableOfType(SdpParseException.class,
                () -> SdpParser.parse(HEAD + longLine + "\r\n"));
        assertThat(e.line()).isEqualTo(longLine);
        assertThat(e.getMessage()).contains("bad candidate port '99999'").contains("…").doesNotContain("\u0001");
    }

    @Test
    void descriptionsLongerThanTheLimitAreRefusedBeforeParsing() {
        String huge = "v=0\r\n" + "a=x\r\n".repeat(SdpParser.MAX_LENGTH / 5);
        SdpParseException e = catchThrowableOfType(SdpParseException.class, () -> SdpParser.parse(huge));
        assertThat(e.lineNumber()).isZero();
        assertThat(e.problem()).contains("longer than");
    }

    @Test
    void aStandaloneCandidateParsesWithOrWithoutPrefixesAndFailsClearly() {
        String value = "1972637320 1 udp 2113937151 31.13.65.60 40012 typ host generation 0";
        assertThat(Candidate.parse("a=candidate:" + value)).isEqualTo(Candidate.parse("candidate:" + value))
                .isEqualTo(Candidate.parse(value));
        SdpParseException e = catchThrowableOfType(SdpParseException.class,
                () -> Candidate.parse("candidate:1 1 udp 1 1.2.3.4 -5 typ host"));
        assertThat(e.lineNumber()).isZero();
        assertThat(e.problem()).isEqualTo("bad candidate port '-5'");
    }
}
