package dev.wacalls.webhook;

import static dev.wacalls.webhook.WebhookFixtures.fixture;
import static dev.wacalls.webhook.WebhookFixtures.sign;
import static dev.wacalls.webhook.WebhookFixtures.strict;
import static dev.wacalls.webhook.WebhookFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wacalls.webhook.WebhookPayloadException.Reason;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad bodies give a WebhookPayloadException with the right reason — never another exception. */
class WebhookBadInputTest {
    private static final String CALL0 = "$.entry[0].changes[0].value.calls[0]";

    /** Parses without and with (a correct) signature; both must refuse the same way. */
    static WebhookPayloadException refused(Webhooks webhooks, byte[] body, Reason reason) {
        Throwable unsigned = catchThrowable(() -> webhooks.parseWithoutVerification(body));
        assertThat(unsigned).isExactlyInstanceOf(WebhookPayloadException.class);
        WebhookPayloadException e = (WebhookPayloadException) unsigned;
        assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
        assertThat(e.httpStatus()).isEqualTo(reason == Reason.TOO_LARGE ? 413 : 400);

        Throwable signed = catchThrowable(() -> webhooks.parse(body, sign(body)));
        assertThat(signed).isExactlyInstanceOf(WebhookPayloadException.class);
        assertThat(((WebhookPayloadException) signed).reason()).isEqualTo(reason);
        return e;
    }

    static WebhookPayloadException refused(byte[] body, Reason reason) {
        return refused(strict(), body, reason);
    }

    static byte[] edited(String fixture, Consumer<ObjectNode> firstCall) {
        JsonNode tree = WebhookFixtures.tree(fixture(fixture));
        firstCall.accept((ObjectNode) tree.get("entry").get(0).get("changes").get(0).get("value").get("calls").get(0));
        return WebhookFixtures.compact(tree);
    }

    // ---- EMPTY ---------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\r\n", " \t\r\n  "})
    void anEmptyOrBlankBodyIsRefusedAsEmpty(String body) {
        refused(utf8(body), Reason.EMPTY);
    }

    // ---- NOT_JSON ------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"not json", "<html><body>hello</body></html>", "object=whatsapp_business_account",
        "{\"object\":\"whatsapp_business_account\",\"entry\":[]} trailing", "{'object':'whatsapp_business_account'}",
        "{\"entry\":[],}", "}", "{\"object\":\"whatsapp_business_account\",\"entry\":[]} tru",
        "{\"entry\":[],\"is_permanent\":fals}"})
    void aBodyThatIsNotJsonIsRefusedAsNotJson(String body) {
        refused(utf8(body), Reason.NOT_JSON);
    }

    @Test
    void aDocSampleWithTrailingCommasIsRefusedAsNotJson() {
        WebhookPayloadException e = refused(fixture("doc-sample-trailing-commas.json"), Reason.NOT_JSON);
        assertThat(e.getMessage()).contains("not valid JSON");
    }

    @Test
    void invalidUtf8BytesAreRefusedAsNotJson() {
        byte[] body = fixture("connect-user-initiated.json");
        String text = new String(body, StandardCharsets.US_ASCII);
        int nameAt = text.indexOf("Pablo Morales");
        assertThat(nameAt).isPositive();
        byte[][] invalidSequences = {
            {(byte) 0xFF}, {(byte) 0xC3, 0x28}, {(byte) 0x80}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}
        };
        for (byte[] invalid : invalidSequences) {
            byte[] bad = new byte[body.length + invalid.length];
            System.arraycopy(body, 0, bad, 0, nameAt);
            System.arraycopy(invalid, 0, bad, nameAt, invalid.length);
            System.arraycopy(body, nameAt, bad, nameAt + invalid.length, body.length - nameAt);
            refused(bad, Reason.NOT_JSON);
        }
        // Outside a string, too.
        byte[] outside = utf8("{\"object\": ?\"whatsapp_business_account\"}");
        outside[11] = (byte) 0xC0;
        refused(outside, Reason.NOT_JSON);
    }

    // ---- TRUNCATED -----------------------------------------------------------------------------------------

    @Test
    void aBodyCutShortIsRefusedAsTruncated() {
        byte[] body = fixture("connect-user-initiated.json");
        for (int cut : new int[] {1, body.length / 3, body.length / 2, body.length - 3}) {
            refused(Arrays.copyOf(body, cut), Reason.TRUNCATED);
        }
    }

    @Test
    void everyPrefixOfAPayloadIsRefusedAsTruncated() {
        // Pretty-printed as stored (cuts after a comma, before the next field) and compact (cuts inside "false").
        byte[] pretty = fixture("permission-reply-temporary-accept.json");
        byte[] compact = WebhookFixtures.compact(WebhookFixtures.tree(pretty));
        Webhooks webhooks = strict();
        for (byte[] body : new byte[][] {pretty, compact}) {
            int lastBrace = new String(body, StandardCharsets.ISO_8859_1).lastIndexOf('}');
            for (int cut = 1; cut <= lastBrace; cut++) {
                byte[] prefix = Arrays.copyOf(body, cut);
                String tail = new String(prefix, Math.max(0, cut - 30), Math.min(30, cut), StandardCharsets.UTF_8);
                Throwable t = catchThrowable(() -> webhooks.parseWithoutVerification(prefix));
                assertThat(t).as("cut at %d: …%s", cut, tail).isExactlyInstanceOf(WebhookPayloadException.class);
                assertThat(((WebhookPayloadException) t).reason()).as("cut at %d: …%s", cut, tail)
                        .isEqualTo(Reason.TRUNCATED);
            }
        }
    }

    // ---- TOO_DEEP ------------------------------------------------------------------------------------------

    @Test
    void nesting10000DeepIsRefusedAsTooDeepWithoutExhaustingTheStack() {
        String arrays = "[".repeat(10_000) + "]".repeat(10_000);
        refused(utf8(arrays), Reason.TOO_DEEP);

        String objects = "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000);
        refused(utf8(objects), Reason.TOO_DEEP);

        // Deep inside an otherwise valid webhook.
        String inWebhook = new String(fixture("connect-user-initiated.json"), StandardCharsets.UTF_8)
                .replace("\"cta_payload\": \"support_callback_button\"",
                        "\"cta_payload\": " + "[".repeat(10_000) + "]".repeat(10_000));
        refused(utf8(inWebhook), Reason.TOO_DEEP);
    }

    // ---- TOO_LARGE -----------------------------------------------------------------------------------------

    @Test
    void aBodyAboveMaxBodyBytesIsRefusedAsTooLargeWith413() {
        Webhooks small = Webhooks.builder().appSecret(WebhookFixtures.APP_SECRET).maxBodyBytes(1024).build();
        byte[] atLimit = padded(fixture("status-ringing.json"), 1024);
        assertThatCode(() -> small.parse(atLimit, sign(atLimit))).doesNotThrowAnyException();

        byte[] tooLarge = padded(fixture("status-ringing.json"), 1025);
        refused(small, tooLarge, Reason.TOO_LARGE);
    }

    @Test
    void theSizeIsCheckedBeforeTheSignature() {
        Webhooks small = Webhooks.builder().appSecret(WebhookFixtures.APP_SECRET).maxBodyBytes(1024).build();
        byte[] tooLarge = padded(fixture("status-ringing.json"), 4096);
        for (String header : new String[] {null, "sha256=nonsense", sign(utf8("another body"))}) {
            Throwable t = catchThrowable(() -> small.parse(tooLarge, header));
            assertThat(t).as(String.valueOf(header)).isExactlyInstanceOf(WebhookPayloadException.class);
            assertThat(((WebhookPayloadException) t).reason()).isEqualTo(Reason.TOO_LARGE);
            assertThat(((WebhookPayloadException) t).httpStatus()).isEqualTo(413);
        }
        Throwable t = catchThrowable(() -> small.verifySignature(tooLarge, sign(tooLarge)));
        assertThat(t).isExactlyInstanceOf(WebhookPayloadException.class);
    }

    @Test
    void theDefaultLimitAcceptsAFullSizeBatch() {
        // 1,000 updates with SDPs — Meta's maximum batch — stay below the default.
        JsonNode tree = WebhookFixtures.tree(fixture("connect-user-initiated.json"));
        var calls = (com.fasterxml.jackson.databind.node.ArrayNode)
                tree.get("entry").get(0).get("changes").get(0).get("value").get("calls");
        JsonNode one = calls.get(0);
        for (int i = 1; i < 1000; i++) {
            calls.add(((ObjectNode) one.deepCopy()).put("id", "wacid.ABGGFjFVU2AfAgo6V-" + i));
        }
        byte[] body = WebhookFixtures.compact(tree);
        assertThat(body.length).isLessThan(Webhooks.DEFAULT_MAX_BODY_BYTES);
        assertThat(strict().parse(body, sign(body)).events()).hasSize(1000);
    }

    private static byte[] padded(byte[] json, int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(json);
        while (out.size() < size) {
            out.write(' ');
        }
        assertThat(out.size()).isEqualTo(size);
        return out.toByteArray();
    }

    // ---- WRONG_SHAPE ---------------------------------------------------------------------------------------

    @Test
    void aTopLevelArrayIsRefusedAsWrongShapeAtTheRoot() {
        WebhookPayloadException e = refused(utf8("[{\"object\":\"whatsapp_business_account\",\"entry\":[]}]"),
                Reason.WRONG_SHAPE);
        assertThat(e.path()).contains("$");
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "42", "\"whatsapp_business_account\"", "true"})
    void aTopLevelScalarIsRefusedAsWrongShape(String body) {
        assertThat(refused(utf8(body), Reason.WRONG_SHAPE).path()).contains("$");
    }

    @Test
    void aBodyWithoutEntriesIsRefusedAsWrongShapeNamingEntry() {
        WebhookPayloadException e = refused(utf8("{\"object\":\"whatsapp_business_account\"}"), Reason.WRONG_SHAPE);
        assertThat(e.path()).contains("$.entry");
        WebhookPayloadException notArray = refused(
                utf8("{\"object\":\"whatsapp_business_account\",\"entry\":{\"id\":\"1\"}}"), Reason.WRONG_SHAPE);
        assertThat(notArray.path()).contains("$.entry");
    }

    @Test
    void aCallIdThatIsAnObjectIsRefusedAsWrongShapeNamingTheCall() {
        byte[] body = edited("connect-user-initiated.json", call -> call.putObject("id").put("value", "wacid.x"));
        WebhookPayloadException e = refused(body, Reason.WRONG_SHAPE);
        assertThat(e.path()).hasValueSatisfying(p -> assertThat(p).contains("calls[0]").isEqualTo(CALL0 + ".id"));
    }

    @Test
    void anIdThatFailsValidationIsRefusedAsWrongShapeNamingItsItem() {
        byte[] spaced = edited("connect-user-initiated.json", call -> call.put("id", "wacid.has a space"));
        assertThat(refused(spaced, Reason.WRONG_SHAPE).path()).hasValue(CALL0);

        byte[] letters = edited("connect-user-initiated.json", call -> call.put("from", "not a phone number"));
        assertThat(refused(letters, Reason.WRONG_SHAPE).path()).hasValue(CALL0);

        JsonNode tree = WebhookFixtures.tree(fixture("connect-user-initiated.json"));
        ((ObjectNode) tree.get("entry").get(0)).put("id", "waba-1");
        assertThat(refused(WebhookFixtures.compact(tree), Reason.WRONG_SHAPE).path()).hasValue("$.entry[0].id");
    }

    @Test
    void callsThatIsAStringIsRefusedAsWrongShapeNamingCalls() {
        JsonNode tree = WebhookFixtures.tree(fixture("connect-user-initiated.json"));
        ((ObjectNode) tree.get("entry").get(0).get("changes").get(0).get("value")).put("calls", "connect");
        WebhookPayloadException e = refused(WebhookFixtures.compact(tree), Reason.WRONG_SHAPE);
        assertThat(e.path()).contains("$.entry[0].changes[0].value.calls");
    }

    @Test
    void aTimestampThatIsNotANumberIsRefusedAsWrongShapeNamingIt() {
        byte[] body = edited("terminate-completed.json", call -> call.put("timestamp", "abc"));
        assertThat(refused(body, Reason.WRONG_SHAPE).path()).contains(CALL0 + ".timestamp");

        byte[] negative = edited("terminate-completed.json", call -> call.put("start_time", "-5"));
        assertThat(refused(negative, Reason.WRONG_SHAPE).path()).contains(CALL0 + ".start_time");

        byte[] fraction = edited("terminate-completed.json", call -> call.put("duration", 12.5));
        assertThat(refused(fraction, Reason.WRONG_SHAPE).path()).contains(CALL0 + ".duration");
    }

    @Test
    void aTimestampBeyondTheRangeOfALongIsRefusedAsWrongShapeNamingIt() {
        for (String huge : new String[] {"9999999999999999999", "99999999999999999999", "9223372036854775808"}) {
            byte[] body = edited("terminate-completed.json", call -> call.put("end_time", huge));
            assertThat(refused(body, Reason.WRONG_SHAPE).path()).as(huge).contains(CALL0 + ".end_time");
        }
        byte[] hugeNumber = edited("terminate-completed.json",
                call -> call.put("duration", new java.math.BigInteger("123456789012345678901234567890")));
        assertThat(refused(hugeNumber, Reason.WRONG_SHAPE).path()).contains(CALL0 + ".duration");
    }

    @Test
    void aConnectWithoutSdpIsRefusedAsWrongShape() {
        byte[] body = edited("connect-user-initiated.json", call -> call.remove("session"));
        assertThat(refused(body, Reason.WRONG_SHAPE).path()).contains(CALL0 + ".session.sdp");
    }

    @Test
    void aLegacySdpThatIsBrokenJsonIsRefusedAsWrongShape() {
        byte[] body = edited("connect-legacy-only.json",
                call -> ((ObjectNode) call.get("connection").get("webrtc")).put("sdp", "{\"sdp\":\"v=0\\r\\n"));
        assertThat(refused(body, Reason.WRONG_SHAPE).path()).contains(CALL0 + ".connection.webrtc.sdp");
    }

    @Test
    void anIdThatIsNotAValidIdentifierIsRefusedAsWrongShape() {
        refused(edited("connect-user-initiated.json", call -> call.put("from", "not a phone number")), Reason.WRONG_SHAPE);
        refused(edited("connect-user-initiated.json", call -> call.put("id", "wacid. with spaces")), Reason.WRONG_SHAPE);
        refused(edited("connect-user-initiated.json", call -> call.put("id", "")), Reason.WRONG_SHAPE);
    }
}
