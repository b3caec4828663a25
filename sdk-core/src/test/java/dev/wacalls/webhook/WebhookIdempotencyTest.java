package dev.wacalls.webhook;

import static dev.wacalls.webhook.WebhookFixtures.BIC_CALL_ID;
import static dev.wacalls.webhook.WebhookFixtures.UIC_CALL_ID;
import static dev.wacalls.webhook.WebhookFixtures.fixture;
import static dev.wacalls.webhook.WebhookFixtures.parseFixture;
import static dev.wacalls.webhook.WebhookFixtures.strict;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Meta delivers at least once: the idempotency key must identify an event across deliveries. */
class WebhookIdempotencyTest {

    private static List<String> keys(WebhookBatch batch) {
        return batch.events().stream().map(WebhookEvent::idempotencyKey).toList();
    }

    private static List<String> keysOf(byte[] body) {
        return keys(strict().parseWithoutVerification(body));
    }

    @Test
    void theSameBodyParsedTwiceGivesTheSameKeys() {
        for (String name : WebhookFixtures.validFixtureNames()) {
            byte[] body = fixture(name);
            assertThat(keysOf(body)).as(name).isEqualTo(keysOf(body.clone()));
        }
    }

    @Test
    void twoWebhooksInstancesAgreeOnTheKeys() {
        byte[] body = fixture("batch-mixed.json");
        assertThat(keys(strict().parseWithoutVerification(body)))
                .isEqualTo(keys(WebhookFixtures.lenient().parseWithoutVerification(body)));
    }

    @Test
    void differentEventsInOneBatchHaveDistinctKeys() {
        List<String> keys = keys(parseFixture("batch-mixed.json"));
        assertThat(keys).hasSize(15).doesNotHaveDuplicates().allSatisfy(k -> assertThat(k).isNotBlank());
    }

    @Test
    void theKeysOfCallEventsNameTheCallAndTheEvent() {
        List<String> keys = keys(parseFixture("batch-mixed.json"));
        assertThat(keys).contains(
                "call:" + UIC_CALL_ID + ":connect",
                "call:" + UIC_CALL_ID + ":terminate",
                "call:" + BIC_CALL_ID + ":status:RINGING",
                "call:" + BIC_CALL_ID + ":status:ACCEPTED",
                "call:" + BIC_CALL_ID + ":connect",
                "call:" + UIC_CALL_ID + ":recording:1166397358654417",
                "call:" + UIC_CALL_ID + ":transcription:1283475619871234");
    }

    @Test
    void aResendWithOtherWhitespaceGivesTheSameKeys() {
        for (String name : WebhookFixtures.validFixtureNames()) {
            byte[] original = fixture(name);
            JsonNode tree = WebhookFixtures.tree(original);
            byte[] compact = WebhookFixtures.compact(tree);
            byte[] crlfIndented = new String(WebhookFixtures.pretty(tree), StandardCharsets.UTF_8)
                    .replace("\n", "\r\n  ").getBytes(StandardCharsets.UTF_8);
            assertThat(compact).isNotEqualTo(original);
            assertThat(keysOf(compact)).as(name + " compact").isEqualTo(keysOf(original));
            assertThat(keysOf(crlfIndented)).as(name + " re-indented").isEqualTo(keysOf(original));
        }
    }

    @Test
    void aLaterStatusOfTheSameCallIsNotMistakenForADuplicate() {
        String ringing = keys(parseFixture("status-ringing.json")).get(0);
        String accepted = keys(parseFixture("status-accepted.json")).get(0);
        String rejected = keys(parseFixture("status-rejected.json")).get(0);
        assertThat(List.of(ringing, accepted, rejected)).doesNotHaveDuplicates();
    }

    @Test
    void theConnectAndTheTerminateOfOneCallHaveDifferentKeys() {
        String connect = keys(parseFixture("connect-user-initiated.json")).get(0);
        String terminate = keys(parseFixture("terminate-failed-errors.json")).get(0);
        assertThat(connect).isNotEqualTo(terminate);
    }

    @Test
    void aSettingsChangeBackToAnEarlierStateIsNotMistakenForADuplicate() {
        // calling ENABLED at t1, DISABLED at t2, ENABLED again at t3: the third event has the same content as the
        // first, but it is a different event (only entry.time tells them apart).
        JsonNode template = WebhookFixtures.tree(fixture("account-settings-update.json"));
        ObjectNode root = template.deepCopy();
        ArrayNode entries = root.putArray("entry");
        long time = 1753110120L;
        for (String status : new String[] {"ENABLED", "DISABLED", "ENABLED"}) {
            ObjectNode entry = template.get("entry").get(0).deepCopy();
            entry.put("time", time);
            time += 600;
            ((ObjectNode) entry.get("changes").get(0).get("value").get("phone_number_settings").get("calling"))
                    .put("status", status);
            entries.add(entry);
        }
        WebhookBatch batch = strict().parseWithoutVerification(WebhookFixtures.compact(root));
        assertThat(batch.eventsOf(AccountSettingsUpdate.class)).hasSize(3);
        assertThat(keys(batch)).doesNotHaveDuplicates();
    }

    @Test
    void anAccountViolationReportedAgainLaterIsNotMistakenForADuplicate() {
        JsonNode template = WebhookFixtures.tree(fixture("account-update-violation.json"));
        ObjectNode root = template.deepCopy();
        ObjectNode later = template.get("entry").get(0).deepCopy();
        later.put("time", 1770127200L);
        ((ArrayNode) root.get("entry")).add(later);

        WebhookBatch batch = strict().parseWithoutVerification(WebhookFixtures.compact(root));
        assertThat(batch.eventsOf(AccountViolation.class)).hasSize(2);
        assertThat(keys(batch)).doesNotHaveDuplicates();
        // …while a resend of the same entry still has the same key.
        assertThat(keysOf(WebhookFixtures.compact(template))).isEqualTo(keysOf(fixture("account-update-violation.json")));
    }

    @Test
    void anUnmodelledFieldReportedAgainLaterIsNotMistakenForADuplicate() {
        JsonNode template = WebhookFixtures.tree(fixture("unknown-field-phone-number-quality.json"));
        ObjectNode root = template.deepCopy();
        ObjectNode later = template.get("entry").get(0).deepCopy();
        later.put("time", 1760686400L);
        ((ArrayNode) root.get("entry")).add(later);

        WebhookBatch batch = strict().parseWithoutVerification(WebhookFixtures.compact(root));
        assertThat(batch.eventsOf(Unknown.class)).hasSize(2);
        assertThat(keys(batch)).doesNotHaveDuplicates();
    }
}
