package dev.wacalls.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wacalls.error.UnexpectedResponseException;
import dev.wacalls.id.Bsuid;
import dev.wacalls.id.CallId;
import dev.wacalls.id.WaId;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

class CallsApiTest extends MockGraphTest {
    private static final CallId CALL = CallId.of("wacid.ABGGFjFVU2AfAgo6V-Hc5eCgK5Gh");

    @Test
    void connectSendsExactlyTheDocumentedBodyAndReturnsTheCallId() throws Exception {
        enqueueConnected("wacid.ABGGFjFVU2AfAgo6V");

        CallId id = client().calls().connect(ConnectCallRequest.to(WaId.of("14085551234"), SDP_OFFER_LF)
                .recipient(Bsuid.of("US.13491208655302741918"))
                .bizOpaqueCallbackData("0fS5cePMok")
                .recording(MetaCallFeature.enabled("quality assurance", "en_US"))
                .transcription(MetaCallFeature.enabled("quality assurance", "en_US"))
                .build());

        assertThat(id).isEqualTo(CallId.of("wacid.ABGGFjFVU2AfAgo6V"));
        RecordedRequest request = take();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v24.0/" + PHONE_NUMBER_ID + "/calls");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
        assertJsonBody(request, """
                {
                  "messaging_product": "whatsapp",
                  "to": "14085551234",
                  "recipient": "US.13491208655302741918",
                  "action": "connect",
                  "session": { "sdp_type": "offer", "sdp": "%s" },
                  "biz_opaque_callback_data": "0fS5cePMok",
                  "recording":     { "status": "ENABLED", "purpose": "quality assurance", "announcement_language": "en_US" },
                  "transcription": { "status": "ENABLED", "purpose": "quality assurance", "announcement_language": "en_US" }
                }
                """.formatted(SDP_OFFER_JSON));
    }

    @Test
    void connectToABsuidSendsRecipientAndNoTo() throws Exception {
        enqueueConnected("wacid.HBgLMTY1MDM4Nzk0MzkVAgARGBI5QTJBQzg1RjYzMzFBODkwQkEA==");

        CallId id = client().calls().connect(
                ConnectCallRequest.to(Bsuid.of("US.13491208655302741918"), SDP_OFFER_CRLF).build());

        assertThat(id.value()).isEqualTo("wacid.HBgLMTY1MDM4Nzk0MzkVAgARGBI5QTJBQzg1RjYzMzFBODkwQkEA==");
        assertJsonBody(take(), """
                {
                  "messaging_product": "whatsapp",
                  "recipient": "US.13491208655302741918",
                  "action": "connect",
                  "session": { "sdp_type": "offer", "sdp": "%s" }
                }
                """.formatted(SDP_OFFER_JSON));
    }

    @Test
    void anSdpWrittenWithBareLfIsSentWithCrlfLineEndings() throws Exception {
        enqueueConnected("wacid.ABGGFjFVU2AfAgo6V");

        client().calls().connect(ConnectCallRequest.to(WaId.of("14085551234"), SDP_OFFER_LF).build());

        RecordedRequest request = take();
        String raw = request.getBody().utf8();
        assertThat(raw).contains("v=0\\r\\no=- 4611731400430051336");
        // Every escaped line feed is preceded by an escaped carriage return.
        assertThat(raw.split("\\\\n", -1).length - 1)
                .isEqualTo(raw.split("\\\\r\\\\n", -1).length - 1)
                .isEqualTo(6);
        assertThat(bodyOf(request).at("/session/sdp").textValue()).isEqualTo(SDP_OFFER_CRLF);
    }

    @Test
    void preAcceptSendsTheAnswerSdpForTheCall() throws Exception {
        enqueueSuccess();

        client().calls().preAccept(CALL, SDP_OFFER_LF);

        RecordedRequest request = take();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v24.0/" + PHONE_NUMBER_ID + "/calls");
        assertJsonBody(request, """
                { "messaging_product": "whatsapp", "call_id": "wacid.ABGGFjFVU2AfAgo6V-Hc5eCgK5Gh",
                  "action": "pre_accept", "session": { "sdp_type": "answer", "sdp": "%s" } }
                """.formatted(SDP_OFFER_JSON));
    }

    @Test
    void acceptSendsTheSameSdpAsPreAcceptWithOpaqueDataAndRecordingOptIn() throws Exception {
        enqueueSuccess();
        enqueueSuccess();
        WhatsAppCallingClient client = client();

        client.calls().preAccept(CALL, SDP_OFFER_LF);
        client.calls().accept(AcceptCallRequest.of(CALL, SDP_OFFER_LF)
                .withOpaqueData("random_string")
                .withRecording(MetaCallFeature.enabled("training", "en_GB"))
                .withTranscription(MetaCallFeature.disabled()));

        String preAcceptSdp = bodyOf(take()).at("/session/sdp").textValue();
        RecordedRequest accept = take();
        assertThat(bodyOf(accept).at("/session/sdp").textValue()).isEqualTo(preAcceptSdp);
        assertJsonBody(accept, """
                { "messaging_product": "whatsapp", "call_id": "wacid.ABGGFjFVU2AfAgo6V-Hc5eCgK5Gh",
                  "action": "accept", "session": { "sdp_type": "answer", "sdp": "%s" },
                  "biz_opaque_callback_data": "random_string",
                  "recording": { "status": "ENABLED", "purpose": "training", "announcement_language": "en_GB" },
                  "transcription": { "status": "DISABLED" } }
                """.formatted(SDP_OFFER_JSON));
    }

    @Test
    void rejectSendsOnlyTheCallIdAndAction() throws Exception {
        enqueueSuccess();

        client().calls().reject(CALL);

        assertJsonBody(take(), """
                { "messaging_product": "whatsapp", "call_id": "wacid.ABGGFjFVU2AfAgo6V-Hc5eCgK5Gh", "action": "reject" }
                """);
    }

    @Test
    void terminateSendsOnlyTheCallIdAndAction() throws Exception {
        enqueueJson(200, "{\"success\":true}");

        client().calls().terminate(CALL);

        RecordedRequest request = take();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v24.0/" + PHONE_NUMBER_ID + "/calls");
        assertJsonBody(request, """
                { "messaging_product": "whatsapp", "call_id": "wacid.ABGGFjFVU2AfAgo6V-Hc5eCgK5Gh", "action": "terminate" }
                """);
    }

    @Test
    void successFalseIsReportedAsAnUnexpectedResponse() {
        enqueueJson(200, "{\"messaging_product\":\"whatsapp\",\"success\":false}");

        assertThatThrownBy(() -> clientWithoutRetries().calls().terminate(CALL))
                .isInstanceOf(UnexpectedResponseException.class)
                .satisfies(e -> assertThat(((UnexpectedResponseException) e).httpStatus()).isEqualTo(200));
    }

    @Test
    void aResponseWithoutSuccessIsReportedAsAnUnexpectedResponse() {
        enqueueJson(200, "{\"messaging_product\":\"whatsapp\"}");

        assertThatThrownBy(() -> clientWithoutRetries().calls().reject(CALL))
                .isInstanceOf(UnexpectedResponseException.class);
    }

    @Test
    void opaqueDataOf513CharactersIsRefusedBeforeSending() {
        String tooLong = "x".repeat(513);

        assertThatThrownBy(() -> client().calls().connect(
                        ConnectCallRequest.to(WaId.of("14085551234"), SDP_OFFER_LF).bizOpaqueCallbackData(tooLong).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("512");
        assertThatThrownBy(() -> AcceptCallRequest.of(CALL, SDP_OFFER_LF).withOpaqueData(tooLong))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void opaqueDataOf512CharactersIsSent() throws Exception {
        enqueueConnected("wacid.ABGGFjFVU2AfAgo6V");
        String max = "y".repeat(512);

        client().calls().connect(
                ConnectCallRequest.to(WaId.of("14085551234"), SDP_OFFER_LF).bizOpaqueCallbackData(max).build());

        assertThat(bodyOf(take()).get("biz_opaque_callback_data").textValue()).isEqualTo(max);
    }

    @Test
    void recordingPurposeLongerThan250CharactersIsRefused() {
        assertThatThrownBy(() -> MetaCallFeature.enabled("p".repeat(251), "en"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("250");
        assertThat(MetaCallFeature.enabled("p".repeat(250), "en").purpose()).hasSize(250);
    }

    @Test
    void enablingRecordingWithoutAPurposeIsRefused() {
        assertThatThrownBy(() -> new MetaCallFeature(true, null, "en_US"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("purpose");
        assertThatThrownBy(() -> new MetaCallFeature(true, "   ", "en_US"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCallNeedsAPhoneNumberOrABsuid() {
        assertThatThrownBy(() -> new ConnectCallRequest(null, null, SDP_OFFER_LF, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void somethingThatIsNotAnSdpIsRefusedBeforeSending() {
        assertThatThrownBy(() -> ConnectCallRequest.to(WaId.of("14085551234"), "{\"type\":\"offer\"}").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("v=0");
        assertThat(server.getRequestCount()).isZero();
    }
}
