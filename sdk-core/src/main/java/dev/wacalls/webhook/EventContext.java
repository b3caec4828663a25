package dev.wacalls.webhook;

import dev.wacalls.id.PhoneNumberId;
import dev.wacalls.id.WabaId;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where an event came from.
 *
 * @param wabaId the WhatsApp Business Account ({@code entry[].id})
 * @param phoneNumberId the business number ({@code value.metadata.phone_number_id}), when the field has one
 * @param displayPhoneNumber the business number as displayed
 * @param field the webhook field: {@code calls}, {@code messages}, {@code account_update}, …
 */
public record EventContext(
        @Nullable WabaId wabaId, @Nullable PhoneNumberId phoneNumberId, @Nullable String displayPhoneNumber, String field) {

    public Optional<WabaId> waba() {
        return Optional.ofNullable(wabaId);
    }

    public Optional<PhoneNumberId> phoneNumber() {
        return Optional.ofNullable(phoneNumberId);
    }
}
