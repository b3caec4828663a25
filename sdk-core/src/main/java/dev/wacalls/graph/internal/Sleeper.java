package dev.wacalls.graph.internal;

import java.time.Duration;

/** Waits between retries; replaceable so tests can record delays instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    Sleeper SYSTEM = d -> Thread.sleep(d.toMillis(), (int) (d.toNanosPart() % 1_000_000));
}
