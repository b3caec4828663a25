package dev.wacalls.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wacalls.error.UnexpectedResponseException;
import dev.wacalls.graph.internal.GraphTransport;
import dev.wacalls.graph.internal.Sleeper;
import dev.wacalls.internal.Json;
import dev.wacalls.internal.JsonShapeException;
import dev.wacalls.id.PhoneNumberId;
import dev.wacalls.id.WabaId;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * The typed client for WhatsApp's Calling API on the Graph API: calls, call permissions, calling settings,
 * message templates and phone numbers. Immutable and thread-safe: build one and share it. Every method has an
 * overload taking {@link RequestOptions}, so one client serves many businesses, each with its own token and
 * phone number.
 *
 * <pre>{@code
 * WhatsAppCallingClient client = WhatsAppCallingClient.builder()
 *         .accessToken(System.getenv("WA_TOKEN"))
 *         .phoneNumberId(PhoneNumberId.of("106540352242922"))
 *         .build();
 * CallId call = client.calls().connect(ConnectCallRequest.to(WaId.of("+44 7700 900123"), sdpOffer).build());
 * }</pre>
 */
public final class WhatsAppCallingClient {
    /** Meta's Graph API host. Override with {@link Builder#baseUrl} for the emulator, tests or a proxy. */
    public static final String DEFAULT_BASE_URL = "https://graph.facebook.com";

    private final OkHttpClient http;
    private final HttpUrl baseUrl;
    private final RequestOptions defaults;
    private final Clock clock;
    private final Sleeper sleeper;
    private final String userAgent;
    private final GraphTransport transport;
    private final CallsApi calls;
    private final PermissionsApi permissions;
    private final SettingsApi settings;
    private final TemplatesApi templates;
    private final PhoneNumbersApi phoneNumbers;

    private WhatsAppCallingClient(Builder b) {
        this.http = b.http != null ? b.http : defaultHttpClient();
        this.baseUrl = b.baseUrl;
        this.defaults = b.defaults.build();
        this.clock = b.clock;
        this.sleeper = b.sleeper;
        this.userAgent = b.userAgent;
        this.transport = new GraphTransport(http, baseUrl, userAgent, clock, sleeper);
        this.calls = new CallsApi(this);
        this.permissions = new PermissionsApi(this);
        this.settings = new SettingsApi(this);
        this.templates = new TemplatesApi(this);
        this.phoneNumbers = new PhoneNumbersApi(this);
    }

    private static OkHttpClient defaultHttpClient() {
        // Meta answers calling requests in well under a second; the call timeout bounds a stuck request.
        return new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(30))
                .callTimeout(Duration.ofSeconds(60))
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this client's settings, for a variant (another token, base URL, …). */
    public Builder newBuilder() {
        Builder b = new Builder();
        b.http = http;
        b.baseUrl = baseUrl;
        b.defaults = defaults.toBuilder();
        b.clock = clock;
        b.sleeper = sleeper;
        b.userAgent = userAgent;
        return b;
    }

    /** {@code POST /{phone-number-id}/calls}: connect, pre-accept, accept, reject, terminate. */
    public CallsApi calls() {
        return calls;
    }

    /** Call-permission requests and {@code GET /{phone-number-id}/call_permissions}. */
    public PermissionsApi permissions() {
        return permissions;
    }

    /** {@code GET/POST /{phone-number-id}/settings} for calling. */
    public SettingsApi settings() {
        return settings;
    }

    /** Message templates of the WhatsApp Business Account, e.g. the default "Call Request" template. */
    public TemplatesApi templates() {
        return templates;
    }

    /** Business phone numbers: display number, country, messaging limit, quality, health. */
    public PhoneNumbersApi phoneNumbers() {
        return phoneNumbers;
    }

    /** The options every request starts from. */
    public RequestOptions defaults() {
        return defaults;
    }

    Clock clock() {
        return clock;
    }

    RequestOptions resolve(RequestOptions options) {
        RequestOptions merged = Objects.requireNonNull(options, "options").withDefaults(defaults);
        if (merged.accessToken().isEmpty()) {
            throw new IllegalStateException("no access token: set one on the client builder or in RequestOptions");
        }
        return merged;
    }

    JsonNode get(RequestOptions resolved, List<String> path, Map<String, String> query) {
        return transport.get(resolved.accessToken().orElseThrow(), version(resolved), path, query, policy(resolved));
    }

    JsonNode post(RequestOptions resolved, List<String> path, ObjectNode body, GraphTransport.Safety safety) {
        return transport.post(
                resolved.accessToken().orElseThrow(), version(resolved), path, body, safety, policy(resolved));
    }

    /** Reads a 2xx response; a field of the wrong type becomes an {@link UnexpectedResponseException}. */
    static <T> T read(JsonNode response, Function<JsonNode, T> reader) {
        try {
            return reader.apply(response);
        } catch (JsonShapeException | IllegalArgumentException e) {
            throw new UnexpectedResponseException(
                    "unexpected response shape: " + e.getMessage(), 200, response.toString());
        }
    }

    private static String version(RequestOptions o) {
        return o.apiVersion().orElse(GraphVersions.DEFAULT);
    }

    private static RetryPolicy policy(RequestOptions o) {
        return o.retryPolicy().orElse(RetryPolicy.defaults());
    }

    static ObjectNode newObject() {
        return Json.MAPPER.createObjectNode();
    }

    /** Builds a {@link WhatsAppCallingClient}. */
    public static final class Builder {
        private @Nullable OkHttpClient http;
        private HttpUrl baseUrl = HttpUrl.get(DEFAULT_BASE_URL);
        private RequestOptions.Builder defaults = RequestOptions.builder();
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.SYSTEM;
        private String userAgent = "wacalls-java";

        private Builder() {}

        /** The default access token (a system-user token with whatsapp_business_messaging). */
        public Builder accessToken(String accessToken) {
            defaults.accessToken(accessToken);
            return this;
        }

        public Builder phoneNumberId(PhoneNumberId phoneNumberId) {
            defaults.phoneNumberId(phoneNumberId);
            return this;
        }

        public Builder wabaId(WabaId wabaId) {
            defaults.wabaId(wabaId);
            return this;
        }

        /** Graph API version, e.g. {@code v24.0} (the default). */
        public Builder apiVersion(String apiVersion) {
            defaults.apiVersion(apiVersion);
            return this;
        }

        public Builder retryPolicy(RetryPolicy retryPolicy) {
            defaults.retryPolicy(retryPolicy);
            return this;
        }

        /** Where the Graph API lives: Meta by default; the wacalls emulator, a MockWebServer or a proxy otherwise. */
        public Builder baseUrl(String baseUrl) {
            HttpUrl parsed = HttpUrl.parse(Objects.requireNonNull(baseUrl, "baseUrl"));
            if (parsed == null) {
                throw new IllegalArgumentException("not an http(s) URL: " + baseUrl);
            }
            this.baseUrl = parsed;
            return this;
        }

        /** Shares an existing OkHttp client (its pool, dispatcher, interceptors and timeouts). */
        public Builder httpClient(OkHttpClient http) {
            this.http = Objects.requireNonNull(http, "http");
            return this;
        }

        /** The clock for {@code Retry-After} dates and settings validation (holidays in the past). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder userAgent(String userAgent) {
            this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
            return this;
        }

        /** For tests: how the client waits between retries. */
        Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        public WhatsAppCallingClient build() {
            return new WhatsAppCallingClient(this);
        }
    }
}
