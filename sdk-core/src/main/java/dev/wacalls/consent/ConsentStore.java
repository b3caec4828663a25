package dev.wacalls.consent;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where consent state lives. Implementations make {@link #transact} atomic per key — and, when asked, per
 * organisation — across threads and, for shared databases, across application instances; that is what keeps the
 * limits exact when several instances race to invite or call the same candidate.
 *
 * <pre>{@code
 * ConsentStore store = new InMemoryConsentStore();                       // one instance
 * ConsentStore shared = JdbcConsentStore.migrateAndCreate(dataSource);   // several instances
 * }</pre>
 */
public interface ConsentStore {

    /** The last saved state, without locking; empty for a candidate never seen. */
    Optional<ConsentState> load(ConsentKey key);

    /**
     * Runs {@code work} with the key's state locked against concurrent transactions on the same key, and with the
     * organisation's call log locked too when {@code lockOrganization} is true. Whatever {@code work} saved is
     * committed when it returns; nothing is when it throws. Locks are always taken organisation first, then key,
     * so transactions cannot deadlock.
     *
     * <p>{@code work} may run more than once: stores retry transient failures (serialisation conflicts, deadlock
     * victims). It must act only through its {@link Transaction} — no calls to Meta, no events published from
     * inside it — and must not call the store again. Call ids are unique within an organisation's log.
     */
    <T> T transact(ConsentKey key, boolean lockOrganization, Function<Transaction, T> work);

    /**
     * The organisation's calls that count, read without taking its lock (a moment stale at worst): for decisions that
     * record nothing. {@link ConsentEngine#tryStartCall} still counts under the lock, so limits stay exact. Stores
     * should override this; the default runs a locking transaction.
     */
    default OrganizationCalls peekOrganizationCalls(ConsentKey key, Instant connectedSince, Instant reservedSince) {
        return transact(key, true, tx -> tx.organizationCalls(connectedSince, reservedSince));
    }

    /** The view of one key (and its organisation) inside {@link #transact}. */
    interface Transaction {
        /** The current state, {@link ConsentState#initial()} when none was saved. */
        ConsentState state();

        /** Replaces the state; its version is set by the store. */
        void save(ConsentState state);

        /**
         * The organisation's calls that count at {@code now}: connected since {@code connectedSince}, or placed
         * since {@code reservedSince} and not released. Requires the organisation lock.
         */
        OrganizationCalls organizationCalls(Instant connectedSince, Instant reservedSince);

        /** Adds a reserved call to the organisation's log. Requires the organisation lock. */
        void reserveOrganizationCall(String callId, Instant at);

        /** Marks a call of the log connected (it then counts for 24 h). Requires the organisation lock. */
        void connectOrganizationCall(String callId);

        /** Renames a provisional call id once Meta returned the real one. Requires the organisation lock. */
        void renameOrganizationCall(String provisionalId, String callId);

        /** Removes a call from the log (unanswered, refused). Requires the organisation lock. */
        void releaseOrganizationCall(String callId);
    }
}
