package dev.wacalls.line;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;

/**
 * Meta's Graph API for the endpoints activation uses, answering with the payloads of Meta's documentation and
 * keeping state, so that a second run sees what the first one changed.
 */
final class FakeGraph extends Dispatcher {
    static final String VERSION = "v24.0";

    /** One business number as Meta knows it. */
    static final class Number {
        final String id;
        final String waba;
        String display;
        String messagingLimit = "TIER_10K";
        boolean callingEnabled;
        /** A {@code restrictions} object inside {@code calling}, or null. */
        String restrictions;
        /** HTTP status of {@code GET /{id}}; 500 answers with Meta's transient error. */
        int numberStatus = 200;
        /** Meta error code the settings POST answers with (0 = success). */
        int settingsPostError;

        Number(String id, String waba, String display) {
            this.id = id;
            this.waba = waba;
            this.display = display;
        }
    }

    final Map<String, Number> numbers = new ConcurrentHashMap<>();
    /** Template names (name + "/" + language) per WhatsApp Business Account. */
    final Map<String, List<String>> templates = new ConcurrentHashMap<>();
    final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    /** When set, template creation answers with Meta's transient HTTP 500 error. */
    volatile boolean templateCreationFails;

    Number add(String id, String waba, String display) {
        Number n = new Number(id, waba, display);
        numbers.put(id, n);
        templates.putIfAbsent(waba, new CopyOnWriteArrayList<>());
        return n;
    }

    List<RecordedRequest> posts() {
        return requests.stream().filter(r -> r.getMethod().equals("POST")).toList();
    }

    List<RecordedRequest> requests(String method, String path) {
        return requests.stream()
                .filter(r -> r.getMethod().equals(method) && r.getUrl().encodedPath().equals(path))
                .toList();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        requests.add(request);
        List<String> path = new ArrayList<>(request.getUrl().pathSegments());
        if (path.isEmpty() || !path.remove(0).equals(VERSION)) {
            return error(400, 2500, "Unknown path components");
        }
        String method = request.getMethod();
        if (path.size() == 1 && method.equals("GET") && numbers.containsKey(path.get(0))) {
            return phoneNumber(numbers.get(path.get(0)));
        }
        if (path.size() == 2 && path.get(1).equals("settings") && numbers.containsKey(path.get(0))) {
            Number n = numbers.get(path.get(0));
            return method.equals("GET") ? settings(n) : updateSettings(n, request.getBody().utf8());
        }
        if (path.size() == 2 && path.get(1).equals("message_templates") && templates.containsKey(path.get(0))) {
            List<String> existing = templates.get(path.get(0));
            return method.equals("GET")
                    ? listTemplates(existing, request.getUrl().queryParameter("name"))
                    : templateCreationFails
                            ? error(500, 2, "An unexpected error has occurred. Please retry your request later.")
                            : createTemplate(existing, request.getBody().utf8());
        }
        return error(400, 100, "Unsupported " + method + " request. Object with ID '" + path.get(0) + "' does not exist");
    }

    private static MockResponse phoneNumber(Number n) {
        if (n.numberStatus != 200) {
            return error(n.numberStatus, 2, "An unexpected error has occurred. Please retry your request later.");
        }
        return json(200, """
                {"verified_name":"Acme Recruiting","code_verification_status":"VERIFIED",
                 "display_phone_number":"%s","quality_rating":"GREEN","platform_type":"CLOUD_API",
                 "throughput":{"level":"STANDARD"},"whatsapp_business_manager_messaging_limit":"%s",
                 "status":"CONNECTED","id":"%s"}""".formatted(n.display, n.messagingLimit, n.id));
    }

    private static MockResponse settings(Number n) {
        return json(200, """
                {"calling":{"status":"%s","call_icon_visibility":"DEFAULT","callback_permission_status":"DISABLED"%s},
                 "storage_configuration":{"status":"DEFAULT"}}"""
                .formatted(n.callingEnabled ? "ENABLED" : "DISABLED",
                        n.restrictions == null ? "" : ",\"restrictions\":" + n.restrictions));
    }

    private static MockResponse updateSettings(Number n, String body) {
        if (n.settingsPostError == 138015) {
            return json(400, """
                    {"error":{"message":"Calling cannot be enabled for this phone number","type":"OAuthException",
                     "code":138015,"error_data":{"messaging_product":"whatsapp",
                     "details":"The business messaging limit must be at least 2000 to enable calling."},
                     "fbtrace_id":"AQRkQ4rsd138015"}}""");
        }
        if (body.contains("\"ENABLED\"")) {
            n.callingEnabled = true;
        }
        return json(200, "{\"success\":true}");
    }

    private static MockResponse listTemplates(List<String> existing, String name) {
        StringBuilder data = new StringBuilder();
        for (String t : existing) {
            String[] parts = t.split("/");
            if (name != null && parts[0].contains(name)) {
                data.append(data.length() == 0 ? "" : ",").append("""
                        {"name":"%s","components":[{"type":"BODY","text":"Hello! {{1}} would like to call you."},
                         {"type":"CALL_PERMISSION_REQUEST"}],"language":"%s","status":"APPROVED",
                         "category":"UTILITY","id":"59442547926159%d"}""".formatted(parts[0], parts[1], existing.indexOf(t)));
            }
        }
        return json(200, "{\"data\":[" + data + "],\"paging\":{\"cursors\":{\"before\":\"MAZDZD\",\"after\":\"MjQZD\"}}}");
    }

    private static MockResponse createTemplate(List<String> existing, String body) {
        String name = body.replaceAll(".*\"name\":\"([^\"]+)\".*", "$1");
        String language = body.replaceAll(".*\"language\":\"([^\"]+)\".*", "$1");
        existing.add(name + "/" + language);
        return json(200, "{\"id\":\"594425479261599\",\"status\":\"PENDING\",\"category\":\"UTILITY\"}");
    }

    static MockResponse error(int status, int code, String message) {
        return json(status, """
                {"error":{"message":"%s","type":"OAuthException","code":%d,"is_transient":%s,
                 "fbtrace_id":"AbCdEfGh%d"}}""".formatted(message, code, status >= 500, code));
    }

    static MockResponse json(int status, String body) {
        return new MockResponse(status, Headers.of("Content-Type", "application/json; charset=UTF-8"), body);
    }
}
