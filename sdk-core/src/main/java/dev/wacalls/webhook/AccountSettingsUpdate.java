package dev.wacalls.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wacalls.graph.CallIconVisibility;
import dev.wacalls.graph.FeatureStatus;
import dev.wacalls.graph.SrtpKeyExchange;
import dev.wacalls.id.PhoneNumberId;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A number's calling settings changed ({@code account_settings_update}, also sent for our own changes). Only the
 * watched fields are reported; each is null when absent from the event.
 *
 * @param context where it came from
 * @param idempotencyKey a hash of the event's content
 * @param at when
 * @param phoneNumberId the number whose settings changed
 * @param callingStatus calling on or off
 * @param callIconVisibility call button visibility
 * @param callbackPermissionStatus callback permission on or off
 * @param sipStatus SIP on or off
 * @param srtpKeyExchange DTLS or SDES
 * @param calling the {@code calling} object as sent
 */
public record AccountSettingsUpdate(
        EventContext context,
        String idempotencyKey,
        @Nullable Instant at,
        @Nullable PhoneNumberId phoneNumberId,
        @Nullable FeatureStatus callingStatus,
        @Nullable CallIconVisibility callIconVisibility,
        @Nullable FeatureStatus callbackPermissionStatus,
        @Nullable FeatureStatus sipStatus,
        @Nullable SrtpKeyExchange srtpKeyExchange,
        JsonNode calling)
        implements WebhookEvent {

    @Override
    public Optional<Instant> timestamp() {
        return Optional.ofNullable(at);
    }
}
