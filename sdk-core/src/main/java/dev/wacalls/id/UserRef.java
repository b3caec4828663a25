package dev.wacalls.id;

/**
 * A WhatsApp user as the Cloud API addresses one: by phone number ({@link WaId}) or, for users who adopted a
 * username, by business-scoped user id ({@link Bsuid}).
 *
 * <pre>{@code
 * UserRef candidate = WaId.of("+44 7700 900123");     // 447700900123
 * UserRef other = Bsuid.of("US.13491208655302741918");
 * }</pre>
 */
public sealed interface UserRef permits WaId, Bsuid {
    /** The id as the API writes it. */
    String value();
}
