package dev.wacalls.id;

import java.util.Objects;

/** Checks shared by the id types. */
final class Ids {
    private Ids() {}

    static String requireToken(String kind, String value, int maxLength) {
        Objects.requireNonNull(value, kind);
        if (value.isBlank()) {
            throw new IllegalArgumentException(kind + " must not be blank");
        }
        if (value.length() > maxLength) {
            throw new IllegalArgumentException(kind + " is longer than " + maxLength + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c == 0x7f) {
                throw new IllegalArgumentException(kind + " must not contain whitespace or control characters: " + value);
            }
        }
        return value;
    }

    static String requireDigits(String kind, String value, int minLength, int maxLength) {
        Objects.requireNonNull(value, kind);
        if (value.length() < minLength || value.length() > maxLength) {
            throw new IllegalArgumentException(
                    kind + " must have " + minLength + " to " + maxLength + " digits: '" + value + "'");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException(kind + " must contain digits only: '" + value + "'");
            }
        }
        return value;
    }
}
