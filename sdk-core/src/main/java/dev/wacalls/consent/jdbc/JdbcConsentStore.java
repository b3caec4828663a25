package dev.wacalls.consent.jdbc;

import dev.wacalls.consent.ConsentKey;
import dev.wacalls.consent.ConsentPolicy;
import dev.wacalls.consent.ConsentState;
import dev.wacalls.consent.ConsentStore;
import dev.wacalls.consent.OrganizationCalls;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Consent state in PostgreSQL or H2 2.x, shared by every application instance that uses the same database, so that
 * WhatsApp's limits hold when several instances race to invite or call the same candidate.
 *
 * <p>Each {@link #transact} is one JDBC transaction. When the organisation is to be locked, its row in
 * {@code wacalls_consent_org} is inserted if absent and locked with {@code SELECT … FOR UPDATE}; then the same is done
 * for the candidate's row in {@code wacalls_consent}. Locks are taken in that order only, so transactions cannot
 * deadlock one another. The work runs, what it saved is written back as JSON with the version incremented, and the
 * transaction commits; if the work throws, it rolls back. Lock conflicts the database reports as transient
 * (SQLState {@code 40001}, {@code 40P01}, lock time-outs) and the race of two first-time inserts of the same row are
 * retried a few times, so {@code work} may run more than once and must only act through its
 * {@link ConsentStore.Transaction}. Any other {@link SQLException} becomes a {@link ConsentStoreException}.
 *
 * <p>The {@link DataSource} should be a plain connection pool, not a transaction-aware proxy: the store begins and
 * commits its own transactions. Connections come back with their auto-commit setting as they were. Instants in the
 * organisation's call log are kept to the microsecond (PostgreSQL's precision); states keep them whole.
 *
 * <pre>{@code
 * HikariDataSource pool = new HikariDataSource(config);          // any pool
 * ConsentStore store = JdbcConsentStore.migrateAndCreate(pool);  // or migrate once at deploy time:
 * JdbcConsentStore.migrate(pool);
 * ConsentStore same = new JdbcConsentStore(pool);
 * }</pre>
 */
public final class JdbcConsentStore implements ConsentStore {
    /** Attempts of one {@link #transact} before a transient failure is given up on. */
    static final int MAX_ATTEMPTS = 8;

    /** The call log keeps what can still count (24 h) plus an hour of slack for clock skew between instances. */
    private static final Duration CALL_LOG_RETENTION = ConsentPolicy.DAY.plusHours(1);

    /**
     * Failures after which running the same transaction again can succeed: serialization failure and deadlock
     * (standard, and PostgreSQL's 40P01), lock not available (PostgreSQL's lock_timeout), H2's lock time-out and
     * concurrent update.
     */
    private static final Set<String> TRANSIENT_SQL_STATES = Set.of("40001", "40P01", "55P03", "HYT00", "90131");

    private static final String DUPLICATE_KEY = "23505";

    private static final String LOCK_ORGANIZATION =
            "SELECT org_id FROM wacalls_consent_org WHERE org_id = ? FOR UPDATE";
    private static final String LOCK_CONSENT = "SELECT state, version FROM wacalls_consent"
            + " WHERE org_id = ? AND line_id = ? AND user_key = ? FOR UPDATE";
    private static final String LOAD_CONSENT = "SELECT state, version FROM wacalls_consent"
            + " WHERE org_id = ? AND line_id = ? AND user_key = ?";
    private static final String UPDATE_CONSENT = "UPDATE wacalls_consent SET state = ?, version = ?,"
            + " updated_at = CURRENT_TIMESTAMP WHERE org_id = ? AND line_id = ? AND user_key = ?";
    // The first placed_at bound is implied by the OR below; it is spelt out so the (org_id, placed_at) index can
    // limit the scan to the last day.
    private static final String COUNT_CALLS = "SELECT COUNT(*), MIN(placed_at) FROM wacalls_consent_org_call"
            + " WHERE org_id = ? AND placed_at > ?"
            + " AND ((connected = TRUE AND placed_at > ?) OR (connected = FALSE AND placed_at > ?))";
    private static final String PRUNE_CALLS = "DELETE FROM wacalls_consent_org_call WHERE org_id = ? AND placed_at < ?";
    private static final String RESERVE_CALL = "INSERT INTO wacalls_consent_org_call (org_id, call_id, placed_at,"
            + " connected) VALUES (?, ?, ?, FALSE)";
    private static final String CONNECT_CALL =
            "UPDATE wacalls_consent_org_call SET connected = TRUE WHERE org_id = ? AND call_id = ?";
    private static final String RENAME_CALL =
            "UPDATE wacalls_consent_org_call SET call_id = ? WHERE org_id = ? AND call_id = ?";
    private static final String RELEASE_CALL = "DELETE FROM wacalls_consent_org_call WHERE org_id = ? AND call_id = ?";

    private final DataSource dataSource;
    private volatile @Nullable SqlDialect dialect;

    /** A store over tables that already exist (see {@link #migrate}). Opens no connection until first used. */
    public JdbcConsentStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Creates or upgrades the store's tables with Flyway (which must be on the class path: {@code flyway-core}, plus
     * {@code flyway-database-postgresql} for PostgreSQL). The history goes to {@code wacalls_consent_schema_history},
     * apart from the application's own migrations; a schema that already holds other tables is fine. Safe to call
     * from several instances at once, and on every start.
     *
     * @throws ConsentStoreException when the database cannot be reached or a migration fails
     */
    public static void migrate(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        SqlDialect dialect;
        try (Connection con = dataSource.getConnection()) {
            dialect = SqlDialect.of(con);
        } catch (SQLException e) {
            throw new ConsentStoreException("migrate: cannot connect to the database: " + e.getMessage(), e);
        }
        try {
            ConsentMigrations.apply(dataSource, dialect);
        } catch (NoClassDefFoundError e) {
            if (e.getMessage() == null || !e.getMessage().contains("org/flywaydb")) {
                throw e;
            }
            throw new ConsentStoreException("migrate: Flyway is not on the class path; add org.flywaydb:flyway-core"
                    + " (and flyway-database-postgresql for PostgreSQL), or apply the scripts under "
                    + "db/wacalls/consent/" + dialect.migrationFolder + " yourself", e);
        }
    }

    /** {@link #migrate}, then a store: for applications that create their schema when they start. */
    public static JdbcConsentStore migrateAndCreate(DataSource dataSource) {
        migrate(dataSource);
        return new JdbcConsentStore(dataSource);
    }

    @Override
    public Optional<ConsentState> load(ConsentKey key) {
        Objects.requireNonNull(key, "key");
        try (Connection con = dataSource.getConnection()) {
            dialect(con);
            try (PreparedStatement ps = con.prepareStatement(LOAD_CONSENT)) {
                bindKey(ps, 1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    String json = rs.getString(1);
                    return json == null ? Optional.empty() : Optional.of(decode(json, rs.getLong(2), "load", key));
                }
            }
        } catch (SQLException e) {
            throw failure("load", key, e);
        }
    }

    @Override
    public OrganizationCalls peekOrganizationCalls(ConsentKey key, Instant connectedSince, Instant reservedSince) {
        Objects.requireNonNull(key, "key");
        try (Connection con = dataSource.getConnection()) {
            dialect(con);
            return countCalls(con, key.organizationId(), connectedSince, reservedSince);
        } catch (SQLException e) {
            throw failure("count the organisation's calls", key, e);
        }
    }

    /** The organisation's counted calls: one COUNT/MIN over the log, in or out of a transaction. */
    private static OrganizationCalls countCalls(Connection con, String orgId, Instant connectedSince,
            Instant reservedSince) throws SQLException {
        OffsetDateTime connected = timestamp(connectedSince);
        OffsetDateTime reserved = timestamp(reservedSince);
        try (PreparedStatement ps = con.prepareStatement(COUNT_CALLS)) {
            ps.setString(1, orgId);
            ps.setObject(2, connected.isBefore(reserved) ? connected : reserved);
            ps.setObject(3, connected);
            ps.setObject(4, reserved);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                OffsetDateTime oldest = rs.getObject(2, OffsetDateTime.class);
                return new OrganizationCalls(rs.getInt(1), oldest == null ? null : oldest.toInstant());
            }
        }
    }

    @Override
    public <T> T transact(ConsentKey key, boolean lockOrganization, Function<Transaction, T> work) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(work, "work");
        for (int attempt = 1; ; attempt++) {
            try {
                return attempt(key, lockOrganization, work);
            } catch (TransientFailure e) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw new ConsentStoreException("transact " + describe(key) + ": still failing after "
                            + MAX_ATTEMPTS + " attempts: " + e.getCause().getMessage(), e.getCause());
                }
                backOff(attempt, key);
            }
        }
    }

    private <T> T attempt(ConsentKey key, boolean lockOrganization, Function<Transaction, T> work)
            throws TransientFailure {
        Connection con;
        try {
            con = dataSource.getConnection();
        } catch (SQLException e) {
            throw failure("transact (getting a connection)", key, e);
        }
        boolean autoCommit = true;
        Tx tx = null;
        try {
            autoCommit = con.getAutoCommit();
            if (autoCommit) {
                con.setAutoCommit(false);
            }
            SqlDialect dialect = dialect(con);
            if (lockOrganization) {
                lockOrganization(con, dialect, key);
            }
            tx = lockConsent(con, dialect, key, lockOrganization);
            T result = work.apply(tx);
            tx.end();
            tx.writeBack();
            con.commit();
            return result;
        } catch (SQLException e) {
            rollback(con, e);
            if (isTransient(e)) {
                throw new TransientFailure(e);
            }
            throw failure("transact", key, e);
        } catch (TransientFailure e) {
            rollback(con, e);
            throw e;
        } catch (RuntimeException | Error e) {
            rollback(con, e);
            // A statement of the work failed transiently (the work may even have caught our exception): the
            // transaction is spoilt either way, and running it again may succeed.
            SQLException own = tx == null ? null : tx.failure;
            if (own != null && isTransient(own)) {
                throw new TransientFailure(own);
            }
            throw e;
        } finally {
            if (tx != null) {
                tx.end();
            }
            release(con, autoCommit);
        }
    }

    private void lockOrganization(Connection con, SqlDialect dialect, ConsentKey key)
            throws SQLException, TransientFailure {
        insertIfAbsent(con, dialect.insertOrganizationIfAbsent, key, false);
        try (PreparedStatement ps = con.prepareStatement(LOCK_ORGANIZATION)) {
            ps.setString(1, key.organizationId());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("organisation row vanished after it was inserted");
                }
            }
        }
    }

    private Tx lockConsent(Connection con, SqlDialect dialect, ConsentKey key, boolean organizationLocked)
            throws SQLException, TransientFailure {
        insertIfAbsent(con, dialect.insertConsentIfAbsent, key, true);
        try (PreparedStatement ps = con.prepareStatement(LOCK_CONSENT)) {
            bindKey(ps, 1, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("consent row vanished after it was inserted");
                }
                String json = rs.getString(1);
                long version = rs.getLong(2);
                ConsentState state = json == null ? null : decode(json, version, "transact", key);
                return new Tx(con, key, organizationLocked, state, version);
            }
        }
    }

    private static void insertIfAbsent(Connection con, String sql, ConsentKey key, boolean wholeKey)
            throws SQLException, TransientFailure {
        try (PreparedStatement ps = con.prepareStatement(sql)) {
            if (wholeKey) {
                bindKey(ps, 1, key);
            } else {
                ps.setString(1, key.organizationId());
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            // Another transaction inserted the same row first (H2's MERGE does not wait it out); next time it is there.
            if (DUPLICATE_KEY.equals(e.getSQLState())) {
                throw new TransientFailure(e);
            }
            throw e;
        }
    }

    private static int bindKey(PreparedStatement ps, int index, ConsentKey key) throws SQLException {
        ps.setString(index, key.organizationId());
        ps.setString(index + 1, key.line().value());
        ps.setString(index + 2, key.userKey());
        return index + 3;
    }

    private SqlDialect dialect(Connection con) throws SQLException {
        SqlDialect d = dialect;
        if (d == null) {
            d = SqlDialect.of(con);
            dialect = d;
        }
        return d;
    }

    private static ConsentState decode(String json, long version, String operation, ConsentKey key) {
        try {
            return ConsentStateJson.read(json).toBuilder().version(version).build();
        } catch (IllegalArgumentException e) {
            throw new ConsentStoreException(operation + " " + describe(key) + ": " + e.getMessage(), e);
        }
    }

    private static boolean isTransient(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && TRANSIENT_SQL_STATES.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static void rollback(Connection con, Throwable cause) {
        try {
            con.rollback();
        } catch (SQLException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    /**
     * Gives the connection back as it came. Failures are not reported: the transaction was committed or rolled back
     * by then, and a connection that cannot take a setting is the pool's to discard.
     */
    private static void release(Connection con, boolean autoCommit) {
        try {
            if (autoCommit) {
                con.setAutoCommit(true);
            }
        } catch (SQLException | RuntimeException ignored) {
            // see above
        }
        try {
            con.close();
        } catch (SQLException | RuntimeException ignored) {
            // see above
        }
    }

    private static void backOff(int attempt, ConsentKey key) {
        // Randomised and growing, so that the transactions that collided do not collide again in step.
        long maxMillis = Math.min(200, 5L << Math.min(attempt, 6));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, maxMillis + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConsentStoreException("transact " + describe(key) + ": interrupted while retrying", e);
        }
    }

    private static ConsentStoreException failure(String operation, ConsentKey key, SQLException e) {
        return new ConsentStoreException(operation + " " + describe(key) + " failed (SQLState " + e.getSQLState()
                + "): " + e.getMessage(), e);
    }

    /** Organisation and line, not the candidate: messages end up in logs, and the user key is a phone number. */
    private static String describe(ConsentKey key) {
        return "[organisation " + key.organizationId() + ", line " + key.line().value() + "]";
    }

    private static OffsetDateTime timestamp(Instant instant) {
        // Truncated here rather than rounded by the database, so that what is written and what is compared agree
        // on every vendor.
        return OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    /** Carries a failure after which the whole transaction is worth running again. */
    private static final class TransientFailure extends Exception {
        private static final long serialVersionUID = 1L;

        TransientFailure(SQLException cause) {
            super(cause.getMessage(), cause, false, false);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }

    private static final class Tx implements Transaction {
        private final Connection con;
        private final ConsentKey key;
        private final boolean organizationLocked;
        private final @Nullable ConsentState stored;
        private final long storedVersion;
        private @Nullable ConsentState pending;
        private boolean ended;
        /** The first statement of the work that failed: the transaction must not commit after it. */
        @Nullable SQLException failure;

        Tx(Connection con, ConsentKey key, boolean organizationLocked, @Nullable ConsentState stored,
                long storedVersion) {
            this.con = con;
            this.key = key;
            this.organizationLocked = organizationLocked;
            this.stored = stored;
            this.storedVersion = storedVersion;
        }

        @Override
        public ConsentState state() {
            open();
            if (pending != null) {
                return pending;
            }
            return stored == null ? ConsentState.initial() : stored;
        }

        @Override
        public void save(ConsentState state) {
            open();
            Objects.requireNonNull(state, "state");
            pending = state.toBuilder().version(storedVersion + 1).build();
        }

        @Override
        public OrganizationCalls organizationCalls(Instant connectedSince, Instant reservedSince) {
            organization();
            try {
                return countCalls(con, key.organizationId(), connectedSince, reservedSince);
            } catch (SQLException e) {
                throw failed("count the organisation's calls", e);
            }
        }

        @Override
        public void reserveOrganizationCall(String callId, Instant at) {
            organization();
            Objects.requireNonNull(callId, "callId");
            try (PreparedStatement prune = con.prepareStatement(PRUNE_CALLS);
                    PreparedStatement insert = con.prepareStatement(RESERVE_CALL)) {
                prune.setString(1, key.organizationId());
                prune.setObject(2, timestamp(at.minus(CALL_LOG_RETENTION)));
                prune.executeUpdate();
                insert.setString(1, key.organizationId());
                insert.setString(2, callId);
                insert.setObject(3, timestamp(at));
                insert.executeUpdate();
            } catch (SQLException e) {
                throw failed("reserve call " + callId, e);
            }
        }

        @Override
        public void connectOrganizationCall(String callId) {
            organization();
            update(CONNECT_CALL, "connect call " + callId, key.organizationId(), callId);
        }

        @Override
        public void renameOrganizationCall(String provisionalId, String callId) {
            organization();
            update(RENAME_CALL, "rename call " + provisionalId + " to " + callId, callId, key.organizationId(),
                    provisionalId);
        }

        @Override
        public void releaseOrganizationCall(String callId) {
            organization();
            update(RELEASE_CALL, "release call " + callId, key.organizationId(), callId);
        }

        private void update(String sql, String what, String... parameters) {
            try (PreparedStatement ps = con.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    ps.setString(i + 1, Objects.requireNonNull(parameters[i]));
                }
                ps.executeUpdate();
            } catch (SQLException e) {
                throw failed(what, e);
            }
        }

        void writeBack() throws SQLException {
            if (failure != null) {
                throw failure;
            }
            ConsentState s = pending;
            if (s == null) {
                return;
            }
            try (PreparedStatement ps = con.prepareStatement(UPDATE_CONSENT)) {
                ps.setString(1, ConsentStateJson.write(s));
                ps.setLong(2, s.version());
                bindKey(ps, 3, key);
                if (ps.executeUpdate() != 1) {
                    throw new SQLException("the locked consent row was not updated");
                }
            }
        }

        void end() {
            ended = true;
        }

        private void open() {
            if (ended) {
                throw new IllegalStateException("the consent transaction has ended; use the Transaction only inside"
                        + " the work passed to transact");
            }
        }

        private void organization() {
            open();
            if (!organizationLocked) {
                throw new IllegalStateException("the organisation's call log needs transact(key, true, …)");
            }
        }

        private ConsentStoreException failed(String what, SQLException e) {
            if (failure == null) {
                failure = e;
            }
            return new ConsentStoreException("transact " + describe(key) + ": cannot " + what + " (SQLState "
                    + e.getSQLState() + "): " + e.getMessage(), e);
        }
    }
}
