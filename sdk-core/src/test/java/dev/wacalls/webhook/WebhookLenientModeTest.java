package dev.wacalls.webhook;

import static dev.wacalls.webhook.WebhookFixtures.UIC_CALL_ID;
import static dev.wacalls.webhook.WebhookFixtures.fixture;
import static dev.wacalls.webhook.WebhookFixtures.lenient;
import static dev.wacalls.webhook.WebhookFixtures.sign;
import static dev.wacalls.webhook.WebhookFixtures.strict;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wacalls.id.CallId;
import org.junit.jupiter.api.Test;

/** Webhooks.builder().lenient(true): an unreadable item becomes an Unknown, the rest of the batch still arrives. */
class WebhookLenientModeTest {

    private static JsonNode value(JsonNode root, int entry, int change) {
        return root.get("entry").get(entry).get("changes").get(change).get("value");
    }

    /** A calls[] with a terminate whose id is an object, followed by a good connect. */
    private static byte[] malformedAndGoodCallInOneArray() {
        JsonNode root = WebhookFixtures.tree(fixture("connect-user-initiated.json"));
        ArrayNode calls = (ArrayNode) value(root, 0, 0).get("calls");
        JsonNode good = calls.get(0);
        ObjectNode bad = WebhookFixtures.tree(fixture("terminate-completed.json"))
                .get("entry").get(0).get("changes").get(0).get("value").get("calls").get(0).deepCopy();
        bad.putObject("id").put("wacid", "ABGGFjFVU2AfAgo6V");
        calls.removeAll();
        calls.add(bad);
        calls.add(good);
        return WebhookFixtures.compact(root);
    }

    /** Two entries: the first with a call whose id is an object, the second a good connect. */
    private static byte[] malformedAndGoodCallInTwoEntries() {
        JsonNode root = WebhookFixtures.tree(fixture("connect-user-initiated.json"));
        ObjectNode badEntry = root.get("entry").get(0).deepCopy();
        ((ObjectNode) badEntry.get("changes").get(0).get("value").get("calls").get(0)).putObject("id");
        ArrayNode entries = (ArrayNode) root.get("entry");
        entries.insert(0, badEntry);
        return WebhookFixtures.compact(root);
    }

    private static void assertGoodConnectAndOneUnknown(WebhookBatch batch, String problemPath) {
        assertThat(batch.eventsOf(CallConnect.class)).singleElement().satisfies(c -> {
            assertThat(c.callId()).isEqualTo(CallId.of(UIC_CALL_ID));
            assertThat(c.sdp()).isEqualTo(WebhookFixtures.OFFER_SDP);
        });
        assertThat(batch.eventsOf(Unknown.class)).singleElement().satisfies(u -> {
            assertThat(u.problem()).isNotNull().contains(problemPath);
            assertThat(u.malformation()).isPresent();
            assertThat(u.context().field()).isEqualTo("calls");
            assertThat(u.idempotencyKey()).isNotBlank();
        });
        assertThat(batch.events()).hasSize(2);
    }

    @Test
    void aMalformedCallNextToAGoodOneInTheSameArrayDeliversTheGoodEventAndAnUnknown() {
        byte[] body = malformedAndGoodCallInOneArray();
        assertGoodConnectAndOneUnknown(lenient().parse(body, sign(body)), "calls[0].id");
    }

    @Test
    void aMalformedCallInOneEntryDoesNotLoseTheGoodCallOfAnother() {
        byte[] body = malformedAndGoodCallInTwoEntries();
        assertGoodConnectAndOneUnknown(lenient().parse(body, sign(body)), "$.entry[0].changes[0].value.calls[0].id");
    }

    @Test
    void strictModeRefusesTheSameBatchesNamingTheBadItem() {
        for (byte[] body : new byte[][] {malformedAndGoodCallInOneArray(), malformedAndGoodCallInTwoEntries()}) {
            Throwable t = catchThrowable(() -> strict().parse(body, sign(body)));
            assertThat(t).isExactlyInstanceOf(WebhookPayloadException.class);
            WebhookPayloadException e = (WebhookPayloadException) t;
            assertThat(e.reason()).isEqualTo(WebhookPayloadException.Reason.WRONG_SHAPE);
            assertThat(e.path()).hasValueSatisfying(p -> assertThat(p).endsWith("calls[0].id"));
        }
    }

    @Test
    void aMalformedStatusNextToAGoodOneDeliversTheGoodStatusAndAnUnknown() {
        JsonNode root = WebhookFixtures.tree(fixture("batch-mixed.json"));
        ArrayNode statuses = (ArrayNode) value(root, 1, 0).get("statuses");
        ((ObjectNode) statuses.get(0)).put("timestamp", "yesterday");

        WebhookBatch batch = lenient().parseWithoutVerification(WebhookFixtures.compact(root));
        assertThat(batch.eventsOf(CallStatusUpdate.class)).singleElement()
                .satisfies(s -> assertThat(s.status()).isEqualTo(CallStatus.ACCEPTED));
        assertThat(batch.eventsOf(Unknown.class).stream().filter(u -> u.problem() != null))
                .singleElement()
                .satisfies(u -> assertThat(u.problem()).contains("statuses[0].timestamp"));
        // Everything else of the batch still arrives.
        assertThat(batch.events()).hasSize(15);
    }

    @Test
    void aMalformedPermissionReplyNextToAGoodMessageDeliversTheGoodOneAndAnUnknown() {
        JsonNode root = WebhookFixtures.tree(fixture("batch-mixed.json"));
        ObjectNode reply = (ObjectNode) value(root, 0, 2).get("messages").get(1);
        ((ObjectNode) reply.get("interactive").get("call_permission_reply")).put("is_permanent", "perhaps");

        WebhookBatch batch = lenient().parseWithoutVerification(WebhookFixtures.compact(root));
        assertThat(batch.eventsOf(CallPermissionReply.class)).isEmpty();
        assertThat(batch.eventsOf(Unknown.class)).extracting(Unknown::kind).contains("messages/text");
        assertThat(batch.eventsOf(Unknown.class).stream().filter(u -> u.problem() != null))
                .singleElement()
                .satisfies(u -> assertThat(u.problem()).contains("messages[1].interactive.call_permission_reply.is_permanent"));
        assertThat(batch.events()).hasSize(15);
    }

    @Test
    void aWellFormedBatchReadsTheSameInBothModes() {
        for (String name : WebhookFixtures.validFixtureNames()) {
            byte[] body = fixture(name);
            assertThat(lenient().parseWithoutVerification(body)).as(name)
                    .isEqualTo(strict().parseWithoutVerification(body));
        }
    }

    @Test
    void lenientModeStillRefusesABodyThatIsNotAWebhookAtAll() {
        for (String body : new String[] {"not json", "[]", "{\"object\":\"whatsapp_business_account\"}"}) {
            Throwable t = catchThrowable(() -> lenient().parseWithoutVerification(WebhookFixtures.utf8(body)));
            assertThat(t).as(body).isExactlyInstanceOf(WebhookPayloadException.class);
        }
    }
}
