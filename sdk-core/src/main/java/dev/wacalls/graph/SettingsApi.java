package dev.wacalls.graph;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wacalls.graph.internal.GraphTransport.Safety;
import dev.wacalls.internal.Json;
import dev.wacalls.internal.JsonShapeException;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The calling settings of a business number: {@code GET} and {@code POST /{phone-number-id}/settings}.
 *
 * <pre>{@code
 * CallingSettings now = client.settings().get();
 * if (!now.enabled()) client.settings().update(CallingSettingsUpdate.enableCalling());
 * }</pre>
 */
public final class SettingsApi {
    private final WhatsAppCallingClient client;

    SettingsApi(WhatsAppCallingClient client) {
        this.client = client;
    }

    public CallingSettings get() {
        return get(false, RequestOptions.none());
    }

    /** @param includeSipCredentials also return Meta's generated SIP passwords */
    public CallingSettings get(boolean includeSipCredentials, RequestOptions options) {
        RequestOptions o = client.resolve(options);
        Map<String, String> query = includeSipCredentials ? Map.of("include_sip_credentials", "true") : Map.of();
        JsonNode response = client.get(o, List.of(o.requirePhoneNumberId().value(), "settings"), query);
        return WhatsAppCallingClient.read(response, SettingsApi::parse);
    }

    /**
     * Sends the change. It is checked first against Meta's documented rules (call hours, SIP, codecs), and an
     * {@link IllegalArgumentException} lists every problem instead of a round trip to Meta.
     */
    public void update(CallingSettingsUpdate update) {
        update(update, RequestOptions.none());
    }

    public void update(CallingSettingsUpdate update, RequestOptions options) {
        List<String> problems = update.problems(client.clock());
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid calling settings: " + String.join("; ", problems));
        }
        RequestOptions o = client.resolve(options);
        JsonNode response =
                client.post(o, List.of(o.requirePhoneNumberId().value(), "settings"), update.toJson(), Safety.REPEATABLE);
        CallsApi.expectSuccess(response);
    }

    static CallingSettings parse(JsonNode r) {
        JsonNode calling = Json.object(r, "calling", "$");
        String p = "$.calling";
        FeatureStatus status = Json.enumValue(FeatureStatus.class, Json.text(calling, "status", p), FeatureStatus.UNKNOWN);
        String rawVisibility = Json.text(calling, "call_icon_visibility", p);
        // Absent means Meta's default; a value we do not know is UNKNOWN, never silently DEFAULT.
        CallIconVisibility visibility = rawVisibility == null ? CallIconVisibility.DEFAULT
                : Json.enumValue(CallIconVisibility.class, rawVisibility, CallIconVisibility.UNKNOWN);
        String rawCallback = Json.text(calling, "callback_permission_status", p);
        List<String> countries = Json.texts(Json.object(calling, "call_icons", p), "restrict_to_user_countries", p + ".call_icons");
        String srtp = Json.text(calling, "srtp_key_exchange_protocol", p);
        List<String> codecs = Json.texts(Json.object(calling, "audio", p), "additional_codecs", p + ".audio");
        List<CallingRestriction> restrictions = new ArrayList<>();
        for (JsonNode container : List.of(r, calling)) {
            JsonNode rs = Json.object(container, "restrictions", "$.restrictions");
            // Meta's table says restriction_list, its JSON restrictions_list: read both.
            for (String field : List.of("restrictions_list", "restriction_list")) {
                for (JsonNode item : Json.array(rs, field, "$.restrictions")) {
                    restrictions.add(new CallingRestriction(
                            Json.requireText(item, "type", "$.restrictions." + field),
                            Json.text(item, "reason", "$.restrictions." + field),
                            Json.epochSeconds(item, "expiration", "$.restrictions." + field)));
                }
            }
        }
        return new CallingSettings(
                status,
                visibility,
                countries,
                callHours(Json.object(calling, "call_hours", p), p + ".call_hours"),
                rawCallback == null ? FeatureStatus.DISABLED
                        : Json.enumValue(FeatureStatus.class, rawCallback, FeatureStatus.UNKNOWN),
                srtp == null ? null : Json.enumValue(SrtpKeyExchange.class, srtp, SrtpKeyExchange.UNKNOWN),
                codecs,
                sip(Json.object(calling, "sip", p), p + ".sip"),
                restrictions,
                calling);
    }

    private static CallHours callHours(JsonNode h, String p) {
        if (h.isMissingNode()) {
            return null;
        }
        FeatureStatus status = Json.enumValue(FeatureStatus.class, Json.text(h, "status", p), FeatureStatus.UNKNOWN);
        String tz = Json.text(h, "timezone_id", p);
        ZoneId zone;
        try {
            zone = tz == null ? ZoneId.of("UTC") : ZoneId.of(tz);
        } catch (DateTimeException e) {
            throw new JsonShapeException(p + ".timezone_id", "unknown time zone '" + tz + "'");
        }
        List<WeeklyHours> weekly = new ArrayList<>();
        List<JsonNode> weeklyNodes = Json.array(h, "weekly_operating_hours", p);
        for (int i = 0; i < weeklyNodes.size(); i++) {
            JsonNode w = weeklyNodes.get(i);
            String wp = p + ".weekly_operating_hours[" + i + "]";
            String day = Json.requireText(w, "day_of_week", wp);
            DayOfWeek dow;
            try {
                dow = DayOfWeek.valueOf(day.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new JsonShapeException(wp + ".day_of_week", "not a day: '" + day + "'");
            }
            weekly.add(new WeeklyHours(dow,
                    HhMm.parse(Json.requireText(w, "open_time", wp), wp + ".open_time"),
                    HhMm.parse(Json.requireText(w, "close_time", wp), wp + ".close_time")));
        }
        List<Holiday> holidays = new ArrayList<>();
        List<JsonNode> holidayNodes = Json.array(h, "holiday_schedule", p);
        for (int i = 0; i < holidayNodes.size(); i++) {
            JsonNode d = holidayNodes.get(i);
            String dp = p + ".holiday_schedule[" + i + "]";
            LocalDate date;
            try {
                date = LocalDate.parse(Json.requireText(d, "date", dp));
            } catch (DateTimeParseException e) {
                throw new JsonShapeException(dp + ".date", "not a date YYYY-MM-DD");
            }
            holidays.add(new Holiday(date,
                    HhMm.parse(Json.requireText(d, "start_time", dp), dp + ".start_time"),
                    HhMm.parse(Json.requireText(d, "end_time", dp), dp + ".end_time")));
        }
        return new CallHours(status, zone, weekly, holidays);
    }

    private static SipSettings sip(JsonNode s, String p) {
        if (s.isMissingNode()) {
            return null;
        }
        List<SipServer> servers = new ArrayList<>();
        List<JsonNode> nodes = Json.array(s, "servers", p);
        for (int i = 0; i < nodes.size(); i++) {
            JsonNode n = nodes.get(i);
            String sp = p + ".servers[" + i + "]";
            Long port = Json.longValue(n, "port", sp);
            Map<String, String> params = new LinkedHashMap<>();
            JsonNode paramNode = Json.object(n, "request_uri_user_params", sp);
            paramNode.fieldNames().forEachRemaining(k -> params.put(k, Json.text(paramNode, k, sp + ".request_uri_user_params")));
            params.values().removeIf(v -> v == null);
            servers.add(new SipServer(
                    Json.requireText(n, "hostname", sp),
                    port == null ? SipServer.DEFAULT_PORT : port.intValue(),
                    params,
                    Json.text(n, "sip_user_password", sp),
                    Json.text(n, "app_id", sp)));
        }
        return new SipSettings(Json.enumValue(FeatureStatus.class, Json.text(s, "status", p), FeatureStatus.UNKNOWN), servers);
    }
}
