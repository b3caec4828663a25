package dev.wacalls.id;

/**
 * A WhatsApp call id, such as {@code wacid.ABGGFjFVU2AfAgo6V-Hc5eCgK5Gh}. Treated as opaque: some ids carry
 * base64 padding ({@code ==}), so only whitespace and control characters are refused.
 *
 * <pre>{@code CallId id = CallId.of("wacid.ABGGFjFVU2AfAgo6V");}</pre>
 */
public record CallId(String value) {
    public CallId {
        Ids.requireToken("call id", value, 1024);
    }

    public static CallId of(String value) {
        return new CallId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
