package dev.wacalls.consent;

import java.util.ArrayList;
import java.util.List;

/** Keeps every timeline event the engine publishes, in order. */
final class RecordingTimeline implements TimelineListener {
    private final List<TimelineEvent> events = new ArrayList<>();

    @Override
    public synchronized void onEvent(TimelineEvent event) {
        events.add(event);
    }

    synchronized List<TimelineEvent> events() {
        return List.copyOf(events);
    }

    synchronized List<TimelineEventType> types() {
        return events.stream().map(TimelineEvent::type).toList();
    }

    synchronized List<TimelineEvent> of(ConsentKey key) {
        return events.stream().filter(e -> e.key().equals(key)).toList();
    }

    synchronized long count(TimelineEventType type) {
        return events.stream().filter(e -> e.type() == type).count();
    }

    synchronized TimelineEvent last() {
        return events.get(events.size() - 1);
    }

    synchronized void clear() {
        events.clear();
    }
}
