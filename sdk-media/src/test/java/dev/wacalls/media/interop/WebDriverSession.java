package dev.wacalls.media.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The few commands of the W3C WebDriver protocol (https://www.w3.org/TR/webdriver2/) that {@link ChromiumPeer}
 * needs, spoken as plain JSON over HTTP to a local chromedriver: no Selenium on the test classpath.
 *
 * <pre>{@code
 * WebDriverSession s = WebDriverSession.create(http, URI.create("http://127.0.0.1:9515/"), capabilities, timeout);
 * s.navigate("http://127.0.0.1:8080/peer.html", timeout);
 * JsonNode v = s.executeAsync("arguments[0](42)", List.of(), timeout);
 * s.delete(timeout);
 * }</pre>
 */
final class WebDriverSession {
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI driver;
    private final String id;
    private final JsonNode capabilities;

    private WebDriverSession(HttpClient http, URI driver, String id, JsonNode capabilities) {
        this.http = http;
        this.driver = driver;
        this.id = id;
        this.capabilities = capabilities;
    }

    /** New Session (§8.1) with the given {@code alwaysMatch} capabilities. */
    static WebDriverSession create(HttpClient http, URI driver, ObjectNode alwaysMatch, Duration timeout) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("capabilities").set("alwaysMatch", alwaysMatch);
        JsonNode value = send(http, "POST", driver.resolve("session"), body, timeout);
        return new WebDriverSession(http, driver, value.path("sessionId").asText(), value.path("capabilities"));
    }

    /** Status (§8.3): whether the driver accepts new sessions. */
    static boolean ready(HttpClient http, URI driver, Duration timeout) {
        try {
            return send(http, "GET", driver.resolve("status"), null, timeout).path("ready").asBoolean(false);
        } catch (WebDriverException e) {
            return false;
        }
    }

    String id() {
        return id;
    }

    JsonNode capabilities() {
        return capabilities;
    }

    void navigate(String url, Duration timeout) {
        ObjectNode body = JSON.createObjectNode().put("url", url);
        send(http, "POST", command("/url"), body, timeout);
    }

    /** Set Timeouts (§9.2): how long an async script may run before the driver gives up on it. */
    void scriptTimeout(Duration scriptTimeout, Duration timeout) {
        ObjectNode body = JSON.createObjectNode().put("script", scriptTimeout.toMillis());
        send(http, "POST", command("/timeouts"), body, timeout);
    }

    /**
     * Execute Async Script (§13.2.2): the script ends by calling its last argument with the result, which comes back
     * as JSON.
     */
    JsonNode executeAsync(String script, List<?> args, Duration timeout) {
        ObjectNode body = JSON.createObjectNode().put("script", script);
        ArrayNode array = body.putArray("args");
        args.forEach(a -> array.add(JSON.valueToTree(a)));
        return send(http, "POST", command("/execute/async"), body, timeout);
    }

    /** Delete Session (§8.2): chromedriver quits the browser. */
    void delete(Duration timeout) {
        send(http, "DELETE", command(""), null, timeout);
    }

    private URI command(String suffix) {
        return driver.resolve("session/" + id + suffix);
    }

    private static JsonNode send(HttpClient http, String method, URI uri, @Nullable JsonNode body, Duration timeout) {
        HttpRequest.BodyPublisher publisher = body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .method(method, publisher)
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new WebDriverException(method + " " + uri + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WebDriverException(method + " " + uri + " interrupted", e);
        }
        JsonNode json;
        try {
            json = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new WebDriverException(method + " " + uri + " answered " + response.statusCode()
                    + " with no JSON: " + abbreviate(response.body()), e);
        }
        JsonNode value = json.path("value");
        if (response.statusCode() != 200) {
            throw new WebDriverException(method + " " + uri + " answered " + response.statusCode() + " "
                    + value.path("error").asText() + ": " + abbreviate(value.path("message").asText()), null);
        }
        return value;
    }

    private static String abbreviate(String s) {
        return s.length() <= 2000 ? s : s.substring(0, 2000) + "…";
    }

    /** A WebDriver command failed: transport error, or a W3C error answer (its code and message are kept). */
    static final class WebDriverException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        WebDriverException(String message, @Nullable Throwable cause) {
            super(message, cause);
        }
    }
}
