package dev.wacalls.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Anything this SDK version does not model — another webhook field, a new call event, an ordinary chat message —
 * delivered with its raw JSON rather than dropped. In lenient mode, an item that could not be read also arrives
 * here, with {@link #problem()} saying why.
 *
 * @param context where it came from
 * @param idempotencyKey a hash of the item's content
 * @param at when, if the item had a timestamp
 * @param kind what it is, e.g. {@code messages/text}, {@code calls/call_video_started}, {@code phone_number_quality_update}
 * @param problem why it could not be read, for an item that was malformed
 * @param raw the item's JSON
 */
public record Unknown(
        EventContext context,
        String idempotencyKey,
        @Nullable Instant at,
        String kind,
        @Nullable String problem,
        JsonNode raw)
        implements WebhookEvent {

    /** The raw JSON as text. */
    public String rawJson() {
        return raw.toString();
    }

    public Optional<String> malformation() {
        return Optional.ofNullable(problem);
    }

    @Override
    public Optional<Instant> timestamp() {
        return Optional.ofNullable(at);
    }
}
