package dev.wacalls.id;

/** A WhatsApp message id, such as {@code wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI…}. Opaque. */
public record MessageId(String value) {
    public MessageId {
        Ids.requireToken("message id", value, 1024);
    }

    public static MessageId of(String value) {
        return new MessageId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
