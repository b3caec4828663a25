package dev.wacalls.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.wacalls.id.CallId;
import dev.wacalls.id.PhoneNumberId;
import dev.wacalls.id.WaId;
import dev.wacalls.id.WabaId;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * An emulator of WhatsApp's Cloud API calling endpoints on loopback, with signed webhooks and
 * {@link VirtualCandidate}s, for trying an integration without a Meta account.
 *
 * <p>What it emulates: call-permission requests (interactive and template messages) with Meta's limits (1 per
 * 24 h, 2 per 7 days, 138017 when a permanent permission exists), {@code GET call_permissions}, business-initiated
 * calls ({@code connect} with 138006 without permission; ringing, answer with an SDP answer, reject, no answer, and
 * the automatic revocation after 4 unanswered calls), user-initiated calls ({@link #callBusiness}) with pre-accept,
 * accept and reject, {@code terminate} from either side, calling settings, templates and the phone number. Every
 * state change is sent as a webhook signed with the app secret, in order. Media is not emulated yet: the SDP
 * answers are well-formed but no media relay answers them.
 *
 * <pre>{@code
 * try (WhatsAppEmulator meta = WhatsAppEmulator.builder().appSecret("s3cret").build()) {
 *     meta.addCandidate(VirtualCandidate.of(WaId.of("447700900123"), "Alex"));
 *     meta.webhookUrl("http://127.0.0.1:8080/webhook");
 *     WhatsAppCallingClient client = WhatsAppCallingClient.builder().baseUrl(meta.baseUrl())
 *             .accessToken(meta.accessToken()).phoneNumberId(meta.phoneNumberId()).build();
 * }
 * }</pre>
 */
public final class WhatsAppEmulator implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DAY = Duration.ofHours(24);
    private static final Duration WEEK = Duration.ofDays(7);

    private final HttpServer server;
    private final ScheduledExecutorService webhookThread;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final SecureRandom random = new SecureRandom();
    private final byte[] appSecret;
    private final String accessToken;
    private final PhoneNumberId phoneNumberId;
    private final WabaId wabaId;
    private final String displayPhoneNumber;
    private final Duration ringTimeout;
    private volatile @Nullable String webhookUrl;

    private final Map<String, VirtualCandidate> candidates = new ConcurrentHashMap<>();
    private final Map<String, UserState> users = new ConcurrentHashMap<>();
    private final Map<String, Call> calls = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> templates = new ConcurrentHashMap<>();
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private volatile ObjectNode calling = JSON.createObjectNode().put("status", "DISABLED");

    private WhatsAppEmulator(Builder b) throws IOException {
        this.appSecret = b.appSecret.getBytes(StandardCharsets.UTF_8);
        this.accessToken = b.accessToken;
        this.phoneNumberId = b.phoneNumberId;
        this.wabaId = b.wabaId;
        this.displayPhoneNumber = b.displayPhoneNumber;
        this.ringTimeout = b.ringTimeout;
        this.webhookUrl = b.webhookUrl;
        this.webhookThread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "wacalls-emulator-webhooks");
            t.setDaemon(true);
            return t;
        });
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), b.port), 0);
        this.server.createContext("/", this::handle);
        this.server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "wacalls-emulator-http");
            t.setDaemon(true);
            return t;
        }));
        this.server.start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The Graph base URL to give the client, e.g. {@code http://127.0.0.1:41234}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String accessToken() {
        return accessToken;
    }

    public PhoneNumberId phoneNumberId() {
        return phoneNumberId;
    }

    public WabaId wabaId() {
        return wabaId;
    }

    /** Where webhooks are POSTed. Until set, they are recorded but not sent. */
    public void webhookUrl(String url) {
        this.webhookUrl = Objects.requireNonNull(url, "url");
    }

    public void addCandidate(VirtualCandidate candidate) {
        candidates.put(candidate.waId().value(), candidate);
    }

    /** Every webhook body produced so far, in order, with its delivery result. */
    public List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /** The candidate calls the business: a user-initiated connect webhook with an SDP offer. */
    public CallId callBusiness(WaId from) {
        VirtualCandidate c = candidate(from);
        Call call = new Call(newCallId(), c, "USER_INITIATED", null);
        calls.put(call.id, call);
        ObjectNode item = callItem(call, "connect");
        item.putObject("session").put("sdp_type", "offer").put("sdp", VirtualSdp.offer(random));
        sendCalls(call, item, true);
        return CallId.of(call.id);
    }

    /** The candidate hangs up an answered call. */
    public void hangUp(CallId callId) {
        Call call = calls.get(callId.value());
        if (call == null) {
            throw new IllegalArgumentException("no such call: " + callId);
        }
        finish(call, "COMPLETED");
    }

    @Override
    public void close() {
        server.stop(0);
        webhookThread.shutdownNow();
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    // ---- HTTP ----------------------------------------------------------------------------------------------

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            if (auth == null || !auth.equals("Bearer " + accessToken)) {
                error(ex, 401, 190, "Invalid OAuth access token - Cannot parse access token", null);
                return;
            }
            String[] parts = ex.getRequestURI().getPath().replaceAll("^/+", "").split("/");
            if (parts.length < 2 || !parts[0].matches("v[0-9]+\\.[0-9]+")) {
                error(ex, 400, 100, "Unknown path components: " + ex.getRequestURI().getPath(), null);
                return;
            }
            String node = parts[1];
            String edge = parts.length > 2 ? parts[2] : "";
            String method = ex.getRequestMethod();
            JsonNode body = method.equals("POST") ? readJson(ex) : JSON.createObjectNode();
            if (body == null) {
                error(ex, 400, 100, "Invalid JSON body", null);
                return;
            }
            Map<String, String> query = query(ex.getRequestURI().getRawQuery());
            boolean isPhone = node.equals(phoneNumberId.value());
            boolean isWaba = node.equals(wabaId.value());
            if (isPhone && edge.equals("calls") && method.equals("POST")) {
                calls(ex, body);
            } else if (isPhone && edge.equals("messages") && method.equals("POST")) {
                messages(ex, body);
            } else if (isPhone && edge.equals("call_permissions") && method.equals("GET")) {
                permissions(ex, query);
            } else if (isPhone && edge.equals("settings")) {
                settings(ex, method, body);
            } else if (isPhone && edge.isEmpty() && method.equals("GET")) {
                respond(ex, 200, JSON.createObjectNode()
                        .put("id", phoneNumberId.value())
                        .put("display_phone_number", displayPhoneNumber)
                        .put("verified_name", "wacalls emulator")
                        .put("quality_rating", "GREEN")
                        .put("whatsapp_business_manager_messaging_limit", "TIER_2K")
                        .put("status", "CONNECTED")
                        .put("platform_type", "CLOUD_API"));
            } else if (isWaba && edge.equals("message_templates")) {
                templates(ex, method, body, query);
            } else {
                error(ex, 400, 100, "Unsupported " + method + " request: " + ex.getRequestURI().getPath(), null);
            }
        } catch (RuntimeException e) {
            error(ex, 500, 1, "An unknown error occurred in the emulator: " + e, null);
        }
    }

    private void calls(HttpExchange ex, JsonNode body) throws IOException {
        String action = text(body, "action");
        if (action == null) {
            error(ex, 400, 100, "The parameter action is required", null);
            return;
        }
        if (action.equals("connect")) {
            connect(ex, body);
            return;
        }
        Call call = calls.get(String.valueOf(text(body, "call_id")));
        if (call == null) {
            error(ex, 400, 100, "Invalid parameter", "Invalid call id");
            return;
        }
        switch (action) {
            case "pre_accept" -> {
                call.sdpAnswer = text(body.path("session"), "sdp");
                ok(ex);
            }
            case "accept" -> {
                String sdp = text(body.path("session"), "sdp");
                if (call.sdpAnswer != null && !call.sdpAnswer.equals(sdp)) {
                    error(ex, 400, 100, "Invalid parameter", "SDP answer does not match the pre-accepted SDP");
                    return;
                }
                call.answeredAt = Instant.now();
                resetUnanswered(call.candidate);
                ok(ex);
            }
            case "reject" -> {
                ok(ex);
                finish(call, "FAILED");
            }
            case "terminate" -> {
                if (call.ended) {
                    error(ex, 400, 100, "Invalid parameter", "The call has already been terminated");
                    return;
                }
                ok(ex);
                finish(call, "COMPLETED");
            }
            default -> error(ex, 400, 100, "Invalid parameter", "Unknown action " + action);
        }
    }

    private void connect(HttpExchange ex, JsonNode body) throws IOException {
        String to = text(body, "to");
        VirtualCandidate c = to == null ? null : candidates.get(to);
        if (c == null) {
            error(ex, 400, 138001, "Receiver is incapable of receiving this call", null);
            return;
        }
        if (!"ENABLED".equals(calling.path("status").asText())) {
            error(ex, 401, 138000, "Calling is not enabled for this business phone number", null);
            return;
        }
        UserState u = user(c);
        if (!u.permitted(Instant.now())) {
            error(ex, 401, 138006, "No approved call permission from the recipient", null);
            return;
        }
        String sdp = text(body.path("session"), "sdp");
        if (sdp == null || !sdp.startsWith("v=0")) {
            error(ex, 400, 100, "Invalid parameter", "SDP validation error: not an SDP offer");
            return;
        }
        Call call = new Call(newCallId(), c, "BUSINESS_INITIATED", text(body, "biz_opaque_callback_data"));
        calls.put(call.id, call);
        ObjectNode response = JSON.createObjectNode().put("messaging_product", "whatsapp");
        response.putArray("calls").addObject().put("id", call.id);
        respond(ex, 200, response);

        sendStatus(call, "RINGING", 20);
        long ring = c.ringFor().toMillis();
        switch (c.call()) {
            case ANSWER -> {
                webhookThread.schedule(() -> {
                    call.answeredAt = Instant.now();
                    resetUnanswered(c);
                    ObjectNode item = callItem(call, "connect");
                    item.putObject("session").put("sdp_type", "answer").put("sdp", VirtualSdp.answer(random));
                    sendCalls(call, item, false);
                }, ring, TimeUnit.MILLISECONDS);
                sendStatus(call, "ACCEPTED", ring + 10);
            }
            case REJECT -> {
                sendStatus(call, "REJECTED", ring);
                webhookThread.schedule(() -> unanswered(call), ring + 10, TimeUnit.MILLISECONDS);
            }
            case IGNORE -> webhookThread.schedule(() -> unanswered(call), ringTimeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void unanswered(Call call) {
        if (call.ended) {
            return;
        }
        finish(call, "FAILED");
        UserState u = user(call.candidate);
        synchronized (u) {
            u.unanswered++;
            if (u.unanswered >= 4 && u.permission != null) {
                // Meta revokes after 4 consecutive unanswered or rejected business calls, with an automatic reject.
                u.permission = null;
                u.unanswered = 0;
                sendPermissionReply(call.candidate, "reject", false, null, "automatic", null, 0);
            }
        }
    }

    private void resetUnanswered(VirtualCandidate c) {
        UserState u = user(c);
        synchronized (u) {
            u.unanswered = 0;
            u.requests.clear(); // a connected call resets the request limits
        }
    }

    private void finish(Call call, String status) {
        synchronized (call) {
            if (call.ended) {
                return;
            }
            call.ended = true;
        }
        Instant end = Instant.now();
        ObjectNode item = callItem(call, "terminate");
        item.put("status", status);
        if (call.answeredAt != null) {
            item.put("start_time", String.valueOf(call.answeredAt.getEpochSecond()));
            item.put("end_time", String.valueOf(end.getEpochSecond()));
            item.put("duration", Duration.between(call.answeredAt, end).toSeconds());
        }
        sendCalls(call, item, false);
    }

    private void messages(HttpExchange ex, JsonNode body) throws IOException {
        String to = text(body, "to");
        VirtualCandidate c = to == null ? null : candidates.get(to);
        if (c == null) {
            error(ex, 400, 131030, "Recipient phone number not in allowed list", null);
            return;
        }
        String type = text(body, "type");
        boolean interactive = "interactive".equals(type)
                && "call_permission_request".equals(text(body.path("interactive"), "type"));
        boolean template = "template".equals(type);
        if (!interactive && !template) {
            error(ex, 400, 100, "Invalid parameter", "the emulator only sends call-permission requests");
            return;
        }
        UserState u = user(c);
        Instant now = Instant.now();
        synchronized (u) {
            if (u.permanent) {
                error(ex, 400, 138017, "A permanent call permission already exists", null);
                return;
            }
            u.requests.removeIf(t -> t.isBefore(now.minus(WEEK)));
            long lastDay = u.requests.stream().filter(t -> t.isAfter(now.minus(DAY))).count();
            if (lastDay >= 1 || u.requests.size() >= 2) {
                error(ex, 400, 138009, "Call permission request limit reached", null);
                return;
            }
            u.requests.add(now);
        }
        String wamid = "wamid." + token(24);
        ObjectNode response = JSON.createObjectNode().put("messaging_product", "whatsapp");
        response.putArray("contacts").addObject().put("input", to).put("wa_id", to);
        response.putArray("messages").addObject().put("id", wamid);
        respond(ex, 200, response);

        sendMessageStatus(c, wamid, "sent", 10);
        sendMessageStatus(c, wamid, "delivered", 20);
        switch (c.permission()) {
            case ACCEPT_TEMPORARY -> sendPermissionReply(c, "accept", false, now.plus(WEEK), "user_action", wamid, 40);
            case ACCEPT_PERMANENT -> sendPermissionReply(c, "accept", true, null, "user_action", wamid, 40);
            case REJECT -> sendPermissionReply(c, "reject", false, null, "user_action", wamid, 40);
            case IGNORE -> { }
        }
    }

    private void permissions(HttpExchange ex, Map<String, String> query) throws IOException {
        String waId = query.get("user_wa_id");
        VirtualCandidate c = waId == null ? null : candidates.get(waId);
        ObjectNode r = JSON.createObjectNode().put("messaging_product", "whatsapp");
        ObjectNode permission = r.putObject("permission");
        Instant now = Instant.now();
        UserState u = c == null ? new UserState() : user(c);
        synchronized (u) {
            if (u.permitted(now)) {
                permission.put("status", u.permanent ? "permanent" : "temporary");
                if (!u.permanent) {
                    permission.put("expiration_time", u.permission.getEpochSecond());
                }
            } else {
                permission.put("status", "no_permission");
            }
            long lastDay = u.requests.stream().filter(t -> t.isAfter(now.minus(DAY))).count();
            long lastWeek = u.requests.stream().filter(t -> t.isAfter(now.minus(WEEK))).count();
            ArrayNode actions = r.putArray("actions");
            ObjectNode send = actions.addObject().put("action_name", "send_call_permission_request")
                    .put("can_perform_action", c != null && !u.permanent && lastDay < 1 && lastWeek < 2);
            ArrayNode limits = send.putArray("limits");
            limits.addObject().put("time_period", "PT24H").put("max_allowed", 1).put("current_usage", lastDay);
            limits.addObject().put("time_period", "P7D").put("max_allowed", 2).put("current_usage", lastWeek);
            ObjectNode start = actions.addObject().put("action_name", "start_call")
                    .put("can_perform_action", u.permitted(now));
            start.putArray("limits").addObject().put("time_period", "PT24H").put("max_allowed", 100)
                    .put("current_usage", 0);
        }
        respond(ex, 200, r);
    }

    private void settings(HttpExchange ex, String method, JsonNode body) throws IOException {
        if (method.equals("GET")) {
            ObjectNode r = JSON.createObjectNode();
            r.set("calling", calling.deepCopy());
            respond(ex, 200, r);
            return;
        }
        JsonNode update = body.path("calling");
        if (!update.isObject()) {
            error(ex, 400, 100, "Invalid parameter", "calling is required");
            return;
        }
        ObjectNode next = calling.deepCopy();
        // Each part sent replaces that part whole (call_hours included), as at Meta.
        update.fields().forEachRemaining(e -> next.set(e.getKey(), e.getValue()));
        ObjectNode before = calling;
        calling = next;
        ok(ex);
        if (!before.path("status").equals(next.path("status"))) {
            ObjectNode value = JSON.createObjectNode();
            value.put("type", "phone_number_settings");
            ObjectNode pns = value.putObject("phone_number_settings").put("phone_number_id", phoneNumberId.value());
            pns.putObject("calling").set("status", next.path("status"));
            send("account_settings_update", value, 0);
        }
    }

    private void templates(HttpExchange ex, String method, JsonNode body, Map<String, String> query) throws IOException {
        if (method.equals("POST")) {
            String name = text(body, "name");
            String language = text(body, "language");
            if (name == null || language == null) {
                error(ex, 400, 100, "Invalid parameter", "name and language are required");
                return;
            }
            if (templates.containsKey(name + "/" + language)) {
                error(ex, 400, 100, "Invalid parameter",
                        "Content in this language already exists for template " + name);
                return;
            }
            ObjectNode t = ((ObjectNode) body.deepCopy()).put("id", String.valueOf(1_000_000 + templates.size()))
                    .put("status", "APPROVED");
            templates.put(name + "/" + language, t);
            respond(ex, 200, JSON.createObjectNode().put("id", t.get("id").asText()).put("status", "APPROVED")
                    .put("category", text(body, "category")));
            return;
        }
        String filter = query.getOrDefault("name", "");
        ObjectNode r = JSON.createObjectNode();
        ArrayNode data = r.putArray("data");
        templates.values().stream().filter(t -> t.path("name").asText().contains(filter)).forEach(data::add);
        respond(ex, 200, r);
    }

    // ---- webhooks ------------------------------------------------------------------------------------------

    private ObjectNode callItem(Call call, String event) {
        ObjectNode item = JSON.createObjectNode();
        item.put("id", call.id);
        boolean business = call.direction.equals("BUSINESS_INITIATED");
        item.put("from", business ? displayPhoneNumber : call.candidate.waId().value());
        item.put("to", business ? call.candidate.waId().value() : displayPhoneNumber);
        item.put("event", event);
        item.put("timestamp", String.valueOf(Instant.now().getEpochSecond()));
        item.put("direction", call.direction);
        if (call.opaque != null) {
            item.put("biz_opaque_callback_data", call.opaque);
        }
        return item;
    }

    private void sendCalls(Call call, ObjectNode item, boolean withContact) {
        ObjectNode value = value();
        if (withContact || item.path("event").asText().equals("connect")) {
            value.putArray("contacts").addObject().put("wa_id", call.candidate.waId().value())
                    .putObject("profile").put("name", call.candidate.name());
        }
        value.putArray("calls").add(item);
        send("calls", value, 0);
    }

    private void sendStatus(Call call, String status, long delayMillis) {
        webhookThread.schedule(() -> {
            if (call.ended) {
                return;
            }
            ObjectNode value = value();
            ObjectNode s = value.putArray("statuses").addObject();
            s.put("id", call.id).put("timestamp", String.valueOf(Instant.now().getEpochSecond())).put("type", "call")
                    .put("status", status).put("recipient_id", call.candidate.waId().value());
            if (call.opaque != null) {
                s.put("biz_opaque_callback_data", call.opaque);
            }
            send("calls", value, 0);
        }, delayMillis, TimeUnit.MILLISECONDS);
    }

    private void sendMessageStatus(VirtualCandidate c, String wamid, String status, long delayMillis) {
        ObjectNode value = value();
        value.putArray("statuses").addObject().put("id", wamid).put("status", status)
                .put("timestamp", String.valueOf(Instant.now().getEpochSecond()))
                .put("recipient_id", c.waId().value());
        send("messages", value, delayMillis);
    }

    private void sendPermissionReply(VirtualCandidate c, String response, boolean permanent, @Nullable Instant expires,
            String source, @Nullable String contextId, long delayMillis) {
        webhookThread.schedule(() -> {
            UserState u = user(c);
            synchronized (u) {
                if (response.equals("accept")) {
                    u.permanent = permanent;
                    u.permission = permanent ? Instant.MAX : expires;
                }
            }
            ObjectNode value = value();
            value.putArray("contacts").addObject().put("wa_id", c.waId().value()).putObject("profile")
                    .put("name", c.name());
            ObjectNode m = value.putArray("messages").addObject();
            m.put("from", c.waId().value()).put("id", "wamid." + token(24))
                    .put("timestamp", String.valueOf(Instant.now().getEpochSecond())).put("type", "interactive");
            if (contextId != null) {
                m.putObject("context").put("from", displayPhoneNumber).put("id", contextId);
            }
            ObjectNode reply = m.putObject("interactive").put("type", "call_permission_reply")
                    .putObject("call_permission_reply");
            reply.put("response", response);
            if (response.equals("accept")) {
                reply.put("is_permanent", permanent);
            }
            if (expires != null) {
                reply.put("expiration_timestamp", String.valueOf(expires.getEpochSecond()));
            }
            reply.put("response_source", source);
            deliver("messages", value);
        }, delayMillis, TimeUnit.MILLISECONDS);
    }

    private ObjectNode value() {
        ObjectNode value = JSON.createObjectNode().put("messaging_product", "whatsapp");
        value.putObject("metadata").put("display_phone_number", displayPhoneNumber)
                .put("phone_number_id", phoneNumberId.value());
        return value;
    }

    private void send(String field, ObjectNode value, long delayMillis) {
        webhookThread.schedule(() -> deliver(field, value), delayMillis, TimeUnit.MILLISECONDS);
    }

    /** Runs on the webhook thread, so webhooks leave in the order they were made. */
    private void deliver(String field, ObjectNode value) {
        ObjectNode root = JSON.createObjectNode().put("object", "whatsapp_business_account");
        ObjectNode entry = root.putArray("entry").addObject().put("id", wabaId.value());
        entry.putArray("changes").addObject().put("field", field).set("value", value);
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        String url = webhookUrl;
        int status = 0;
        if (url != null) {
            String signature = "sha256=" + HexFormat.of().formatHex(hmac(body));
            for (int attempt = 1; attempt <= 3 && (status < 200 || status >= 300); attempt++) {
                try {
                    HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url))
                                    .timeout(Duration.ofSeconds(20))
                                    .header("Content-Type", "application/json")
                                    .header("X-Hub-Signature-256", signature)
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
                    status = r.statusCode();
                } catch (IOException e) {
                    status = -1;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        deliveries.add(new Delivery(field, new String(body, StandardCharsets.UTF_8), status));
    }

    private byte[] hmac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(appSecret, "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * One webhook the emulator produced.
     *
     * @param field the webhook field
     * @param body the JSON body as sent
     * @param httpStatus the receiver's answer (0 when no URL was set, -1 when unreachable)
     */
    public record Delivery(String field, String body, int httpStatus) {}

    // ---- state and helpers ---------------------------------------------------------------------------------

    private static final class UserState {
        @Nullable Instant permission;
        boolean permanent;
        int unanswered;
        final List<Instant> requests = Collections.synchronizedList(new ArrayList<>());

        boolean permitted(Instant now) {
            return permission != null && (permanent || permission.isAfter(now));
        }
    }

    private static final class Call {
        final String id;
        final VirtualCandidate candidate;
        final String direction;
        final @Nullable String opaque;
        volatile @Nullable String sdpAnswer;
        volatile @Nullable Instant answeredAt;
        volatile boolean ended;

        Call(String id, VirtualCandidate candidate, String direction, @Nullable String opaque) {
            this.id = id;
            this.candidate = candidate;
            this.direction = direction;
            this.opaque = opaque;
        }
    }

    private VirtualCandidate candidate(WaId waId) {
        VirtualCandidate c = candidates.get(waId.value());
        if (c == null) {
            throw new IllegalArgumentException("no virtual candidate " + waId + ": addCandidate(…) first");
        }
        return c;
    }

    private UserState user(VirtualCandidate c) {
        return users.computeIfAbsent(c.waId().value(), k -> new UserState());
    }

    private String newCallId() {
        return "wacid." + token(28);
    }

    private String token(int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static @Nullable JsonNode readJson(HttpExchange ex) {
        try (InputStream in = ex.getRequestBody()) {
            byte[] bytes = in.readNBytes(1 << 20);
            return JSON.readTree(bytes);
        } catch (IOException e) {
            return null;
        }
    }

    private static Map<String, String> query(@Nullable String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private void ok(HttpExchange ex) throws IOException {
        respond(ex, 200, JSON.createObjectNode().put("messaging_product", "whatsapp").put("success", true));
    }

    private void error(HttpExchange ex, int status, int code, String message, @Nullable String details)
            throws IOException {
        ObjectNode r = JSON.createObjectNode();
        ObjectNode e = r.putObject("error").put("message", message).put("type", "OAuthException").put("code", code)
                .put("fbtrace_id", "Emu" + token(8));
        if (details != null) {
            e.putObject("error_data").put("messaging_product", "whatsapp").put("details", details);
        }
        respond(ex, status, r);
    }

    private static void respond(HttpExchange ex, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Builds a {@link WhatsAppEmulator}. */
    public static final class Builder {
        private String appSecret = "emulator-app-secret";
        private String accessToken = "emulator-access-token";
        private PhoneNumberId phoneNumberId = PhoneNumberId.of("106540352242922");
        private WabaId wabaId = WabaId.of("102290129340398");
        private String displayPhoneNumber = "447700900000";
        private Duration ringTimeout = Duration.ofSeconds(2);
        private int port;
        private @Nullable String webhookUrl;

        private Builder() {}

        public Builder appSecret(String appSecret) {
            this.appSecret = Objects.requireNonNull(appSecret);
            return this;
        }

        public Builder accessToken(String accessToken) {
            this.accessToken = Objects.requireNonNull(accessToken);
            return this;
        }

        public Builder phoneNumberId(PhoneNumberId id) {
            this.phoneNumberId = Objects.requireNonNull(id);
            return this;
        }

        public Builder wabaId(WabaId id) {
            this.wabaId = Objects.requireNonNull(id);
            return this;
        }

        /** The business number, digits only, as webhooks display it. */
        public Builder displayPhoneNumber(String number) {
            this.displayPhoneNumber = Objects.requireNonNull(number);
            return this;
        }

        /** How long an ignored call rings before it ends unanswered (Meta: about a minute). */
        public Builder ringTimeout(Duration timeout) {
            this.ringTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** The loopback port to listen on; 0 (the default) picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder webhookUrl(String url) {
            this.webhookUrl = url;
            return this;
        }

        public WhatsAppEmulator build() {
            try {
                return new WhatsAppEmulator(this);
            } catch (IOException e) {
                throw new IllegalStateException("cannot start the emulator on 127.0.0.1:" + port, e);
            }
        }
    }
}
