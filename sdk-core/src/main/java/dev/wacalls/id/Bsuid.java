package dev.wacalls.id;

/**
 * A business-scoped user id (BSUID), or a parent BSUID, e.g. {@code US.13491208655302741918}. WhatsApp sends
 * these instead of phone numbers for users who adopted a username; requests accept them as {@code recipient}.
 */
public record Bsuid(String value) implements UserRef {
    public Bsuid {
        Ids.requireToken("BSUID", value, 256);
    }

    public static Bsuid of(String value) {
        return new Bsuid(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
