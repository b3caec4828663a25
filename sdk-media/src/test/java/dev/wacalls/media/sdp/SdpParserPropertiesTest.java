package dev.wacalls.media.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.statistics.Statistics;

/**
 * Whatever text arrives, the parser either returns a description or throws SdpParseException; what it returns can
 * be checked and answered without any other exception.
 */
class SdpParserPropertiesTest {
    private static final List<String> FIXTURES = SdpFixtures.COMPLETE.stream().map(SdpFixtures::read).toList();
    private static final SdpWriter WRITER = SdpWriter.builder()
            .iceCredentials("X1ho", "7fJSbV2N5qWiA5QiDKwK3vuh")
            .fingerprint(Fingerprint.sha256(new byte[] {1, 2, 3}))
            .ssrc(1)
            .pcma(true)
            .random(new SplittableRandom(1))
            .build();

    /** Returns "parsed" or the problem; fails the property on any other exception. */
    private static String parseOnlyThrowsSdpParseException(String sdp) {
        Throwable t = catchThrowable(() -> {
            SessionDescription d = SdpParser.parse(sdp);
            assertThat(SdpParser.parse(sdp)).isEqualTo(d); // deterministic
            SdpCheck check = WhatsAppSdpRules.check(d);
            if (check.ok()) {
                check.orThrow();
            }
            try {
                LocalDescription answer = WRITER.answer(d);
                assertThat(answer.sdp()).endsWith("\r\n");
            } catch (SdpNegotiationException expected) {
                assertThat(expected.problems()).isNotEmpty();
            }
        });
        if (t == null) {
            return "parsed";
        }
        assertThat(t).isExactlyInstanceOf(SdpParseException.class);
        SdpParseException e = (SdpParseException) t;
        assertThat(e.lineNumber()).isGreaterThanOrEqualTo(0);
        assertThat(e.getMessage()).isNotBlank();
        return e.problem();
    }

    @Property(tries = 2000, shrinking = ShrinkingMode.BOUNDED)
    void randomStringsOnlyEverGiveSdpParseException(@ForAll String anything) {
        parseOnlyThrowsSdpParseException(anything);
    }

    @Property(tries = 1000, shrinking = ShrinkingMode.BOUNDED)
    void randomSdpLikeLinesOnlyEverGiveSdpParseException(@ForAll("sdpLike") String sdp) {
        Statistics.collect(outcome(parseOnlyThrowsSdpParseException(sdp)));
    }

    @Property(tries = 2000, shrinking = ShrinkingMode.BOUNDED)
    void mutatedRealDescriptionsOnlyEverGiveSdpParseException(@ForAll("mutated") String sdp) {
        String outcome = parseOnlyThrowsSdpParseException(sdp);
        Statistics.collect(outcome(outcome));
    }

    /** Groups problems by their first words, so the report shows which parsers the inputs reached. */
    private static String outcome(String problem) {
        int cut = problem.indexOf(' ', problem.indexOf(' ') + 1);
        return cut < 0 ? problem : problem.substring(0, cut);
    }

    @Property(tries = 200)
    void realDescriptionsReadTheSameWithLfOrCrlf(@ForAll("fixture") String sdp) {
        assertThat(SdpParser.parse(sdp.replace("\r\n", "\n"))).isEqualTo(SdpParser.parse(sdp));
    }

    @Provide
    Arbitrary<String> fixture() {
        return Arbitraries.of(FIXTURES);
    }

    /** Lines that start like real ones, with random, often numeric, fields: this reaches the attribute parsers. */
    @Provide
    Arbitrary<String> sdpLike() {
        Arbitrary<String> prefix = Arbitraries.of("v=", "o=", "s=", "t=", "c=", "b=", "m=", "a=", "a=rtpmap:",
                "a=fmtp:", "a=rtcp-fb:", "a=ssrc:", "a=extmap:", "a=candidate:", "a=fingerprint:", "a=setup:",
                "a=mid:", "a=group:", "a=ice-ufrag:", "a=ice-pwd:", "a=ptime:", "m=audio ", "c=IN IP4 ", "x=", "");
        Arbitrary<String> field = Arbitraries.oneOf(
                Arbitraries.integers().between(-5, 70000).map(String::valueOf),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.of("opus/48000/2", "OPUS/48000", "/", "//", "typ", "host", "raddr", "rport", "udp", "tcp",
                        "sha-256", "UDP/TLS/RTP/SAVPF", "RTP/AVP", "IN", "IP4", "actpass", "*", ":", "AB:CD", "",
                        "sendonly", "cname:x", "1.2.3.4", "::1", "\t", "\u0000", "\r", "é"),
                Arbitraries.strings().ofMaxLength(6));
        Arbitrary<String> line = Combinators.combine(prefix, field.list().ofMaxSize(10))
                .as((p, fs) -> p + String.join(" ", fs));
        Arbitrary<String> start = Arbitraries.of("v=0\r\no=- 1 2 IN IP4 0.0.0.0\r\n", "v=0\n", "");
        return Combinators.combine(start, line.list().ofMaxSize(25), Arbitraries.of("\r\n", "\n", "\r"))
                .as((s, ls, eol) -> s + String.join(eol, ls));
    }

    /** A real description with 1–6 edits: delete, duplicate, swap, truncate or garble lines, or insert random bytes. */
    @Provide
    Arbitrary<String> mutated() {
        Arbitrary<Long> seeds = Arbitraries.longs();
        return Combinators.combine(Arbitraries.of(FIXTURES), Arbitraries.integers().between(1, 6), seeds)
                .as(SdpParserPropertiesTest::mutate);
    }

    static String mutate(String sdp, int edits, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<String> lines = new ArrayList<>(List.of(sdp.split("\r\n", -1)));
        for (int e = 0; e < edits && !lines.isEmpty(); e++) {
            int i = r.nextInt(lines.size());
            String l = lines.get(i);
            switch (r.nextInt(7)) {
                case 0 -> lines.remove(i);
                case 1 -> lines.add(r.nextInt(lines.size() + 1), l);
                case 2 -> {
                    int j = r.nextInt(lines.size());
                    lines.set(i, lines.get(j));
                    lines.set(j, l);
                }
                case 3 -> lines.set(i, l.substring(0, r.nextInt(l.length() + 1)));
                case 4 -> { // replace a character with a random printable one
                    if (!l.isEmpty()) {
                        int at = r.nextInt(l.length());
                        lines.set(i, l.substring(0, at) + (char) (0x20 + r.nextInt(0x5F)) + l.substring(at + 1));
                    }
                }
                case 5 -> { // insert random bytes, read as Latin-1 (so control characters and 0x80-0xFF too)
                    byte[] junk = new byte[1 + r.nextInt(8)];
                    r.nextBytes(junk);
                    int at = r.nextInt(l.length() + 1);
                    lines.set(i, l.substring(0, at) + new String(junk, StandardCharsets.ISO_8859_1) + l.substring(at));
                }
                default -> { // change a number, the fields parsers care most about
                    lines.set(i, l.replaceFirst("\\d+", String.valueOf(r.nextLong() >> r.nextInt(64))));
                }
            }
        }
        return String.join(r.nextBoolean() ? "\r\n" : "\n", lines);
    }
}
