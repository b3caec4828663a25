package dev.wacalls.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.wacalls.error.AuthorizationException;
import dev.wacalls.error.CallFailedException;
import dev.wacalls.error.CallPermissionRequiredException;
import dev.wacalls.error.CallingUnavailableException;
import dev.wacalls.error.GraphApiException;
import dev.wacalls.error.InvalidParameterException;
import dev.wacalls.error.MetaErrorCode;
import dev.wacalls.error.PaymentRequiredException;
import dev.wacalls.error.PermanentPermissionExistsException;
import dev.wacalls.error.RateLimitedException;
import dev.wacalls.error.RecipientUnavailableException;
import dev.wacalls.error.UnexpectedResponseException;
import dev.wacalls.id.CallId;
import dev.wacalls.id.WaId;
import java.time.Instant;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class GraphErrorsTest extends MockGraphTest {

    /** What a caller catches for each documented code (see the error package and Meta's troubleshooting table). */
    private static Class<? extends GraphApiException> expectedType(MetaErrorCode code) {
        return switch (code) {
            case INVALID_PARAMETER -> InvalidParameterException.class;
            case ACCESS_TOKEN_EXPIRED, PERMISSION_DENIED, PERMISSION_NOT_GRANTED -> AuthorizationException.class;
            case API_TOO_MANY_CALLS, PERMISSION_RATE_LIMIT, BUSINESS_RATE_LIMIT, MESSAGE_RATE_LIMIT,
                    CONCURRENT_CALL_LIMIT, CALL_RATE_LIMIT, PERMISSION_REQUEST_LIMIT, CONNECTED_CALL_LIMIT ->
                RateLimitedException.class;
            case NO_CALL_PERMISSION -> CallPermissionRequiredException.class;
            case PERMANENT_PERMISSION_EXISTS -> PermanentPermissionExistsException.class;
            case CALLING_NOT_ENABLED, BUSINESS_CALLING_UNAVAILABLE, CALLING_TEMPORARILY_DISABLED,
                    CALLING_CANNOT_BE_ENABLED, PREREQUISITES_NOT_MET, SIP_ENABLED, INTERACTIVE_NOT_SUPPORTED ->
                CallingUnavailableException.class;
            case RECEIVER_UNCALLABLE, DUPLICATE_CALL, RECIPIENT_NOT_ALLOWED, RECEIVER_APP_TOO_OLD ->
                RecipientUnavailableException.class;
            case CONNECTION_ERROR, CONNECT_TIMEOUT, CALL_SETUP_FAILED, RELAY_CONNECTION_FAILED, MEDIA_RECEIVE_TIMEOUT,
                    MEDIA_TRANSMIT_TIMEOUT, NO_MEDIA_AFTER_ACCEPT -> CallFailedException.class;
            case NO_PAYMENT_METHOD -> PaymentRequiredException.class;
            case UNKNOWN -> throw new AssertionError("UNKNOWN has no code");
        };
    }

    private GraphApiException connectFails() {
        return thrownBy(GraphApiException.class, () -> clientWithoutRetries().calls().connect(
                ConnectCallRequest.to(WaId.of("14085551234"), SDP_OFFER_LF).build()));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = MetaErrorCode.class, mode = EnumSource.Mode.EXCLUDE, names = "UNKNOWN")
    void everyDocumentedCodeBecomesItsTypedException(MetaErrorCode code) {
        int status = code.documentedHttpStatus();
        assertThat(status).as("documented HTTP status").isBetween(400, 599);
        enqueueJson(status, """
                {"error":{"message":"(#%d) %s","type":"OAuthException","code":%d,
                          "error_data":{"details":"details of %d"},"fbtrace_id":"AbC"}}
                """.formatted(code.code(), code.description(), code.code(), code.code()));

        GraphApiException e = connectFails();

        assertThat(e).isExactlyInstanceOf(expectedType(code));
        assertThat(e.code()).isEqualTo(code.code());
        assertThat(e.errorCode()).isEqualTo(code);
        assertThat(e.httpStatus()).isEqualTo(status);
        assertThat(e.fbtraceId()).contains("AbC");
        assertThat(e.details()).contains("details of " + code.code());
        assertThat(e.error().type()).isEqualTo("OAuthException");
        assertThat(e.getMessage()).contains("#" + code.code()).contains("AbC").contains("HTTP " + status);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "Limit reached. Next call allowed at 1745622600",
        "Limit reached; try again after 2025-04-25T23:10:00Z.",
        "Limit reached; try again after 2025-04-26T01:10:00+02:00",
    })
    void theNextAllowedTimeOf138012IsReadFromTheDetails(String details) {
        enqueueJson(400, metaError(138012, details));

        GraphApiException e = connectFails();

        assertThat(e).isInstanceOf(RateLimitedException.class);
        assertThat(((RateLimitedException) e).nextAllowedAt()).contains(Instant.ofEpochSecond(1745622600));
    }

    @Test
    void theNextAllowedTimeIsReadFromATimestampFieldOfErrorData() {
        enqueueJson(400, """
                {"error":{"message":"limit","code":138012,"error_data":{"next_allowed_time":"1745622600"},"fbtrace_id":"x"}}
                """);

        RateLimitedException e = (RateLimitedException) connectFails();

        assertThat(e.nextAllowedAt()).contains(Instant.ofEpochSecond(1745622600));
    }

    @Test
    void aRateLimitWithoutATimeHasNoNextAllowedTime() {
        enqueueJson(400, metaError(138012, "Connected call limit reached"));

        RateLimitedException e = (RateLimitedException) connectFails();

        assertThat(e.nextAllowedAt()).isEmpty();
    }

    @Test
    void errorDataGivenAsAPlainStringIsTheDetails() {
        enqueueJson(400, """
                {"error":{"message":"Invalid parameter","type":"OAuthException","code":100,
                          "error_data":"SDP validation failed: missing a=fingerprint","fbtrace_id":"AbC"}}
                """);

        GraphApiException e = connectFails();

        assertThat(e).isExactlyInstanceOf(InvalidParameterException.class);
        assertThat(e.details()).contains("SDP validation failed: missing a=fingerprint");
    }

    @Test
    void anUndocumentedCodeIsAPlainGraphApiExceptionWithItsRawCode() {
        enqueueJson(400, metaError(138011, "undocumented"));

        GraphApiException e = connectFails();

        assertThat(e).isExactlyInstanceOf(GraphApiException.class);
        assertThat(e.errorCode()).isEqualTo(MetaErrorCode.UNKNOWN);
        assertThat(e.code()).isEqualTo(138011);
        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.details()).contains("undocumented");
    }

    @Test
    void anUndocumentedCodeWithHttp401IsAnAuthorizationProblem() {
        enqueueJson(401, metaError(467, "session invalid"));

        assertThat(connectFails()).isExactlyInstanceOf(AuthorizationException.class);
    }

    @Test
    void aCodeGivenAsAStringIsRead() {
        enqueueJson(401, """
                {"error":{"message":"no permission","code":"138006","fbtrace_id":"AbC"}}
                """);

        GraphApiException e = connectFails();

        assertThat(e).isExactlyInstanceOf(CallPermissionRequiredException.class);
        assertThat(e.details()).isEmpty();
    }

    @Test
    void aMalformedErrorObjectIsStillAWhatsAppException() {
        enqueueJson(400, """
                {"error":{"message":"broken","code":"not-a-number","fbtrace_id":{"nested":true}}}
                """);

        UnexpectedResponseException e = thrownBy(UnexpectedResponseException.class,
                () -> clientWithoutRetries().calls().terminate(CallId.of("wacid.ABGGFjFVU2AfAgo6V")));

        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.getMessage()).contains("$.error.code");
        assertThat(e.bodyExcerpt()).contains("not-a-number");
    }

    @Test
    void aNonJsonBadGatewayIsAnUnexpectedResponseWithItsStatus() {
        server.enqueue(new MockResponse.Builder()
                .code(502)
                .addHeader("Content-Type", "text/html")
                .body("<html><body><h1>502 Bad Gateway</h1></body></html>")
                .build());

        UnexpectedResponseException e = thrownBy(UnexpectedResponseException.class,
                () -> clientWithoutRetries().settings().get());

        assertThat(e.httpStatus()).isEqualTo(502);
        assertThat(e.bodyExcerpt()).contains("502 Bad Gateway");
        assertThat(e.getMessage()).contains("502");
    }

    @Test
    void anErrorStatusWithoutAnErrorObjectIsAnUnexpectedResponse() {
        enqueueJson(500, "{\"message\":\"oops\"}");

        UnexpectedResponseException e = thrownBy(UnexpectedResponseException.class,
                () -> clientWithoutRetries().settings().get());

        assertThat(e.httpStatus()).isEqualTo(500);
    }

    @Test
    void truncatedJsonOn200IsAnUnexpectedResponse() {
        enqueueJson(200, "{\"messaging_product\":\"whatsapp\",\"calls\":[{\"id\":\"wacid.ABGG");

        UnexpectedResponseException e = thrownBy(UnexpectedResponseException.class,
                () -> clientWithoutRetries().calls().connect(
                        ConnectCallRequest.to(WaId.of("14085551234"), SDP_OFFER_LF).build()));

        assertThat(e.httpStatus()).isEqualTo(200);
        assertThat(e.getMessage()).contains("not valid JSON");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "{\"messaging_product\":\"whatsapp\",\"calls\":\"wacid.ABGGFjFVU2AfAgo6V\"}",
        "{\"messaging_product\":\"whatsapp\",\"calls\":[]}",
        "{\"messaging_product\":\"whatsapp\",\"calls\":[{\"id\":{\"value\":\"wacid.x\"}}]}",
        "{\"messaging_product\":\"whatsapp\",\"calls\":[{\"id\":\"wacid with spaces\"}]}",
        "{\"messaging_product\":\"whatsapp\"}",
        "[{\"id\":\"wacid.ABGGFjFVU2AfAgo6V\"}]",
        "",
    })
    void aConnectAnswerOfTheWrongShapeIsAnUnexpectedResponse(String body) {
        enqueueJson(200, body);

        Throwable thrown = catchThrowable(() -> clientWithoutRetries().calls().connect(
                ConnectCallRequest.to(WaId.of("14085551234"), SDP_OFFER_LF).build()));

        assertThat(thrown).isExactlyInstanceOf(UnexpectedResponseException.class);
        assertThat(((UnexpectedResponseException) thrown).httpStatus()).isEqualTo(200);
    }

    @Test
    void aSettingsAnswerWithAFieldOfTheWrongTypeIsAnUnexpectedResponse() {
        enqueueJson(200, "{\"calling\":{\"status\":\"ENABLED\",\"call_hours\":\"always\"}}");

        Throwable thrown = catchThrowable(() -> clientWithoutRetries().settings().get());

        assertThat(thrown).isExactlyInstanceOf(UnexpectedResponseException.class)
                .hasMessageContaining("$.calling.call_hours");
    }
}
