package dev.wacalls.id;

/**
 * The Graph id of a business phone number (a "line"), e.g. {@code 106540352242922}. It is not the phone
 * number itself. Digits only, since it is placed in request paths.
 */
public record PhoneNumberId(String value) {
    public PhoneNumberId {
        Ids.requireDigits("phone number id", value, 1, 32);
    }

    public static PhoneNumberId of(String value) {
        return new PhoneNumberId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
