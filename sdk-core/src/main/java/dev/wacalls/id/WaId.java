package dev.wacalls.id;

/**
 * A WhatsApp user's phone number as the Cloud API writes it: digits only, country code first, no {@code +}
 * (e.g. {@code 16315553602}). {@link #of} accepts the usual human spellings ({@code +1 (631) 555-3602}) and
 * normalises them.
 */
public record WaId(String value) implements UserRef {
    public WaId {
        Ids.requireDigits("WhatsApp id (phone number)", value, 5, 20);
    }

    /** Normalises {@code +}, spaces, dots, dashes and parentheses away, then checks that digits remain. */
    public static WaId of(String phoneNumber) {
        StringBuilder digits = new StringBuilder(phoneNumber.length());
        for (int i = 0; i < phoneNumber.length(); i++) {
            char c = phoneNumber.charAt(i);
            if (c == '+' && digits.length() == 0) {
                continue;
            }
            if (c == ' ' || c == '-' || c == '.' || c == '(' || c == ')') {
                continue;
            }
            digits.append(c);
        }
        return new WaId(digits.toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
