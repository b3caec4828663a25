package dev.wacalls.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

class TemplatesApiTest extends MockGraphTest {
    private static final String LISTING = """
            { "data": [
                { "id": "111", "name": "wacalls_call_request", "language": "en", "status": "APPROVED", "category": "UTILITY",
                  "components": [ { "type": "BODY", "text": "Hello {{1}}" }, { "type": "CALL_PERMISSION_REQUEST" } ] },
                { "id": "222", "name": "wacalls_call_request_old", "language": "en", "status": "APPROVED", "category": "UTILITY",
                  "components": [ { "type": "BODY", "text": "Hi" } ] },
                { "id": "333", "name": "wacalls_call_request", "language": "pt_BR", "status": "PENDING", "category": "MARKETING",
                  "components": [ { "type": "BODY", "text": "Olá {{1}}" }, { "type": "call_permission_request" } ] },
                { "id": "444", "name": "my_wacalls_call_request", "language": "en", "status": "REJECTED", "category": "UTILITY",
                  "components": [] } ],
              "paging": { "cursors": { "before": "a", "after": "b" } } }
            """;

    @Test
    void createCallRequestTemplateSendsTheDocumentedDefinition() throws Exception {
        enqueueJson(200, "{\"id\":\"594425479261596\",\"status\":\"PENDING\",\"category\":\"UTILITY\"}");

        MessageTemplate created = client().templates().createCallRequestTemplate(new CallRequestTemplate(
                "sample_cpr_template", "en", TemplateCategory.UTILITY,
                "We would like to call you about order {{1}} with {{2}}.", List.of("ON-12345", "Avocados")));

        RecordedRequest request = take();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v24.0/" + WABA_ID + "/message_templates");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertJsonBody(request, """
                { "name": "sample_cpr_template", "language": "en", "category": "UTILITY",
                  "components": [ { "type": "BODY", "text": "We would like to call you about order {{1}} with {{2}}.",
                                    "example": { "body_text": [ [ "ON-12345", "Avocados" ] ] } },
                                  { "type": "call_permission_request" } ] }
                """);
        assertThat(created.id()).isEqualTo("594425479261596");
        assertThat(created.name()).isEqualTo("sample_cpr_template");
        assertThat(created.language()).isEqualTo("en");
        assertThat(created.status()).isEqualTo("PENDING");
        assertThat(created.approved()).isFalse();
        assertThat(created.category()).isEqualTo(TemplateCategory.UTILITY);
        assertThat(created.hasCallPermissionRequest()).isTrue();
    }

    @Test
    void aBodyWithoutPlaceholdersIsSentWithoutExamples() throws Exception {
        enqueueJson(200, "{\"id\":\"1\",\"status\":\"APPROVED\",\"category\":\"MARKETING\"}");

        MessageTemplate created = client().templates().createCallRequestTemplate(new CallRequestTemplate(
                "plain_cpr", "en_US", TemplateCategory.MARKETING, "May we call you?", List.of()));

        assertJsonBody(take(), """
                { "name": "plain_cpr", "language": "en_US", "category": "MARKETING",
                  "components": [ { "type": "BODY", "text": "May we call you?" }, { "type": "call_permission_request" } ] }
                """);
        assertThat(created.approved()).isTrue();
    }

    @Test
    void placeholdersAndExamplesThatDoNotMatchAreRefused() {
        assertThatThrownBy(() -> new CallRequestTemplate("t", "en", TemplateCategory.UTILITY,
                        "Hello {{1}}, about {{2}}", List.of("Alex")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 placeholders but 1 examples");
        assertThatThrownBy(() -> new CallRequestTemplate("t", "en", TemplateCategory.UTILITY,
                        "Hello", List.of("Alex")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CallRequestTemplate("t", "en", TemplateCategory.UTILITY,
                        "Hello {{2}}", List.of("Alex")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("in order");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void badNamesLanguagesAndCategoriesAreRefused() {
        assertThatThrownBy(() -> new CallRequestTemplate("Call Request", "en", TemplateCategory.UTILITY, "Hi", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CallRequestTemplate("cr", "english", TemplateCategory.UTILITY, "Hi", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CallRequestTemplate("cr", "en", TemplateCategory.AUTHENTICATION, "Hi", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theDefaultTemplateIsValid() {
        CallRequestTemplate t = CallRequestTemplate.defaults("en");

        assertThat(t.name()).isEqualTo(CallRequestTemplate.DEFAULT_NAME);
        assertThat(t.category()).isEqualTo(TemplateCategory.UTILITY);
        assertThat(t.bodyExamples()).hasSize(1);
    }

    @Test
    void findByNameKeepsOnlyExactNameMatches() throws Exception {
        enqueueJson(200, LISTING);

        List<MessageTemplate> found = client().templates().findByName("wacalls_call_request");

        RecordedRequest request = take();
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v24.0/" + WABA_ID + "/message_templates");
        assertThat(request.getUrl().queryParameter("name")).isEqualTo("wacalls_call_request");
        assertThat(request.getUrl().queryParameter("fields")).contains("name", "language", "status", "components");
        assertThat(found).extracting(MessageTemplate::id).containsExactly("111", "333");
        assertThat(found.get(0).hasCallPermissionRequest()).isTrue();
        assertThat(found.get(0).approved()).isTrue();
        assertThat(found.get(1).category()).isEqualTo(TemplateCategory.MARKETING);
    }

    @Test
    void findReturnsTheTemplateInTheGivenLanguage() {
        enqueueJson(200, LISTING);
        enqueueJson(200, LISTING);
        WhatsAppCallingClient client = client();

        assertThat(client.templates().find("wacalls_call_request", "pt_BR"))
                .hasValueSatisfying(t -> {
                    assertThat(t.id()).isEqualTo("333");
                    assertThat(t.status()).isEqualTo("PENDING");
                });
        assertThat(client.templates().find("wacalls_call_request", "de")).isEmpty();
    }

    @Test
    void aTemplateWithoutThePermissionComponentIsMarkedSo() {
        enqueueJson(200, LISTING);

        assertThat(client().templates().find("wacalls_call_request_old", "en"))
                .hasValueSatisfying(t -> assertThat(t.hasCallPermissionRequest()).isFalse());
    }
}
