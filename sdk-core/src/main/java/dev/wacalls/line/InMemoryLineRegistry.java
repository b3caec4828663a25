package dev.wacalls.line;

import dev.wacalls.id.PhoneNumberId;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link LineRegistry} in memory, keyed by phone-number id, for tests, demos and single-instance setups. Thread
 * safe. Status survives replacing a line, e.g. when its credentials arrive.
 *
 * <pre>{@code
 * InMemoryLineRegistry registry = new InMemoryLineRegistry(List.of(line));
 * registry.put(line.withCredentials(wabaId, credentials));   // same line, now with credentials
 * }</pre>
 */
public final class InMemoryLineRegistry implements LineRegistry {
    private final Map<PhoneNumberId, Line> lines = new LinkedHashMap<>();
    private final Map<PhoneNumberId, LineStatus> statuses = new HashMap<>();

    public InMemoryLineRegistry() {}

    public InMemoryLineRegistry(Collection<Line> lines) {
        lines.forEach(this::put);
    }

    /** Adds the line, or replaces the line with the same phone-number id (keeping its place and status). */
    public synchronized void put(Line line) {
        lines.put(Objects.requireNonNull(line, "line").phoneNumberId(), line);
    }

    public synchronized void remove(PhoneNumberId phoneNumberId) {
        lines.remove(phoneNumberId);
        statuses.remove(phoneNumberId);
    }

    @Override
    public synchronized List<Line> lines() {
        return List.copyOf(lines.values());
    }

    @Override
    public synchronized LineStatus status(Line line) {
        return statuses.getOrDefault(line.phoneNumberId(), LineStatus.unchecked());
    }

    @Override
    public synchronized void record(Line line, LineStatus status) {
        statuses.put(line.phoneNumberId(), Objects.requireNonNull(status, "status"));
    }
}
