package dev.wacalls.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wacalls.graph.internal.GraphTransport.Safety;
import dev.wacalls.internal.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Message templates of a WhatsApp Business Account ({@code /{waba-id}/message_templates}), for the call-permission
 * request template.
 *
 * <pre>{@code
 * if (client.templates().find(CallRequestTemplate.DEFAULT_NAME, "en").isEmpty()) {
 *     client.templates().createCallRequestTemplate(CallRequestTemplate.defaults("en"));
 * }
 * }</pre>
 */
public final class TemplatesApi {
    private static final String FIELDS = "id,name,language,status,category,components";

    private final WhatsAppCallingClient client;

    TemplatesApi(WhatsAppCallingClient client) {
        this.client = client;
    }

    /** Submits the template for review; returns it as Meta created it (usually PENDING or APPROVED). */
    public MessageTemplate createCallRequestTemplate(CallRequestTemplate template) {
        return createCallRequestTemplate(template, RequestOptions.none());
    }

    public MessageTemplate createCallRequestTemplate(CallRequestTemplate template, RequestOptions options) {
        ObjectNode body = WhatsAppCallingClient.newObject();
        body.put("name", template.name());
        body.put("language", template.language());
        body.put("category", template.category().name());
        ArrayNode components = body.putArray("components");
        ObjectNode bodyComponent = components.addObject();
        bodyComponent.put("type", "BODY");
        bodyComponent.put("text", template.bodyText());
        if (!template.bodyExamples().isEmpty()) {
            ArrayNode row = bodyComponent.putObject("example").putArray("body_text").addArray();
            template.bodyExamples().forEach(row::add);
        }
        components.addObject().put("type", "call_permission_request");
        RequestOptions o = client.resolve(options);
        JsonNode r = client.post(o, List.of(o.requireWabaId().value(), "message_templates"), body, Safety.CREATES);
        return WhatsAppCallingClient.read(r, n -> new MessageTemplate(
                Json.requireText(n, "id", "$"),
                template.name(),
                template.language(),
                Optional.ofNullable(Json.text(n, "status", "$")).orElse("PENDING"),
                Json.enumValue(TemplateCategory.class, Json.text(n, "category", "$"), template.category()),
                true,
                n));
    }

    /** Every template with exactly this name, one per language. */
    public List<MessageTemplate> findByName(String name) {
        return findByName(name, RequestOptions.none());
    }

    public List<MessageTemplate> findByName(String name, RequestOptions options) {
        RequestOptions o = client.resolve(options);
        List<String> path = List.of(o.requireWabaId().value(), "message_templates");
        JsonNode r = client.get(o, path, Map.of("name", name, "fields", FIELDS, "limit", "100"));
        // Meta's name filter also matches other names containing it: keep exact matches only.
        return WhatsAppCallingClient.read(r, n -> {
            List<MessageTemplate> out = new ArrayList<>();
            List<JsonNode> data = Json.array(n, "data", "$");
            for (int i = 0; i < data.size(); i++) {
                MessageTemplate t = parse(data.get(i), "$.data[" + i + "]");
                if (t.name().equals(name)) {
                    out.add(t);
                }
            }
            return out;
        });
    }

    /** The template with this name and language, if it exists. */
    public Optional<MessageTemplate> find(String name, String language) {
        return find(name, language, RequestOptions.none());
    }

    public Optional<MessageTemplate> find(String name, String language, RequestOptions options) {
        return findByName(name, options).stream().filter(t -> t.language().equals(language)).findFirst();
    }

    static MessageTemplate parse(JsonNode t, String p) {
        boolean cpr = false;
        for (JsonNode c : Json.array(t, "components", p)) {
            String type = Json.text(c, "type", p + ".components");
            if (type != null && type.equalsIgnoreCase("call_permission_request")) {
                cpr = true;
            }
        }
        return new MessageTemplate(
                Json.requireText(t, "id", p),
                Json.requireText(t, "name", p),
                Optional.ofNullable(Json.text(t, "language", p)).orElse(""),
                Optional.ofNullable(Json.text(t, "status", p)).orElse("UNKNOWN"),
                Json.enumValue(TemplateCategory.class, Json.text(t, "category", p), TemplateCategory.UNKNOWN),
                cpr,
                t);
    }
}
