package dev.wacalls.media.sdp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The real SDPs under src/test/resources/sdp: Chromium 156, werift 0.25.2, and Meta's documented samples. */
final class SdpFixtures {
    static final String META_OFFER = "meta-sample-offer-user-initiated.sdp";
    static final String META_ANSWER_FRAGMENT = "meta-sample-answer-fragment.sdp";
    static final String CHROMIUM_OFFER = "chromium156-offer-nontrickle.sdp";
    static final String CHROMIUM_OFFER_TRICKLE = "chromium156-offer-audio-only-trickle.sdp";
    static final String CHROMIUM_OFFER_RECVONLY = "chromium156-offer-recvonly-no-gum.sdp";
    static final String CHROMIUM_ANSWER = "chromium156-answer-nontrickle.sdp";
    static final String CHROMIUM_ANSWER_TRICKLE = "chromium156-answer-audio-only-trickle.sdp";
    static final String WERIFT_OFFER = "werift0.25.2-offer-nontrickle.sdp";
    static final String WERIFT_ANSWER = "werift0.25.2-answer-to-chromium.sdp";

    /** Every complete description (the answer fragment is not one). */
    static final List<String> COMPLETE = List.of(META_OFFER, CHROMIUM_OFFER, CHROMIUM_OFFER_TRICKLE,
            CHROMIUM_OFFER_RECVONLY, CHROMIUM_ANSWER, CHROMIUM_ANSWER_TRICKLE, WERIFT_OFFER, WERIFT_ANSWER);

    private SdpFixtures() {}

    static String read(String name) {
        try (InputStream in = SdpFixtures.class.getResourceAsStream("/sdp/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SessionDescription parse(String name) {
        return SdpParser.parse(read(name));
    }
}
