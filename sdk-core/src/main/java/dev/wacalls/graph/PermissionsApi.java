package dev.wacalls.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wacalls.graph.internal.GraphTransport.Safety;
import dev.wacalls.id.Bsuid;
import dev.wacalls.id.MessageId;
import dev.wacalls.id.UserRef;
import dev.wacalls.id.WaId;
import dev.wacalls.internal.Json;
import dev.wacalls.internal.JsonShapeException;
import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Asking users for permission to call them, and reading Meta's view of that permission.
 *
 * <pre>{@code
 * MessageId sent = client.permissions().sendRequest(WaId.of("447700900123"), "May we call you about the role?");
 * CallPermissions now = client.permissions().get(WaId.of("447700900123"));
 * }</pre>
 */
public final class PermissionsApi {
    /** Meta's limit on the body of a free-form interactive message. */
    public static final int MAX_BODY_LENGTH = 1024;

    private final WhatsAppCallingClient client;

    PermissionsApi(WhatsAppCallingClient client) {
        this.client = client;
    }

    /**
     * Sends the free-form interactive {@code call_permission_request} message; allowed inside a customer-service
     * window. Outside one, use {@link #sendTemplateRequest}. Returns the message id the reply webhook refers to.
     */
    public MessageId sendRequest(UserRef user, @Nullable String bodyText) {
        return sendRequest(user, bodyText, RequestOptions.none());
    }

    public MessageId sendRequest(UserRef user, @Nullable String bodyText, RequestOptions options) {
        ObjectNode body = messageTo(user);
        body.put("type", "interactive");
        ObjectNode interactive = body.putObject("interactive");
        interactive.put("type", "call_permission_request");
        interactive.putObject("action").put("name", "call_permission_request");
        if (bodyText != null) {
            if (bodyText.isBlank() || bodyText.length() > MAX_BODY_LENGTH) {
                throw new IllegalArgumentException("body text must have 1 to " + MAX_BODY_LENGTH + " characters");
            }
            interactive.putObject("body").put("text", bodyText);
        }
        return send(body, options);
    }

    /**
     * Sends a template message that carries the {@code call_permission_request} component (see
     * {@link TemplatesApi#createCallRequestTemplate}), with values for the body's {@code {{1}}}, {@code {{2}}}, ….
     */
    public MessageId sendTemplateRequest(UserRef user, String templateName, String languageCode, List<String> bodyParameters) {
        return sendTemplateRequest(user, templateName, languageCode, bodyParameters, RequestOptions.none());
    }

    public MessageId sendTemplateRequest(
            UserRef user, String templateName, String languageCode, List<String> bodyParameters, RequestOptions options) {
        Objects.requireNonNull(templateName, "templateName");
        Objects.requireNonNull(languageCode, "languageCode");
        ObjectNode body = messageTo(user);
        body.put("type", "template");
        ObjectNode template = body.putObject("template");
        template.put("name", templateName);
        template.putObject("language").put("code", languageCode);
        if (!bodyParameters.isEmpty()) {
            ArrayNode components = template.putArray("components");
            ObjectNode bodyComponent = components.addObject();
            bodyComponent.put("type", "body");
            ArrayNode parameters = bodyComponent.putArray("parameters");
            for (String p : bodyParameters) {
                parameters.addObject().put("type", "text").put("text", Objects.requireNonNull(p, "body parameter"));
            }
        }
        return send(body, options);
    }

    /** Meta's view of a user's call permission and the limits on requests and calls. */
    public CallPermissions get(UserRef user) {
        return get(user, RequestOptions.none());
    }

    public CallPermissions get(UserRef user, RequestOptions options) {
        RequestOptions o = client.resolve(options);
        Map<String, String> query = user instanceof WaId w ? Map.of("user_wa_id", w.value()) : Map.of("recipient", user.value());
        JsonNode response = client.get(o, List.of(o.requirePhoneNumberId().value(), "call_permissions"), query);
        return WhatsAppCallingClient.read(response, PermissionsApi::parsePermissions);
    }

    static CallPermissions parsePermissions(JsonNode r) {
        JsonNode permission = Json.object(r, "permission", "$");
        PermissionStatus status =
                Json.enumValue(PermissionStatus.class, Json.text(permission, "status", "$.permission"), PermissionStatus.UNKNOWN);
        var expires = Json.epochSeconds(permission, "expiration_time", "$.permission");
        if (expires == null) {
            expires = Json.epochSeconds(permission, "expiration", "$.permission");
        }
        List<PermissionAction> actions = new ArrayList<>();
        List<JsonNode> actionNodes = Json.array(r, "actions", "$");
        for (int i = 0; i < actionNodes.size(); i++) {
            JsonNode a = actionNodes.get(i);
            String path = "$.actions[" + i + "]";
            List<ActionLimit> limits = new ArrayList<>();
            List<JsonNode> limitNodes = Json.array(a, "limits", path);
            for (int j = 0; j < limitNodes.size(); j++) {
                JsonNode l = limitNodes.get(j);
                String lp = path + ".limits[" + j + "]";
                String period = Json.requireText(l, "time_period", lp);
                Long max = Json.longValue(l, "max_allowed", lp);
                Long used = Json.longValue(l, "current_usage", lp);
                limits.add(new ActionLimit(
                        period,
                        window(period, lp),
                        max == null ? 0 : max.intValue(),
                        used == null ? 0 : used.intValue(),
                        Json.epochSeconds(l, "limit_expiration_time", lp)));
            }
            Boolean can = Json.bool(a, "can_perform_action", path);
            actions.add(new PermissionAction(Json.requireText(a, "action_name", path), Boolean.TRUE.equals(can), limits));
        }
        return new CallPermissions(status, expires, actions);
    }

    /** ISO-8601 window to a duration: {@code PT24H} directly, {@code P7D} as 7 × 24 h. */
    static Duration window(String iso, String path) {
        try {
            if (iso.startsWith("PT") || iso.startsWith("pt")) {
                return Duration.parse(iso);
            }
            Period p = Period.parse(iso);
            if (p.getYears() != 0 || p.getMonths() != 0) {
                throw new JsonShapeException(path, "time period in months or years is not a fixed window: " + iso);
            }
            return Duration.ofDays(p.getDays());
        } catch (DateTimeParseException e) {
            try {
                return Duration.parse(iso);
            } catch (DateTimeParseException e2) {
                throw new JsonShapeException(path, "not an ISO-8601 time period: " + iso);
            }
        }
    }

    private static ObjectNode messageTo(UserRef user) {
        Objects.requireNonNull(user, "user");
        ObjectNode body = WhatsAppCallingClient.newObject();
        body.put("messaging_product", "whatsapp");
        body.put("recipient_type", "individual");
        if (user instanceof Bsuid) {
            body.put("recipient", user.value());
        } else {
            body.put("to", user.value());
        }
        return body;
    }

    private MessageId send(ObjectNode body, RequestOptions options) {
        RequestOptions o = client.resolve(options);
        JsonNode response = client.post(o, List.of(o.requirePhoneNumberId().value(), "messages"), body, Safety.CREATES);
        return WhatsAppCallingClient.read(response, PermissionsApi::messageId);
    }

    static MessageId messageId(JsonNode r) {
        List<JsonNode> messages = Json.array(r, "messages", "$");
        if (messages.isEmpty()) {
            throw new JsonShapeException("$.messages", "no message id in the response");
        }
        return MessageId.of(Json.requireText(messages.get(0), "id", "$.messages[0]"));
    }
}
