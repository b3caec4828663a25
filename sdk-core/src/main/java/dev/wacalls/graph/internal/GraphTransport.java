package dev.wacalls.graph.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wacalls.error.GraphApiException;
import dev.wacalls.error.UnexpectedResponseException;
import dev.wacalls.error.WhatsAppException;
import dev.wacalls.error.WhatsAppTransportException;
import dev.wacalls.graph.RetryPolicy;
import dev.wacalls.internal.Json;
import dev.wacalls.internal.JsonShapeException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends Graph API requests and reads their answers, retrying only what is safe to repeat.
 *
 * <p>Two OkHttp clients share one connection pool: the one for requests that create something (a call, a
 * message, a template) has OkHttp's own silent retry switched off, since OkHttp may resend a request whose
 * connection broke after it was written.
 */
public final class GraphTransport {
    private static final Logger LOG = LoggerFactory.getLogger(GraphTransport.class);
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    /** Responses larger than this are refused; Graph answers for these endpoints are a few KiB. */
    static final long MAX_RESPONSE_BYTES = 8L * 1024 * 1024;

    /** Whether repeating a request can do harm. */
    public enum Safety {
        /** Reads, and writes that set state (settings) or act on an existing call. */
        REPEATABLE,
        /** Creates something: a call, a message, a template. Retried only if it never left. */
        CREATES
    }

    private final OkHttpClient http;
    private final OkHttpClient httpCreates;
    private final HttpUrl baseUrl;
    private final String userAgent;
    private final Clock clock;
    private final Sleeper sleeper;

    public GraphTransport(OkHttpClient http, HttpUrl baseUrl, String userAgent, Clock clock, Sleeper sleeper) {
        this.http = http;
        this.httpCreates = http.newBuilder().retryOnConnectionFailure(false).build();
        this.baseUrl = baseUrl;
        this.userAgent = userAgent;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    public HttpUrl baseUrl() {
        return baseUrl;
    }

    public JsonNode get(String token, String version, List<String> path, Map<String, String> query, RetryPolicy policy) {
        HttpUrl url = url(version, path, query);
        Request request = base(token, url).get().build();
        return execute(request, Safety.REPEATABLE, policy);
    }

    public JsonNode post(String token, String version, List<String> path, JsonNode body, Safety safety, RetryPolicy policy) {
        HttpUrl url = url(version, path, Map.of());
        Request request = base(token, url).post(RequestBody.create(Json.write(body), JSON)).build();
        return execute(request, safety, policy);
    }

    private HttpUrl url(String version, List<String> path, Map<String, String> query) {
        HttpUrl.Builder b = baseUrl.newBuilder().addPathSegment(version);
        for (String segment : path) {
            b.addPathSegment(segment);
        }
        query.forEach(b::addQueryParameter);
        return b.build();
    }

    private Request.Builder base(String token, HttpUrl url) {
        return new Request.Builder()
                .url(url)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .header("User-Agent", userAgent);
    }

    private JsonNode execute(Request request, Safety safety, RetryPolicy policy) {
        for (int attempt = 1; ; attempt++) {
            try {
                return executeOnce(request, safety);
            } catch (WhatsAppException e) {
                Duration delay = retryDelay(e, safety, attempt, policy);
                if (delay == null) {
                    throw e;
                }
                LOG.debug("{} {} failed ({}); retry {} in {} ms", request.method(), request.url().encodedPath(),
                        e.getMessage(), attempt, delay.toMillis());
                try {
                    sleeper.sleep(delay);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    e.addSuppressed(ie);
                    throw e;
                }
            }
        }
    }

    /** How long to wait before the next attempt, or null when the error must be thrown. */
    private @Nullable Duration retryDelay(WhatsAppException e, Safety safety, int attempt, RetryPolicy policy) {
        if (attempt >= policy.maxAttempts()) {
            return null;
        }
        boolean retry;
        Duration retryAfter = null;
        if (e instanceof WhatsAppTransportException t) {
            retry = safety == Safety.REPEATABLE || !t.requestMayHaveBeenSent();
        } else if (safety == Safety.CREATES) {
            retry = false;
        } else if (e instanceof GraphApiException g) {
            retry = g.httpStatus() == 429 || g.httpStatus() >= 500 || g.code() == 138004;
            retryAfter = g.retryAfter().orElse(null);
        } else if (e instanceof UnexpectedResponseException u) {
            retry = u.httpStatus() == 429 || u.httpStatus() >= 500;
            retryAfter = u.retryAfter().orElse(null);
        } else {
            retry = false;
        }
        if (!retry) {
            return null;
        }
        if (retryAfter != null && retryAfter.compareTo(policy.maxRetryAfter()) > 0) {
            return null;
        }
        long ceiling = policy.backoffCeiling(attempt).toNanos();
        Duration jittered = Duration.ofNanos(ceiling == 0 ? 0 : ThreadLocalRandom.current().nextLong(ceiling + 1));
        return retryAfter != null && retryAfter.compareTo(jittered) > 0 ? retryAfter : jittered;
    }

    private JsonNode executeOnce(Request request, Safety safety) {
        OkHttpClient client = safety == Safety.CREATES ? httpCreates : http;
        try (Response response = client.newCall(request).execute()) {
            byte[] body = readBody(response);
            return interpret(response, body);
        } catch (IOException e) {
            throw new WhatsAppTransportException(
                    request.method() + " " + request.url().encodedPath() + " failed: " + e, e, mayHaveBeenSent(e));
        }
    }

    /** Failures that happen before a single byte of the request is written. */
    private static boolean mayHaveBeenSent(IOException e) {
        return !(e instanceof ConnectException
                || e instanceof UnknownHostException
                || e instanceof NoRouteToHostException
                || (e instanceof InterruptedIOException
                        && String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("connect timed out")));
    }

    private static byte[] readBody(Response response) throws IOException {
        ResponseBody body = response.body();
        BufferedSource source = body.source();
        Buffer buffer = new Buffer();
        long total = 0;
        while (true) {
            long read = source.read(buffer, 8192);
            if (read == -1) {
                break;
            }
            total += read;
            if (total > MAX_RESPONSE_BYTES) {
                throw new UnexpectedResponseException(
                        "response larger than " + MAX_RESPONSE_BYTES + " bytes", response.code(), "");
            }
        }
        return buffer.readByteArray();
    }

    private JsonNode interpret(Response response, byte[] body) {
        int status = response.code();
        Duration retryAfter = retryAfter(response);
        JsonNode json;
        try {
            json = Json.parse(body);
        } catch (IOException e) {
            throw new UnexpectedResponseException(
                    status >= 200 && status < 300 ? "response is not valid JSON" : "error response is not valid JSON",
                    status, excerpt(body), retryAfter);
        }
        JsonNode error = json.isObject() ? json.get("error") : null;
        if (error != null && error.isObject()) {
            GraphApiException mapped;
            try {
                mapped = GraphErrors.toException(status, error, retryAfter, clock);
            } catch (JsonShapeException e) {
                throw new UnexpectedResponseException(
                        "malformed error object: " + e.getMessage(), status, excerpt(body), retryAfter);
            }
            throw mapped;
        }
        if (status < 200 || status >= 300) {
            throw new UnexpectedResponseException(
                    "error response without an error object", status, excerpt(body), retryAfter);
        }
        if (!json.isObject()) {
            throw new UnexpectedResponseException("expected a JSON object, got " + Json.kind(json), status, excerpt(body));
        }
        return json;
    }

    private @Nullable Duration retryAfter(Response response) {
        String value = response.header("Retry-After");
        if (value == null || value.isBlank()) {
            return null;
        }
        value = value.trim();
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(clock.instant(), at.toInstant());
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    static String excerpt(byte[] body) {
        String s = new String(body, 0, Math.min(body.length, 2048), StandardCharsets.UTF_8);
        return s.length() > 512 ? s.substring(0, 512) : s;
    }
}
