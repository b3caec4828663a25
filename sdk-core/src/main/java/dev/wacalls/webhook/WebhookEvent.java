package dev.wacalls.webhook;

import java.time.Instant;
import java.util.Optional;

/**
 * One typed event out of a webhook batch. Meta delivers at least once and in no particular order, so use
 * {@link #idempotencyKey()} to drop duplicates and {@link #timestamp()} to drop stale events.
 *
 * <pre>{@code
 * for (WebhookEvent event : webhooks.parse(body, signature).events()) {
 *     if (event instanceof CallConnect c) { … }
 *     else if (event instanceof CallTerminate t) { … }
 *     else if (event instanceof Unknown u) log.info("not handled: {}", u.rawJson());
 * }
 * }</pre>
 */
public sealed interface WebhookEvent
        permits CallConnect,
                CallStatusUpdate,
                CallTerminate,
                CallCreated,
                CallRecordingAvailable,
                CallTranscriptionAvailable,
                CallPermissionReply,
                MessageStatusUpdate,
                AccountSettingsUpdate,
                AccountViolation,
                AccountRestriction,
                Unknown {

    /** Where the event came from: account, business number, webhook field. */
    EventContext context();

    /**
     * A key that is the same for every delivery of the same event and different for different events, e.g.
     * {@code call:wacid.ABC:terminate}. Store it to detect Meta's duplicates.
     */
    String idempotencyKey();

    /** When the event happened, per Meta; absent only when Meta sent no time at all. */
    Optional<Instant> timestamp();
}
