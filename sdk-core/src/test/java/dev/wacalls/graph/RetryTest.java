package dev.wacalls.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wacalls.error.CallFailedException;
import dev.wacalls.error.GraphApiException;
import dev.wacalls.error.InvalidParameterException;
import dev.wacalls.error.RateLimitedException;
import dev.wacalls.error.UnexpectedResponseException;
import dev.wacalls.error.WhatsAppException;
import dev.wacalls.error.WhatsAppTransportException;
import dev.wacalls.id.CallId;
import dev.wacalls.id.WaId;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RetryTest extends MockGraphTest {
    private static final CallId CALL = CallId.of("wacid.ABGGFjFVU2AfAgo6V");
    private static final String SETTINGS = "{\"calling\":{\"status\":\"ENABLED\"}}";
    private static final String PERMISSIONS = "{\"permission\":{\"status\":\"temporary\",\"expiration_time\":1745343479}}";

    private static ConnectCallRequest connectRequest() {
        return ConnectCallRequest.to(WaId.of("14085551234"), SDP_OFFER_LF).build();
    }

    private void enqueueStatus(int code, String body) {
        server.enqueue(new MockResponse.Builder().code(code).addHeader("Content-Type", "text/plain").body(body).build());
    }

    /** The connection is closed after the request was read, before any response byte. */
    private void enqueueDropAfterRequest() {
        server.enqueue(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
    }

    @Test
    void aGetIsRetriedAfter503AndSucceeds() {
        enqueueStatus(503, "Service Unavailable");
        enqueueJson(200, SETTINGS);

        CallingSettings s = client().settings().get();

        assertThat(s.enabled()).isTrue();
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(sleeps).singleElement().satisfies(d -> assertThat(d).isBetween(Duration.ZERO, Duration.ofMillis(10)));
    }

    @Test
    void aRetryAfterOf2SecondsIsWaitedFor() {
        server.enqueue(new MockResponse.Builder()
                .code(429)
                .addHeader("Retry-After", "2")
                .addHeader("Content-Type", "application/json")
                .body(metaError(613, "Call permission API rate limit hit"))
                .build());
        enqueueJson(200, PERMISSIONS);

        CallPermissions p = client().permissions().get(WaId.of("14085551234"));

        assertThat(p.status()).isEqualTo(PermissionStatus.TEMPORARY);
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(sleeps).singleElement().satisfies(d -> assertThat(d).isBetween(Duration.ofSeconds(2), Duration.ofMillis(2_100)));
    }

    @Test
    void aRetryAfterOnA429WithoutMetasErrorBodyIsWaitedForToo() {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "2").body("Too Many Requests").build());
        enqueueJson(200, PERMISSIONS);

        client().permissions().get(WaId.of("14085551234"));

        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(sleeps).singleElement().satisfies(d -> assertThat(d).isGreaterThanOrEqualTo(Duration.ofSeconds(2)));
    }

    @Test
    void aRetryAfterAboveTheMaximumOnAProxys503IsThrownAtOnce() {
        server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "3600").body("down").build());
        enqueueJson(200, SETTINGS);

        UnexpectedResponseException e = thrownBy(UnexpectedResponseException.class,
                () -> client().settings().get());

        assertThat(e.httpStatus()).isEqualTo(503);
        assertThat(e.retryAfter()).contains(Duration.ofHours(1));
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void aConnectThatIsNotRetriedReportsTheRetryAfterToTheCaller() {
        server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "7").body("busy").build());

        UnexpectedResponseException e = thrownBy(UnexpectedResponseException.class,
                () -> client().calls().connect(connectRequest()));

        assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aRetryAfterGivenAsAnHttpDateIsWaitedFor() {
        Instant now = Instant.parse("2026-03-10T12:00:00Z");
        String inFiveSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(now.plusSeconds(5), ZoneOffset.UTC));
        server.enqueue(new MockResponse.Builder()
                .code(503)
                .addHeader("Retry-After", inFiveSeconds)
                .addHeader("Content-Type", "application/json")
                .body(metaError(2, "Service temporarily unavailable"))
                .build());
        enqueueJson(200, SETTINGS);

        clientBuilder().clock(Clock.fixed(now, ZoneOffset.UTC)).build().settings().get();

        assertThat(sleeps).containsExactly(Duration.ofSeconds(5));
    }

    @Test
    void aRetryAfterAboveTheMaximumIsThrownAtOnce() {
        Instant now = Instant.parse("2026-03-10T12:00:00Z");
        server.enqueue(new MockResponse.Builder()
                .code(429)
                .addHeader("Retry-After", "120")
                .addHeader("Content-Type", "application/json")
                .body(metaError(613, "Call permission API rate limit hit"))
                .build());
        enqueueJson(200, PERMISSIONS);

        RateLimitedException e = thrownBy(RateLimitedException.class,
                () -> clientBuilder().clock(Clock.fixed(now, ZoneOffset.UTC)).build()
                        .permissions().get(WaId.of("14085551234")));

        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(sleeps).isEmpty();
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(120));
        assertThat(e.nextAllowedAt()).contains(now.plusSeconds(120));
    }

    @Test
    void terminateIsRetriedAfterAConnectionError138004() {
        enqueueJson(500, metaError(138004, "Connection error"));
        enqueueSuccess();

        client().calls().terminate(CALL);

        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(sleeps).hasSize(1);
    }

    @Test
    void a138004SentWithHttp400IsRetriedToo() {
        enqueueJson(400, metaError(138004, "Connection error"));
        enqueueSuccess();

        client().calls().terminate(CALL);

        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void a400IsNeverRetried() {
        enqueueJson(400, metaError(100, "Invalid parameter"));
        enqueueJson(400, metaError(100, "Invalid parameter"));
        enqueueSuccess();
        WhatsAppCallingClient client = client();

        assertThatThrownBy(() -> client.calls().terminate(CALL)).isInstanceOf(InvalidParameterException.class);
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThatThrownBy(() -> client.settings().get()).isInstanceOf(InvalidParameterException.class);
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(sleeps).isEmpty();
    }

    static Stream<Arguments> failuresAConnectMustNotRepeat() {
        return Stream.of(
                Arguments.of("503 without a body", 503, "text/plain", "Service Unavailable", UnexpectedResponseException.class),
                Arguments.of("429 Meta 138005", 429, "application/json", metaError(138005, "Call rate limit"), RateLimitedException.class),
                Arguments.of("429 Meta 613", 429, "application/json", metaError(613, "Rate limit"), RateLimitedException.class),
                Arguments.of("500 Meta 138004", 500, "application/json", metaError(138004, "Connection error"), CallFailedException.class),
                Arguments.of("500 Meta 138007", 500, "application/json", metaError(138007, "Connect timeout"), CallFailedException.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failuresAConnectMustNotRepeat")
    void connectIsNotRetriedOnAnAnswerFromMeta(
            String name, int code, String type, String body, Class<? extends WhatsAppException> expected) {
        server.enqueue(new MockResponse.Builder()
                .code(code)
                .addHeader("Content-Type", type)
                .addHeader("Retry-After", "1")
                .body(body)
                .build());
        enqueueConnected("wacid.second-call");

        assertThatThrownBy(() -> client().calls().connect(connectRequest())).isInstanceOf(expected);
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void connectIsNotRetriedWhenTheConnectionDropsAfterTheRequestWasSent() throws Exception {
        enqueueDropAfterRequest();
        enqueueConnected("wacid.second-call");

        WhatsAppTransportException e = thrownBy(WhatsAppTransportException.class,
                () -> client().calls().connect(connectRequest()));

        assertThat(e.requestMayHaveBeenSent()).isTrue();
        assertThat(bodyOf(take()).get("action").textValue()).isEqualTo("connect");
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void connectIsNotRetriedAfterAReadTimeout() {
        server.enqueue(new MockResponse.Builder()
                .headersDelay(400, TimeUnit.MILLISECONDS)
                .addHeader("Content-Type", "application/json")
                .body("{\"messaging_product\":\"whatsapp\",\"calls\":[{\"id\":\"wacid.late\"}]}")
                .build());
        enqueueConnected("wacid.second-call");
        WhatsAppCallingClient client = clientBuilder()
                .httpClient(new OkHttpClient.Builder().readTimeout(Duration.ofMillis(100)).build())
                .build();

        WhatsAppTransportException e = thrownBy(WhatsAppTransportException.class,
                () -> client.calls().connect(connectRequest()));

        assertThat(e.requestMayHaveBeenSent()).isTrue();
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void terminateIsRetriedWhenTheConnectionDropsAfterTheRequestWasSent() {
        enqueueDropAfterRequest();
        enqueueSuccess();

        client().calls().terminate(CALL);

        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void permissionRequestMessagesAreNotRetriedEither() {
        enqueueStatus(503, "Service Unavailable");
        enqueueJson(200, "{\"messages\":[{\"id\":\"wamid.second\"}]}");

        assertThatThrownBy(() -> client().permissions().sendRequest(WaId.of("14085551234"), null))
                .isInstanceOf(UnexpectedResponseException.class);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void connectIsRetriedWhenTheConnectionWasRefused() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        AtomicInteger attempts = new AtomicInteger();
        OkHttpClient counting = new OkHttpClient.Builder()
                .addInterceptor(chain -> {
                    attempts.incrementAndGet();
                    return chain.proceed(chain.request());
                })
                .build();
        WhatsAppCallingClient client = clientBuilder()
                .baseUrl("http://127.0.0.1:" + closedPort + "/")
                .httpClient(counting)
                .build();

        WhatsAppTransportException e = thrownBy(WhatsAppTransportException.class,
                () -> client.calls().connect(connectRequest()));

        assertThat(e.requestMayHaveBeenSent()).isFalse();
        assertThat(attempts).hasValue(FAST_RETRIES.maxAttempts());
        assertThat(sleeps).hasSize(FAST_RETRIES.maxAttempts() - 1);
    }

    @Test
    void connectIsRetriedWhenTheTcpConnectTimedOut() throws IOException {
        List<Socket> fillers = new ArrayList<>();
        try (ServerSocket neverAccepts = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            // Fill the accept backlog: further connection attempts get no answer and time out.
            for (int i = 0; i < 3; i++) {
                Socket filler = new Socket();
                fillers.add(filler);
                try {
                    filler.connect(neverAccepts.getLocalSocketAddress(), 100);
                } catch (IOException timedOut) {
                    break;
                }
            }
            AtomicInteger attempts = new AtomicInteger();
            WhatsAppCallingClient client = clientBuilder()
                    .baseUrl("http://127.0.0.1:" + neverAccepts.getLocalPort() + "/")
                    .httpClient(new OkHttpClient.Builder()
                            .connectTimeout(Duration.ofMillis(150))
                            .addInterceptor(chain -> {
                                attempts.incrementAndGet();
                                return chain.proceed(chain.request());
                            })
                            .build())
                    .build();

            WhatsAppTransportException e = thrownBy(WhatsAppTransportException.class,
                    () -> client.calls().connect(connectRequest()));

            assertThat(e.requestMayHaveBeenSent()).as("a request that never connected was never sent (%s)", e.getMessage()).isFalse();
            assertThat(attempts).hasValue(FAST_RETRIES.maxAttempts());
        } finally {
            for (Socket filler : fillers) {
                filler.close();
            }
        }
    }

    @Test
    void maxAttemptsIsHonouredWithGrowingBoundedBackoff() {
        for (int i = 0; i < 6; i++) {
            enqueueStatus(503, "Service Unavailable");
        }
        RetryPolicy four = RetryPolicy.builder()
                .maxAttempts(4)
                .initialDelay(Duration.ofMillis(10))
                .maxDelay(Duration.ofMillis(25))
                .build();

        UnexpectedResponseException e = thrownBy(UnexpectedResponseException.class,
                () -> clientBuilder().retryPolicy(four).build().settings().get());

        assertThat(e.httpStatus()).isEqualTo(503);
        assertThat(server.getRequestCount()).isEqualTo(4);
        assertThat(sleeps).hasSize(3);
        assertThat(sleeps.get(0)).isLessThanOrEqualTo(Duration.ofMillis(10));
        assertThat(sleeps.get(1)).isLessThanOrEqualTo(Duration.ofMillis(20));
        assertThat(sleeps.get(2)).isLessThanOrEqualTo(Duration.ofMillis(25));
    }

    @Test
    void aPerRequestRetryPolicyOfNoneSendsOnce() {
        enqueueStatus(503, "Service Unavailable");
        enqueueJson(200, SETTINGS);

        assertThatThrownBy(() -> client().settings().get(false,
                        RequestOptions.builder().retryPolicy(RetryPolicy.none()).build()))
                .isInstanceOf(UnexpectedResponseException.class);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void backoffCeilingsDoubleUpToTheMaximum() {
        RetryPolicy p = new RetryPolicy(10, Duration.ofMillis(250), Duration.ofSeconds(1), Duration.ofSeconds(30));

        assertThat(p.backoffCeiling(1)).isEqualTo(Duration.ofMillis(250));
        assertThat(p.backoffCeiling(2)).isEqualTo(Duration.ofMillis(500));
        assertThat(p.backoffCeiling(3)).isEqualTo(Duration.ofSeconds(1));
        assertThat(p.backoffCeiling(9)).isEqualTo(Duration.ofSeconds(1));
        assertThatThrownBy(() -> RetryPolicy.builder().maxAttempts(0).build()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aGraphErrorThatIsRetriedAndStillFailsIsThrownWithItsType() {
        enqueueJson(500, metaError(138004, "Connection error"));
        enqueueJson(500, metaError(138004, "Connection error"));
        enqueueJson(500, metaError(138004, "Connection error"));

        GraphApiException e = thrownBy(GraphApiException.class, () -> client().calls().terminate(CALL));

        assertThat(e).isInstanceOf(CallFailedException.class);
        assertThat(server.getRequestCount()).isEqualTo(3);
    }
}
