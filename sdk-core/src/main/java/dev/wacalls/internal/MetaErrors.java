package dev.wacalls.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wacalls.error.MetaError;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Reads Meta's error objects, in Graph responses and in webhooks alike. */
public final class MetaErrors {
    private static final Pattern EPOCH_SECONDS = Pattern.compile("(?<![0-9])(1[0-9]{9})(?![0-9])");
    private static final Pattern ISO_INSTANT = Pattern.compile(
            "[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?(Z|[+-][0-9]{2}:?[0-9]{2})");
    private static final String[] TIME_FIELDS = {
        "next_allowed_time", "next_allowed_at", "limit_expiration_time", "next_call_allowed_time", "retry_after_time"
    };

    private MetaErrors() {}

    public static MetaError parse(JsonNode error, String path) {
        Long code = Json.longValue(error, "code", path);
        Long subcode = Json.longValue(error, "error_subcode", path);
        String message = Json.text(error, "message", path);
        String title = Json.text(error, "title", path);
        if (title == null) {
            title = Json.text(error, "error_user_title", path);
        }
        return new MetaError(
                code == null ? 0 : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, code)),
                message == null ? (title == null ? "" : title) : message,
                title,
                details(error, path),
                Json.text(error, "type", path),
                subcode == null ? 0 : subcode.intValue(),
                Json.text(error, "fbtrace_id", path),
                Json.text(error, "href", path));
    }

    /** {@code error_data.details}; Graph sometimes sends {@code error_data} as a string, which then is the detail. */
    private static @Nullable String details(JsonNode error, String path) {
        JsonNode data = error.get("error_data");
        if (data == null || data.isNull()) {
            return Json.text(error, "error_user_msg", path);
        }
        if (data.isTextual()) {
            return data.textValue();
        }
        if (data.isObject()) {
            String details = Json.text(data, "details", path + ".error_data");
            return details != null ? details : Json.text(error, "error_user_msg", path);
        }
        return null;
    }

    /**
     * When an action is allowed again, as far as the error says: a timestamp field of {@code error_data}, or a Unix
     * time or ISO-8601 instant inside the details text (138012 writes the next allowed time there).
     */
    public static @Nullable Instant nextAllowedAt(JsonNode error, @Nullable String details) {
        JsonNode data = error.get("error_data");
        if (data != null && data.isObject()) {
            for (String field : TIME_FIELDS) {
                JsonNode v = data.get(field);
                if (v != null && (v.isIntegralNumber() || (v.isTextual() && EPOCH_SECONDS.matcher(v.asText()).matches()))) {
                    return Instant.ofEpochSecond(v.asLong());
                }
                if (v != null && v.isTextual()) {
                    Instant iso = isoInstant(v.textValue());
                    if (iso != null) {
                        return iso;
                    }
                }
            }
        }
        if (details == null) {
            return null;
        }
        Instant iso = isoInstant(details);
        if (iso != null) {
            return iso;
        }
        Matcher m = EPOCH_SECONDS.matcher(details);
        return m.find() ? Instant.ofEpochSecond(Long.parseLong(m.group(1))) : null;
    }

    private static @Nullable Instant isoInstant(String text) {
        Matcher m = ISO_INSTANT.matcher(text);
        if (!m.find()) {
            return null;
        }
        String s = m.group().replace(' ', 'T');
        if (s.matches(".*[+-][0-9]{4}$")) {
            s = s.substring(0, s.length() - 2) + ":" + s.substring(s.length() - 2);
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(s);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }
}
