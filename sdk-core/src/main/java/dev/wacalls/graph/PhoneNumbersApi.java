package dev.wacalls.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import dev.wacalls.id.PhoneNumberId;
import dev.wacalls.internal.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Business phone numbers: {@code GET /{phone-number-id}} and {@code GET /{waba-id}/phone_numbers}.
 *
 * <pre>{@code
 * PhoneNumberInfo line = client.phoneNumbers().get();
 * boolean bigEnough = line.messagingLimit().atLeast(2_000);
 * }</pre>
 */
public final class PhoneNumbersApi {
    /**
     * The fields read. {@code messaging_limit_tier} is deprecated by Meta in favour of
     * {@code whatsapp_business_manager_messaging_limit}; the old one is still read if a server sends it.
     */
    static final String FIELDS = "id,display_phone_number,verified_name,quality_rating,"
            + "whatsapp_business_manager_messaging_limit,status,platform_type,health_status";

    private final WhatsAppCallingClient client;

    PhoneNumbersApi(WhatsAppCallingClient client) {
        this.client = client;
    }

    /** The client's (or the options') phone number. */
    public PhoneNumberInfo get() {
        return get(RequestOptions.none());
    }

    public PhoneNumberInfo get(RequestOptions options) {
        RequestOptions o = client.resolve(options);
        JsonNode r = client.get(o, List.of(o.requirePhoneNumberId().value()), Map.of("fields", FIELDS));
        return WhatsAppCallingClient.read(r, n -> parse(n, "$"));
    }

    /** Every number of the WhatsApp Business Account (first 100). */
    public List<PhoneNumberInfo> list() {
        return list(RequestOptions.none());
    }

    public List<PhoneNumberInfo> list(RequestOptions options) {
        RequestOptions o = client.resolve(options);
        JsonNode r = client.get(o, List.of(o.requireWabaId().value(), "phone_numbers"),
                Map.of("fields", FIELDS, "limit", "100"));
        return WhatsAppCallingClient.read(r, n -> {
            List<PhoneNumberInfo> out = new ArrayList<>();
            List<JsonNode> data = Json.array(n, "data", "$");
            for (int i = 0; i < data.size(); i++) {
                out.add(parse(data.get(i), "$.data[" + i + "]"));
            }
            return out;
        });
    }

    static PhoneNumberInfo parse(JsonNode n, String p) {
        String display = Json.requireText(n, "display_phone_number", p);
        String limit = Json.text(n, "whatsapp_business_manager_messaging_limit", p);
        if (limit == null) {
            limit = Json.text(n, "messaging_limit_tier", p);
        }
        return new PhoneNumberInfo(
                PhoneNumberId.of(Json.requireText(n, "id", p)),
                display,
                regionOf(display),
                Json.text(n, "verified_name", p),
                Json.enumValue(MessagingLimit.class, limit, limit == null ? MessagingLimit.TIER_NOT_SET : MessagingLimit.UNKNOWN),
                Json.enumValue(QualityRating.class, Json.text(n, "quality_rating", p), QualityRating.UNKNOWN),
                Json.text(n, "status", p),
                Json.text(n, "platform_type", p),
                health(Json.object(n, "health_status", p), p + ".health_status"),
                n);
    }

    /** The ISO region of an international number, by libphonenumber; null when it cannot tell. */
    static @Nullable String regionOf(String displayNumber) {
        String digits = displayNumber.replaceAll("[^0-9]", "");
        if (digits.isEmpty()) {
            return null;
        }
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        try {
            Phonenumber.PhoneNumber number = util.parse("+" + digits, "ZZ");
            String region = util.getRegionCodeForNumber(number);
            if (region == null || region.equals("ZZ") || region.equals("001")) {
                region = util.getRegionCodeForCountryCode(number.getCountryCode());
            }
            return region == null || region.equals("ZZ") ? null : region;
        } catch (NumberParseException e) {
            return null;
        }
    }

    private static String orUnknown(@Nullable String s) {
        return s == null ? "UNKNOWN" : s;
    }

    private static @Nullable HealthStatus health(JsonNode h, String p) {
        if (h.isMissingNode()) {
            return null;
        }
        List<HealthStatus.Entity> entities = new ArrayList<>();
        List<JsonNode> nodes = Json.array(h, "entities", p);
        for (int i = 0; i < nodes.size(); i++) {
            JsonNode e = nodes.get(i);
            String ep = p + ".entities[" + i + "]";
            List<HealthStatus.Issue> issues = new ArrayList<>();
            for (JsonNode err : Json.array(e, "errors", ep)) {
                Long code = Json.longValue(err, "error_code", ep + ".errors");
                String description = Json.text(err, "error_description", ep + ".errors");
                issues.add(new HealthStatus.Issue(
                        code == null ? 0 : code.intValue(),
                        description == null ? "" : description,
                        Json.text(err, "possible_solution", ep + ".errors")));
            }
            entities.add(new HealthStatus.Entity(
                    orUnknown(Json.text(e, "entity_type", ep)),
                    orUnknown(Json.text(e, "id", ep)),
                    orUnknown(Json.text(e, "can_send_message", ep)),
                    Json.text(e, "can_receive_call_sip", ep),
                    issues));
        }
        String overall = Json.text(h, "can_send_message", p);
        return new HealthStatus(overall == null ? "UNKNOWN" : overall, entities);
    }
}
