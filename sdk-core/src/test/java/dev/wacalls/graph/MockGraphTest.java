package dev.wacalls.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wacalls.graph.internal.Sleeper;
import dev.wacalls.id.PhoneNumberId;
import dev.wacalls.id.WabaId;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.QueueDispatcher;
import mockwebserver3.RecordedRequest;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

/**
 * A MockWebServer on 127.0.0.1 standing in for graph.facebook.com, and a client pointed at it whose retry waits
 * are recorded instead of slept.
 */
@Timeout(value = 15, unit = TimeUnit.SECONDS)
abstract class MockGraphTest {
    static final String TOKEN = "EAAG-default-token";
    static final String PHONE_NUMBER_ID = "106540352242922";
    static final String WABA_ID = "102290129340398";
    static final ObjectMapper MAPPER = new ObjectMapper();

    /** Small delays, in case something does sleep for real. */
    static final RetryPolicy FAST_RETRIES = RetryPolicy.builder()
            .maxAttempts(3)
            .initialDelay(Duration.ofMillis(10))
            .maxDelay(Duration.ofMillis(40))
            .maxRetryAfter(Duration.ofSeconds(30))
            .build();

    /** SDP offer with bare LF line endings, as a Java string literal would usually be written. */
    static final String SDP_OFFER_LF = "v=0\n"
            + "o=- 4611731400430051336 2 IN IP4 127.0.0.1\n"
            + "s=-\n"
            + "t=0 0\n"
            + "m=audio 9 UDP/TLS/RTP/SAVPF 111 126\n"
            + "a=setup:actpass\n";

    /** The same SDP as it must go on the wire: CRLF endings. */
    static final String SDP_OFFER_CRLF = SDP_OFFER_LF.replace("\n", "\r\n");

    /** Same lines, escaped as they appear inside a JSON string. */
    static final String SDP_OFFER_JSON = SDP_OFFER_CRLF.replace("\r", "\\r").replace("\n", "\\n");

    MockWebServer server;
    final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    final Sleeper recordingSleeper = sleeps::add;

    @BeforeEach
    void startServer() throws IOException {
        server = new MockWebServer();
        // A request nobody enqueued an answer for gets a 404 at once instead of hanging the test.
        ((QueueDispatcher) server.getDispatcher()).setFailFast(true);
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    WhatsAppCallingClient.Builder clientBuilder() {
        return WhatsAppCallingClient.builder()
                .baseUrl(server.url("/").toString())
                .accessToken(TOKEN)
                .phoneNumberId(PhoneNumberId.of(PHONE_NUMBER_ID))
                .wabaId(WabaId.of(WABA_ID))
                .retryPolicy(FAST_RETRIES)
                .sleeper(recordingSleeper);
    }

    WhatsAppCallingClient client() {
        return clientBuilder().build();
    }

    /** A client that never retries: one request per call. */
    WhatsAppCallingClient clientWithoutRetries() {
        return clientBuilder().retryPolicy(RetryPolicy.none()).build();
    }

    void enqueueJson(int code, String json) {
        server.enqueue(new MockResponse.Builder()
                .code(code)
                .addHeader("Content-Type", "application/json")
                .body(json)
                .build());
    }

    void enqueueSuccess() {
        enqueueJson(200, "{\"messaging_product\":\"whatsapp\",\"success\":true}");
    }

    void enqueueConnected(String callId) {
        enqueueJson(200, "{\"messaging_product\":\"whatsapp\",\"calls\":[{\"id\":\"" + callId + "\"}]}");
    }

    static String metaError(int code, String details) {
        return "{\"error\":{\"message\":\"(#" + code + ") Something went wrong\",\"type\":\"OAuthException\",\"code\":"
                + code + ",\"error_data\":{\"details\":\"" + details + "\"},\"fbtrace_id\":\"AbC\"}}";
    }

    RecordedRequest take() throws InterruptedException {
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request).as("a request reached the server").isNotNull();
        return request;
    }

    static JsonNode json(String literal) {
        try {
            return MAPPER.readTree(literal);
        } catch (IOException e) {
            throw new AssertionError("bad JSON literal in test: " + literal, e);
        }
    }

    static JsonNode bodyOf(RecordedRequest request) {
        assertThat(request.getBody()).as("request body").isNotNull();
        return json(request.getBody().utf8());
    }

    /** Parsed-tree equality: field order and whitespace do not matter, every field and value does. */
    static void assertJsonBody(RecordedRequest request, String expectedJson) {
        assertThat(bodyOf(request)).isEqualTo(json(expectedJson));
    }

    /** Runs {@code call}, fails unless it throws a {@code type}, and returns what it threw. */
    static <T extends Throwable> T thrownBy(Class<T> type, ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).as("thrown").isInstanceOf(type);
        return type.cast(thrown);
    }
}
