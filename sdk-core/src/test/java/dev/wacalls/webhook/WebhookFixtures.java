package dev.wacalls.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Shared pieces of the webhook tests: fixtures from src/test/resources/webhooks, signatures, instances. */
final class WebhookFixtures {
    static final String APP_SECRET = "6b3f1e0a9c2d4e5f8a7b6c5d4e3f2a1b";
    static final String OTHER_APP_SECRET = "d41d8cd98f00b204e9800998ecf8427e";
    static final String VERIFY_TOKEN = "wacalls-verify-2c9f41";

    static final String WABA_ID = "102290129340398";
    static final String PHONE_NUMBER_ID = "106540352242922";
    static final String BUSINESS_NUMBER = "16315553601";
    static final String USER_NUMBER = "16315553602";
    static final String BIC_BUSINESS_NUMBER = "13175551399";
    static final String BIC_USER_NUMBER = "12185552828";
    static final String UIC_CALL_ID = "wacid.ABGGFjFVU2AfAgo6V-Hc5eCgK5Gh";
    static final String BIC_CALL_ID = "wacid.HBgLMTIxODU1NTI4MjgVAgARGCAyODRQIAFRoA";

    /** Meta's SDP offer of a user-initiated call, verbatim from the reference (§6.6), CRLF line endings. */
    static final String OFFER_SDP = crlf(
            "v=0",
            "o=- 7602563789789945080 2 IN IP4 127.0.0.1",
            "s=-",
            "t=0 0",
            "a=group:BUNDLE audio",
            "a=msid-semantic: WMS 6932bc1c-db1a-4abe-b437-0c4168be8a13",
            "a=ice-lite",
            "m=audio 40012 UDP/TLS/RTP/SAVPF 111 126",
            "c=IN IP4 31.13.65.60",
            "a=rtcp:9 IN IP4 0.0.0.0",
            "a=candidate:1972637320 1 udp 2113937151 31.13.65.60 40012 typ host generation 0 network-cost 50 ufrag 6k2qP1R6kBfI/2",
            "a=candidate:1652262791 1 udp 2113939711 2a03:2880:f211:cf:face:b00c:0:6443 40012 typ host generation 0 network-cost 50 ufrag 6k2qP1R6kBfI/2",
            "a=ice-ufrag:6k2qP1R6kBfI/2",
            "a=ice-pwd:UApvJw3NcwFRDvIMKdM0vWCdlXah25E9",
            "a=fingerprint:sha-256 1B:B6:6B:40:A5:0B:8C:75:0D:8C:CB:90:2F:99:74:1E:26:45:AE:AF:45:C1:51:60:8F:73:C9:2D:10:6D:8A:88",
            "a=setup:actpass",
            "a=mid:audio",
            "a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level",
            "a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time",
            "a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01",
            "a=sendrecv",
            "a=rtcp-mux",
            "a=rtpmap:111 opus/48000/2",
            "a=rtcp-fb:111 transport-cc",
            "a=fmtp:111 minptime=10;useinbandfec=1",
            "a=rtpmap:126 telephone-event/8000",
            "a=ssrc:4208138518 cname:gAXq2V9TKltrnapv");

    /** Meta's SDP answer in a business-initiated call, shaped as described in §6.6 (ice-lite, setup:active). */
    static final String ANSWER_SDP = crlf(
            "v=0",
            "o=- 4983128746210985113 2 IN IP4 127.0.0.1",
            "s=-",
            "t=0 0",
            "a=group:BUNDLE audio",
            "a=msid-semantic: WMS 3b1f7c52-0d8e-4e51-9a61-7c2d9e4f8a10",
            "a=ice-lite",
            "m=audio 3482 UDP/TLS/RTP/SAVPF 111 9 0 8 110 126",
            "c=IN IP4 31.13.65.130",
            "a=rtcp:9 IN IP4 0.0.0.0",
            "a=candidate:2960215487 1 udp 2113937151 31.13.65.130 3482 typ host generation 0 network-cost 50",
            "a=candidate:3476471896 1 udp 2113939711 2a03:2880:f24c:c5:face:b00c:0:6443 3482 typ host generation 0 network-cost 50",
            "a=ice-ufrag:Qw9rN0pY2xKc/3",
            "a=ice-pwd:hJ4qZ8Tn2mVbX6cR1sLdF9gWkP3yE7uA",
            "a=fingerprint:sha-256 6F:2A:91:C4:0E:7B:D3:58:A1:4C:E9:02:B6:7D:3F:85:1C:60:AF:94:28:DB:73:E5:0A:4F:C1:9E:56:B8:2D:17",
            "a=setup:active",
            "a=mid:audio",
            "a=sendrecv",
            "a=rtcp-mux",
            "a=rtpmap:111 opus/48000/2",
            "a=rtcp-fb:111 transport-cc",
            "a=fmtp:111 minptime=10;useinbandfec=1",
            "a=rtpmap:9 G722/8000",
            "a=rtpmap:0 PCMU/8000",
            "a=rtpmap:8 PCMA/8000",
            "a=rtpmap:110 telephone-event/48000",
            "a=rtpmap:126 telephone-event/8000",
            "a=ssrc:1505338493 cname:xPq3mV7bLk2nRt9a");

    /** A plain mapper of the tests' own, independent of the SDK's configuration. */
    static final ObjectMapper MAPPER = new ObjectMapper();

    private WebhookFixtures() {}

    private static String crlf(String... lines) {
        return String.join("\r\n", lines) + "\r\n";
    }

    static Webhooks strict() {
        return Webhooks.builder().appSecret(APP_SECRET).verifyToken(VERIFY_TOKEN).build();
    }

    static Webhooks lenient() {
        return Webhooks.builder().appSecret(APP_SECRET).verifyToken(VERIFY_TOKEN).lenient(true).build();
    }

    /** The raw bytes of a fixture, exactly as stored. */
    static byte[] fixture(String name) {
        try (InputStream in = WebhookFixtures.class.getResourceAsStream("/webhooks/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every fixture that is valid JSON (all but the doc sample with trailing commas). */
    static List<String> validFixtureNames() {
        try (Stream<Path> files = Files.list(Path.of(WebhookFixtures.class.getResource("/webhooks").toURI()))) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json") && !n.contains("trailing-commas"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code sha256=<hex HMAC-SHA256(body, secret)>}, computed here independently of the SDK. */
    static String sign(byte[] body, String secret) {
        return "sha256=" + HexFormat.of().formatHex(hmac(body, secret));
    }

    static String sign(byte[] body) {
        return sign(body, APP_SECRET);
    }

    static byte[] hmac(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Verifies (with a signature made here) and parses a fixture with the strict instance. */
    static WebhookBatch parseFixture(String name) {
        byte[] body = fixture(name);
        return strict().parse(body, sign(body));
    }

    static JsonNode tree(byte[] body) {
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] compact(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] pretty(JsonNode node) {
        try {
            return MAPPER.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The one event of a single-event fixture, checked to be of the given type. */
    static <T extends WebhookEvent> T single(WebhookBatch batch, Class<T> type) {
        org.assertj.core.api.Assertions.assertThat(batch.events()).hasSize(1);
        org.assertj.core.api.Assertions.assertThat(batch.events().get(0)).isInstanceOf(type);
        return type.cast(batch.events().get(0));
    }
}
