package dev.wacalls.consent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Consent state in this JVM's memory: for one application instance, tests and demos. Per-key and per-organisation
 * locks make {@link #transact} atomic across threads. State is lost on restart; use the JDBC store to keep it.
 *
 * <pre>{@code ConsentEngine engine = ConsentEngine.builder().store(new InMemoryConsentStore()).build();}</pre>
 */
public final class InMemoryConsentStore implements ConsentStore {
    private final Map<ConsentKey, Entry> entries = new ConcurrentHashMap<>();
    private final Map<String, Organization> organizations = new ConcurrentHashMap<>();

    private static final class Entry {
        final ReentrantLock lock = new ReentrantLock();
        volatile @Nullable ConsentState state;
    }

    private static final class Organization {
        final ReentrantLock lock = new ReentrantLock();
        final List<CallSlot> calls = new ArrayList<>();
    }

    @Override
    public Optional<ConsentState> load(ConsentKey key) {
        Entry e = entries.get(key);
        return e == null ? Optional.empty() : Optional.ofNullable(e.state);
    }

    @Override
    public <T> T transact(ConsentKey key, boolean lockOrganization, Function<Transaction, T> work) {
        Organization org = lockOrganization
                ? organizations.computeIfAbsent(key.organizationId(), k -> new Organization())
                : null;
        Entry entry = entries.computeIfAbsent(key, k -> new Entry());
        if (org != null) {
            org.lock.lock();
        }
        entry.lock.lock();
        try {
            Tx tx = new Tx(entry, org);
            T result = work.apply(tx);
            tx.commit();
            return result;
        } finally {
            entry.lock.unlock();
            if (org != null) {
                org.lock.unlock();
            }
        }
    }

    private static final class Tx implements Transaction {
        private final Entry entry;
        private final @Nullable Organization org;
        private final List<CallSlot> orgCalls;
        private @Nullable ConsentState pending;

        Tx(Entry entry, @Nullable Organization org) {
            this.entry = entry;
            this.org = org;
            this.orgCalls = org == null ? List.of() : new ArrayList<>(org.calls);
        }

        @Override
        public ConsentState state() {
            if (pending != null) {
                return pending;
            }
            ConsentState s = entry.state;
            return s == null ? ConsentState.initial() : s;
        }

        @Override
        public void save(ConsentState state) {
            long base = entry.state == null ? 0 : entry.state.version();
            pending = state.toBuilder().version(base + 1).build();
        }

        private List<CallSlot> orgCalls() {
            if (org == null) {
                throw new IllegalStateException("the organisation's call log needs transact(key, true, …)");
            }
            return orgCalls;
        }

        @Override
        public OrganizationCalls organizationCalls(Instant connectedSince, Instant reservedSince) {
            int count = 0;
            Instant oldest = null;
            for (CallSlot c : orgCalls()) {
                boolean counts = c.connected() ? c.at().isAfter(connectedSince) : c.at().isAfter(reservedSince);
                if (counts) {
                    count++;
                    if (oldest == null || c.at().isBefore(oldest)) {
                        oldest = c.at();
                    }
                }
            }
            return new OrganizationCalls(count, oldest);
        }

        @Override
        public void reserveOrganizationCall(String callId, Instant at) {
            List<CallSlot> calls = orgCalls();
            // The log only needs the last day; drop what can no longer count.
            Instant horizon = at.minus(ConsentPolicy.DAY).minusSeconds(3600);
            calls.removeIf(c -> c.at().isBefore(horizon));
            calls.add(new CallSlot(callId, at, false));
        }

        @Override
        public void connectOrganizationCall(String callId) {
            List<CallSlot> calls = orgCalls();
            calls.replaceAll(c -> c.callId().equals(callId) ? new CallSlot(c.callId(), c.at(), true) : c);
        }

        @Override
        public void renameOrganizationCall(String provisionalId, String callId) {
            List<CallSlot> calls = orgCalls();
            calls.replaceAll(c -> c.callId().equals(provisionalId) ? new CallSlot(callId, c.at(), c.connected()) : c);
        }

        @Override
        public void releaseOrganizationCall(String callId) {
            orgCalls().removeIf(c -> c.callId().equals(callId));
        }

        void commit() {
            if (pending != null) {
                entry.state = pending;
            }
            if (org != null) {
                org.calls.clear();
                org.calls.addAll(orgCalls);
            }
        }
    }
}
