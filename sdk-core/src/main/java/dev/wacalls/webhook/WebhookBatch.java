package dev.wacalls.webhook;

import java.util.List;

/**
 * The events of one webhook POST (Meta batches up to 1,000 updates), in the order Meta wrote them.
 *
 * @param object the envelope's {@code object}, normally {@code whatsapp_business_account}
 * @param events the typed events
 */
public record WebhookBatch(String object, List<WebhookEvent> events) {
    public WebhookBatch {
        events = List.copyOf(events);
    }

    /** The events of one type, e.g. {@code batch.eventsOf(CallTerminate.class)}. */
    public <T extends WebhookEvent> List<T> eventsOf(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
