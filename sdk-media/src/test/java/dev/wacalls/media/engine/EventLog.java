package dev.wacalls.media.engine;

import dev.wacalls.call.MediaEvent;
import dev.wacalls.call.MediaListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** Collects a leg's (or several legs') events for assertions, with waiting. */
public final class EventLog implements MediaListener {
    private final List<MediaEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(MediaEvent event) {
        events.add(event);
        synchronized (this) {
            notifyAll();
        }
    }

    public List<MediaEvent> all() {
        return List.copyOf(events);
    }

    public <T extends MediaEvent> List<T> of(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public <T extends MediaEvent> List<T> of(Class<T> type, String legId) {
        return of(type).stream().filter(e -> e.legId().equals(legId)).toList();
    }

    /** Waits for an event of {@code type} matching {@code test}; fails with the events seen so far. */
    public <T extends MediaEvent> T await(Class<T> type, Predicate<T> test, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (true) {
                for (MediaEvent e : events) {
                    if (type.isInstance(e) && test.test(type.cast(e))) {
                        return type.cast(e);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no " + type.getSimpleName() + " within " + timeout + "; events: " + events);
                }
                wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    public <T extends MediaEvent> T await(Class<T> type, String legId, Duration timeout) throws InterruptedException {
        return await(type, e -> e.legId().equals(legId), timeout);
    }

    @Override
    public String toString() {
        return events.toString();
    }
}
