package dev.wacalls.consent;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a candidate's timeline: permission requested, granted, declined, expired or reset; call started,
 * completed or unanswered.
 *
 * @param key whose timeline
 * @param type what happened
 * @param at when
 * @param description a sentence for the timeline, e.g. "Call permission granted until 2026-12-02T09:00:00Z"
 * @param callId the call, for call events (a reservation id until Meta assigned one)
 */
public record TimelineEvent(ConsentKey key, TimelineEventType type, Instant at, String description,
        @Nullable String callId) {
    public TimelineEvent {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(description, "description");
    }

    public Optional<String> call() {
        return Optional.ofNullable(callId);
    }
}
