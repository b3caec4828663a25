package dev.wacalls.webhook;

import dev.wacalls.id.Bsuid;
import dev.wacalls.id.UserRef;
import dev.wacalls.id.WaId;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The WhatsApp user an event is about. Phone fields may be absent for users who adopted a username; then the
 * business-scoped ids are there. Store both.
 *
 * @param waId the phone number, when Meta sent it
 * @param bsuid the business-scoped user id
 * @param parentBsuid the parent business-scoped user id
 * @param profileName the profile name from {@code contacts[]}
 * @param username the username from {@code contacts[].profile.username}
 */
public record UserIdentity(
        @Nullable WaId waId,
        @Nullable Bsuid bsuid,
        @Nullable Bsuid parentBsuid,
        @Nullable String profileName,
        @Nullable String username) {

    static final UserIdentity NONE = new UserIdentity(null, null, null, null, null);

    /** The best id to address the user with: the phone number if known, else the BSUID, else the parent BSUID. */
    public Optional<UserRef> ref() {
        if (waId != null) {
            return Optional.of(waId);
        }
        if (bsuid != null) {
            return Optional.of(bsuid);
        }
        return Optional.ofNullable(parentBsuid);
    }

    public Optional<WaId> phone() {
        return Optional.ofNullable(waId);
    }

    public Optional<String> name() {
        return Optional.ofNullable(profileName);
    }
}
