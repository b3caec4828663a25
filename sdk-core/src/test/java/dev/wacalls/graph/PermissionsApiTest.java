package dev.wacalls.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wacalls.error.UnexpectedResponseException;
import dev.wacalls.id.Bsuid;
import dev.wacalls.id.MessageId;
import dev.wacalls.id.WaId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

class PermissionsApiTest extends MockGraphTest {
    private static final String WAMID = "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI5QTJBQzg1RjYzMzFBODkwQkEA";
    private static final String MESSAGE_RESPONSE = """
            { "messaging_product": "whatsapp",
              "contacts": [ { "input": "14085551234", "wa_id": "14085551234" } ],
              "messages": [ { "id": "%s" } ] }
            """.formatted(WAMID);

    /** Meta's documented sample ([PERM]/[REF] §4.4), without the sample's trailing commas. */
    private static final String DOCUMENTED_SAMPLE = """
            { "messaging_product": "whatsapp",
              "permission": { "status": "temporary", "expiration_time": 1745343479 },
              "actions": [
                { "action_name": "send_call_permission_request", "can_perform_action": true,
                  "limits": [ { "time_period": "PT24H", "max_allowed": 1, "current_usage": 0 },
                              { "time_period": "P7D",  "max_allowed": 2, "current_usage": 1 } ] },
                { "action_name": "start_call", "can_perform_action": false,
                  "limits": [ { "time_period": "PT24H", "max_allowed": 5, "current_usage": 5,
                                "limit_expiration_time": 1745622600 } ] } ] }
            """;

    @Test
    void sendRequestSendsTheDocumentedInteractiveMessageAndReturnsTheWamid() throws Exception {
        enqueueJson(200, MESSAGE_RESPONSE);

        MessageId id = client().permissions().sendRequest(WaId.of("+1 408 555 1234"),
                "We would like to call you to help support your query on Order No: ON-12853.");

        assertThat(id).isEqualTo(MessageId.of(WAMID));
        RecordedRequest request = take();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v24.0/" + PHONE_NUMBER_ID + "/messages");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertJsonBody(request, """
                { "messaging_product": "whatsapp", "recipient_type": "individual", "to": "14085551234",
                  "type": "interactive",
                  "interactive": { "type": "call_permission_request",
                                   "action": { "name": "call_permission_request" },
                                   "body": { "text": "We would like to call you to help support your query on Order No: ON-12853." } } }
                """);
    }

    @Test
    void sendRequestToABsuidUsesRecipientInsteadOfTo() throws Exception {
        enqueueJson(200, MESSAGE_RESPONSE);

        client().permissions().sendRequest(Bsuid.of("US.13491208655302741918"), null);

        assertJsonBody(take(), """
                { "messaging_product": "whatsapp", "recipient_type": "individual",
                  "recipient": "US.13491208655302741918",
                  "type": "interactive",
                  "interactive": { "type": "call_permission_request",
                                   "action": { "name": "call_permission_request" } } }
                """);
    }

    @Test
    void aBodyLongerThanMetaAllowsIsRefusedBeforeSending() {
        assertThatThrownBy(() -> client().permissions().sendRequest(WaId.of("14085551234"), "x".repeat(1025)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void sendTemplateRequestSendsATemplateMessageWithBodyParameters() throws Exception {
        enqueueJson(200, MESSAGE_RESPONSE);

        MessageId id = client().permissions().sendTemplateRequest(WaId.of("14085551234"), "sample_cpr_template", "en",
                List.of("ON-12345", "Avocados"));

        assertThat(id.value()).isEqualTo(WAMID);
        RecordedRequest request = take();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v24.0/" + PHONE_NUMBER_ID + "/messages");
        assertJsonBody(request, """
                { "messaging_product": "whatsapp", "recipient_type": "individual", "to": "14085551234",
                  "type": "template",
                  "template": { "name": "sample_cpr_template", "language": { "code": "en" },
                                "components": [ { "type": "body", "parameters": [
                                    { "type": "text", "text": "ON-12345" },
                                    { "type": "text", "text": "Avocados" } ] } ] } }
                """);
    }

    @Test
    void aMessagesResponseWithoutAMessageIdIsAnUnexpectedResponse() {
        enqueueJson(200, "{\"messaging_product\":\"whatsapp\",\"messages\":[]}");

        assertThatThrownBy(() -> client().permissions().sendRequest(WaId.of("14085551234"), null))
                .isInstanceOf(UnexpectedResponseException.class);
    }

    @Test
    void getParsesMetasDocumentedSample() throws Exception {
        enqueueJson(200, DOCUMENTED_SAMPLE);

        CallPermissions p = client().permissions().get(WaId.of("+1 (408) 555-1234"));

        RecordedRequest request = take();
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v24.0/" + PHONE_NUMBER_ID + "/call_permissions");
        assertThat(request.getUrl().queryParameter("user_wa_id")).isEqualTo("14085551234");
        assertThat(request.getUrl().queryParameter("recipient")).isNull();

        assertThat(p.status()).isEqualTo(PermissionStatus.TEMPORARY);
        assertThat(p.status().granted()).isTrue();
        assertThat(p.expiration()).contains(Instant.ofEpochSecond(1745343479));
        assertThat(p.canSendPermissionRequest()).isTrue();
        assertThat(p.canStartCall()).isFalse();

        PermissionAction request1 = p.action(PermissionAction.SEND_CALL_PERMISSION_REQUEST).orElseThrow();
        assertThat(request1.limits()).hasSize(2);
        ActionLimit day = request1.limits().get(0);
        assertThat(day.timePeriod()).isEqualTo("PT24H");
        assertThat(day.window()).isEqualTo(Duration.ofHours(24));
        assertThat(day.maxAllowed()).isEqualTo(1);
        assertThat(day.currentUsage()).isZero();
        assertThat(day.exhausted()).isFalse();
        assertThat(day.expiresAt()).isEmpty();
        ActionLimit week = request1.limits().get(1);
        assertThat(week.timePeriod()).isEqualTo("P7D");
        assertThat(week.window()).isEqualTo(Duration.ofDays(7));
        assertThat(week.maxAllowed()).isEqualTo(2);
        assertThat(week.currentUsage()).isEqualTo(1);

        PermissionAction start = p.action(PermissionAction.START_CALL).orElseThrow();
        assertThat(start.canPerform()).isFalse();
        ActionLimit calls = start.limits().get(0);
        assertThat(calls.window()).isEqualTo(Duration.ofHours(24));
        assertThat(calls.exhausted()).isTrue();
        assertThat(calls.expiresAt()).contains(Instant.ofEpochSecond(1745622600));
    }

    @Test
    void getForABsuidUsesTheRecipientQuery() throws Exception {
        enqueueJson(200, DOCUMENTED_SAMPLE);

        client().permissions().get(Bsuid.of("US.13491208655302741918"));

        RecordedRequest request = take();
        assertThat(request.getUrl().queryParameter("recipient")).isEqualTo("US.13491208655302741918");
        assertThat(request.getUrl().queryParameter("user_wa_id")).isNull();
    }

    @Test
    void aPermanentPermissionHasNoExpiry() {
        enqueueJson(200, """
                { "messaging_product": "whatsapp", "permission": { "status": "permanent" },
                  "actions": [ { "action_name": "start_call", "can_perform_action": true, "limits": [] } ] }
                """);

        CallPermissions p = client().permissions().get(WaId.of("14085551234"));

        assertThat(p.status()).isEqualTo(PermissionStatus.PERMANENT);
        assertThat(p.expiration()).isEmpty();
        assertThat(p.canStartCall()).isTrue();
    }

    @Test
    void noPermissionIsReadAsNotGranted() {
        enqueueJson(200, "{\"messaging_product\":\"whatsapp\",\"permission\":{\"status\":\"no_permission\"}}");

        CallPermissions p = client().permissions().get(WaId.of("14085551234"));

        assertThat(p.status()).isEqualTo(PermissionStatus.NO_PERMISSION);
        assertThat(p.status().granted()).isFalse();
        assertThat(p.canStartCall()).isFalse();
        assertThat(p.actions()).isEmpty();
    }

    @Test
    void anUnknownStatusIsReadAsUnknown() {
        enqueueJson(200, "{\"permission\":{\"status\":\"semi_permanent\"},\"actions\":[]}");

        assertThat(client().permissions().get(WaId.of("14085551234")).status()).isEqualTo(PermissionStatus.UNKNOWN);
    }

    @Test
    void expiryAndNumbersGivenAsStringsAreRead() {
        enqueueJson(200, """
                { "permission": { "status": "TEMPORARY", "expiration_time": "1745343479" },
                  "actions": [ { "action_name": "start_call", "can_perform_action": "true",
                                 "limits": [ { "time_period": "PT24H", "max_allowed": "100", "current_usage": "3" } ] } ] }
                """);

        CallPermissions p = client().permissions().get(WaId.of("14085551234"));

        assertThat(p.expiration()).contains(Instant.ofEpochSecond(1745343479));
        assertThat(p.canStartCall()).isTrue();
        assertThat(p.action("start_call").orElseThrow().limits().get(0).maxAllowed()).isEqualTo(100);
    }

    @Test
    void aTimePeriodThatIsNotIso8601IsAnUnexpectedResponse() {
        enqueueJson(200, """
                { "permission": { "status": "temporary" },
                  "actions": [ { "action_name": "start_call", "can_perform_action": true,
                                 "limits": [ { "time_period": "one day", "max_allowed": 1, "current_usage": 0 } ] } ] }
                """);

        assertThatThrownBy(() -> client().permissions().get(WaId.of("14085551234")))
                .isInstanceOf(UnexpectedResponseException.class)
                .hasMessageContaining("ISO-8601");
    }
}
