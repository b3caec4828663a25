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

    /** Normalises one leading {@code +}, spaces, dots, dashes and parentheses away, then checks that digits remain. */
    public static WaId of(String phoneNumber) {
        StringBuilder digits = new StringBuilder(phoneNumber.length());
        String s = phoneNumber;
        for (int i = s.startsWith("+") ? 1 : 0; i < s.length(); i++) {
            char c = s.charAt(i);
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
