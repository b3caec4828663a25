package dev.wacalls.consent;

/**
 * Receives every timeline event after the change it reports is stored. Called on the thread that made the change;
 * keep it quick (hand off to a queue). An exception it throws is logged and does not undo the change.
 *
 * <pre>{@code TimelineListener toChat = e -> chatTimeline.append(e.key().user(), e.type(), e.at(), e.description());}</pre>
 */
@FunctionalInterface
public interface TimelineListener {
    void onEvent(TimelineEvent event);

    /** A listener that ignores everything. */
    TimelineListener NONE = e -> { };
}
