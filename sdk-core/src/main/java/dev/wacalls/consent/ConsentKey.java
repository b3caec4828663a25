package dev.wacalls.consent;

import dev.wacalls.id.Bsuid;
import dev.wacalls.id.PhoneNumberId;
import dev.wacalls.id.UserRef;
import dev.wacalls.id.WaId;
import java.util.Objects;

/**
 * Whose consent: a candidate on one business line of one organisation (the ATS's customer). WhatsApp's permissions
 * and limits are per business number and user; the daily call limit of the organisation spans its lines.
 *
 * <pre>{@code ConsentKey key = ConsentKey.of("acme", PhoneNumberId.of("106540352242922"), WaId.of("447700900123"));}</pre>
 *
 * @param organizationId the ATS customer the line belongs to
 * @param line the business phone number
 * @param user the candidate
 */
public record ConsentKey(String organizationId, PhoneNumberId line, UserRef user) {
    public ConsentKey {
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(user, "user");
        if (organizationId.isBlank() || organizationId.length() > 128) {
            throw new IllegalArgumentException("organization id must have 1 to 128 characters");
        }
    }

    public static ConsentKey of(String organizationId, PhoneNumberId line, UserRef user) {
        return new ConsentKey(organizationId, line, user);
    }

    /** {@code wa:} or {@code bsuid:} followed by the id: how stores write the user. */
    public String userKey() {
        return (user instanceof WaId ? "wa:" : "bsuid:") + user.value();
    }

    /** Reads {@link #userKey()} back. */
    public static UserRef parseUserKey(String userKey) {
        if (userKey.startsWith("wa:")) {
            return WaId.of(userKey.substring(3));
        }
        if (userKey.startsWith("bsuid:")) {
            return Bsuid.of(userKey.substring(6));
        }
        throw new IllegalArgumentException("not a user key: " + userKey);
    }
}
