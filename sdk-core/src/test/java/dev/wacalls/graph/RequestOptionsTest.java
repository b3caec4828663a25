package dev.wacalls.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wacalls.id.CallId;
import dev.wacalls.id.PhoneNumberId;
import dev.wacalls.id.WaId;
import dev.wacalls.id.WabaId;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

class RequestOptionsTest extends MockGraphTest {
    private static final CallId CALL = CallId.of("wacid.ABGGFjFVU2AfAgo6V");

    @Test
    void optionsChangeTokenPhoneNumberAndVersionForThatCallOnly() throws Exception {
        enqueueSuccess();
        enqueueSuccess();
        WhatsAppCallingClient client = client();
        RequestOptions tenant = RequestOptions.builder()
                .accessToken("EAAG-tenant-token")
                .phoneNumberId(PhoneNumberId.of("222333444555666"))
                .apiVersion("v25.0")
                .build();

        client.calls().terminate(CALL, tenant);
        client.calls().terminate(CALL);

        RecordedRequest first = take();
        assertThat(first.getUrl().encodedPath()).isEqualTo("/v25.0/222333444555666/calls");
        assertThat(first.getHeaders().get("Authorization")).isEqualTo("Bearer EAAG-tenant-token");
        RecordedRequest second = take();
        assertThat(second.getUrl().encodedPath()).isEqualTo("/v24.0/" + PHONE_NUMBER_ID + "/calls");
        assertThat(second.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
    }

    @Test
    void optionsOverrideOnlyWhatTheySet() throws Exception {
        enqueueJson(200, "{\"permission\":{\"status\":\"no_permission\"},\"actions\":[]}");

        client().permissions().get(WaId.of("14085551234"),
                RequestOptions.builder().apiVersion("v25.0").build());

        RecordedRequest request = take();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v25.0/" + PHONE_NUMBER_ID + "/call_permissions");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
    }

    @Test
    void optionsChangeTheWabaForTemplateCalls() throws Exception {
        enqueueJson(200, "{\"data\":[]}");

        client().templates().findByName("wacalls_call_request",
                RequestOptions.builder().wabaId(WabaId.of("999888777")).build());

        assertThat(take().getUrl().encodedPath()).isEqualTo("/v24.0/999888777/message_templates");
    }

    @Test
    void aMissingAccessTokenIsAClearErrorAndNothingIsSent() {
        WhatsAppCallingClient noToken = WhatsAppCallingClient.builder()
                .baseUrl(server.url("/").toString())
                .phoneNumberId(PhoneNumberId.of(PHONE_NUMBER_ID))
                .build();

        assertThatThrownBy(() -> noToken.calls().terminate(CALL))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("access token");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void aTokenGivenPerRequestIsEnoughWithoutAClientDefault() throws Exception {
        enqueueSuccess();
        WhatsAppCallingClient noToken = WhatsAppCallingClient.builder()
                .baseUrl(server.url("/").toString())
                .phoneNumberId(PhoneNumberId.of(PHONE_NUMBER_ID))
                .build();

        noToken.calls().terminate(CALL, RequestOptions.builder().accessToken("EAAG-per-call").build());

        assertThat(take().getHeaders().get("Authorization")).isEqualTo("Bearer EAAG-per-call");
    }

    @Test
    void aMissingPhoneNumberIdIsAClearErrorAndNothingIsSent() {
        WhatsAppCallingClient noLine = WhatsAppCallingClient.builder()
                .baseUrl(server.url("/").toString())
                .accessToken(TOKEN)
                .build();

        assertThatThrownBy(() -> noLine.calls().terminate(CALL))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("phone-number id");
        assertThatThrownBy(() -> noLine.settings().get())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("phone-number id");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void aMissingWabaIdIsAClearErrorForTemplates() {
        WhatsAppCallingClient noWaba = WhatsAppCallingClient.builder()
                .baseUrl(server.url("/").toString())
                .accessToken(TOKEN)
                .phoneNumberId(PhoneNumberId.of(PHONE_NUMBER_ID))
                .build();

        assertThatThrownBy(() -> noWaba.templates().findByName("x"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("WhatsApp Business Account id");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void toStringNeverPrintsTheToken() {
        RequestOptions options = RequestOptions.builder()
                .accessToken("EAAG-very-secret-token-123")
                .phoneNumberId(PhoneNumberId.of("222333444555666"))
                .build();

        assertThat(options.toString())
                .doesNotContain("EAAG-very-secret-token-123")
                .doesNotContain("secret")
                .contains("222333444555666");
        assertThat(client().defaults().toString()).doesNotContain(TOKEN);
    }

    @Test
    void aMalformedApiVersionOrBlankTokenIsRefused() {
        assertThatThrownBy(() -> RequestOptions.builder().apiVersion("24.0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("v24.0");
        assertThatThrownBy(() -> RequestOptions.builder().apiVersion("v24.0/../../me"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RequestOptions.builder().accessToken("  "))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
