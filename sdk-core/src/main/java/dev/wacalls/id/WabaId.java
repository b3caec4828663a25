package dev.wacalls.id;

/** The Graph id of a WhatsApp Business Account (WABA), e.g. {@code 102290129340398}. Digits only. */
public record WabaId(String value) {
    public WabaId {
        Ids.requireDigits("WABA id", value, 1, 32);
    }

    public static WabaId of(String value) {
        return new WabaId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
