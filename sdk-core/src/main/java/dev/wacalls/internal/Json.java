package dev.wacalls.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Tolerant reading of Meta's JSON: numbers may come as strings and strings as numbers (ids, timestamps),
 * enums in any case, unknown fields ignored. Structure is still checked: an object where a string belongs is a
 * {@link JsonShapeException} naming the path, never a Jackson exception from deep inside.
 */
public final class Json {
    /** Nesting beyond this is refused before it can exhaust the stack; Meta's payloads nest about 8 deep. */
    public static final int MAX_NESTING_DEPTH = 64;

    public static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING_DEPTH)
                            .maxNumberLength(64)
                            .maxStringLength(16 * 1024 * 1024)
                            .build())
                    .streamWriteConstraints(StreamWriteConstraints.builder()
                            .maxNestingDepth(MAX_NESTING_DEPTH)
                            .build())
                    .build())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Json() {}

    /** Parses a whole document; trailing garbage is an error. */
    public static JsonNode parse(byte[] bytes) throws IOException {
        JsonNode node = MAPPER.readTree(bytes);
        return node == null ? MissingNode.getInstance() : node;
    }

    public static byte[] write(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise JSON", e);
        }
    }

    /** The child object, or a missing node when absent or null; an error when present but not an object. */
    public static JsonNode object(JsonNode parent, String field, String path) {
        JsonNode child = parent.get(field);
        if (child == null || child.isNull() || child.isMissingNode()) {
            return MissingNode.getInstance();
        }
        if (!child.isObject()) {
            throw new JsonShapeException(path + "." + field, "expected an object, got " + kind(child));
        }
        return child;
    }

    /** The elements of an array field; empty when absent or null; an error when not an array. */
    public static List<JsonNode> array(JsonNode parent, String field, String path) {
        JsonNode child = parent.get(field);
        if (child == null || child.isNull() || child.isMissingNode()) {
            return List.of();
        }
        if (!child.isArray()) {
            throw new JsonShapeException(path + "." + field, "expected an array, got " + kind(child));
        }
        List<JsonNode> out = new ArrayList<>(child.size());
        child.forEach(out::add);
        return out;
    }

    /** A scalar as text: strings as they are, numbers and booleans spelled out; null when absent or null. */
    public static @Nullable String text(JsonNode parent, String field, String path) {
        JsonNode child = parent.get(field);
        if (child == null || child.isNull() || child.isMissingNode()) {
            return null;
        }
        if (child.isTextual()) {
            return child.textValue();
        }
        if (child.isNumber() || child.isBoolean()) {
            return child.asText();
        }
        throw new JsonShapeException(path + "." + field, "expected a string, got " + kind(child));
    }

    public static String requireText(JsonNode parent, String field, String path) {
        String value = text(parent, field, path);
        if (value == null || value.isEmpty()) {
            throw new JsonShapeException(path + "." + field, "is missing");
        }
        return value;
    }

    /** A whole number given as a JSON number or as a string of digits. */
    public static @Nullable Long longValue(JsonNode parent, String field, String path) {
        JsonNode child = parent.get(field);
        if (child == null || child.isNull() || child.isMissingNode()) {
            return null;
        }
        if (child.isIntegralNumber() && child.canConvertToLong()) {
            return child.longValue();
        }
        if (child.isNumber()) {
            double d = child.doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 9.0e15) {
                return (long) d;
            }
        }
        if (child.isTextual()) {
            String s = child.textValue().trim();
            if (!s.isEmpty() && s.length() <= 19 && isDigits(s)) {
                try {
                    return Long.parseLong(s);
                } catch (NumberFormatException tooLarge) {
                    // 19 digits above Long.MAX_VALUE: reported below, with the path
                }
            }
        }
        throw new JsonShapeException(path + "." + field, "expected a whole number, got " + kind(child));
    }

    /** Unix seconds, as a number or a string. */
    public static @Nullable Instant epochSeconds(JsonNode parent, String field, String path) {
        Long seconds = longValue(parent, field, path);
        if (seconds == null) {
            return null;
        }
        if (seconds < 0 || seconds > 253402300799L) {
            throw new JsonShapeException(path + "." + field, "timestamp out of range: " + seconds);
        }
        return Instant.ofEpochSecond(seconds);
    }

    /** A boolean, or the strings "true"/"false" in any case. */
    public static @Nullable Boolean bool(JsonNode parent, String field, String path) {
        JsonNode child = parent.get(field);
        if (child == null || child.isNull() || child.isMissingNode()) {
            return null;
        }
        if (child.isBoolean()) {
            return child.booleanValue();
        }
        if (child.isTextual()) {
            String s = child.textValue().trim().toLowerCase(Locale.ROOT);
            if (s.equals("true")) {
                return Boolean.TRUE;
            }
            if (s.equals("false")) {
                return Boolean.FALSE;
            }
        }
        throw new JsonShapeException(path + "." + field, "expected a boolean, got " + kind(child));
    }

    /** A list of strings; absent means empty. */
    public static List<String> texts(JsonNode parent, String field, String path) {
        List<JsonNode> nodes = array(parent, field, path);
        List<String> out = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            JsonNode n = nodes.get(i);
            if (n.isTextual() || n.isNumber()) {
                out.add(n.asText());
            } else if (!n.isNull()) {
                throw new JsonShapeException(path + "." + field + "[" + i + "]", "expected a string, got " + kind(n));
            }
        }
        return List.copyOf(out);
    }

    /** Upper-cases an enum spelling and turns spaces and dashes into underscores ("Disable all" → DISABLE_ALL). */
    public static String enumKey(String raw) {
        return raw.trim().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
    }

    /** Maps a spelling to an enum constant case-insensitively, or to {@code unknown}. */
    public static <E extends Enum<E>> E enumValue(Class<E> type, @Nullable String raw, E unknown) {
        if (raw == null) {
            return unknown;
        }
        String key = enumKey(raw);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(key)) {
                return constant;
            }
        }
        return unknown;
    }

    public static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case BINARY -> "binary data";
            case NULL -> "null";
            case MISSING -> "nothing";
        };
    }

    private static boolean isDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
