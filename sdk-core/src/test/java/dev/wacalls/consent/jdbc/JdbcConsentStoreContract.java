package dev.wacalls.consent.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wacalls.consent.ConsentKey;
import dev.wacalls.consent.ConsentState;
import dev.wacalls.consent.ConsentStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The JDBC store's own promises, on top of the contract, run against each database. */
abstract class JdbcConsentStoreContract extends ConsentStoreContract {

    /** The database the store under test uses, already migrated. */
    abstract DataSource dataSource();

    @Test
    void migratingAgainChangesNothingAndKeepsItsOwnHistoryTable() throws SQLException {
        ConsentKey key = newKey();
        store().transact(key, false, tx -> {
            tx.save(fullState());
            return null;
        });

        JdbcConsentStore.migrate(dataSource());

        assertThat(store().load(key)).contains(fullState().toBuilder().version(1).build());
        try (Connection con = dataSource().getConnection();
                Statement st = con.createStatement();
                ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM \"" + ConsentMigrations.HISTORY_TABLE
                        + "\" WHERE \"version\" = '1' AND \"success\" = TRUE")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void theTransactionCannotBeUsedAfterTransactReturned() {
        AtomicReference<ConsentStore.Transaction> escaped = new AtomicReference<>();
        store().transact(newKey(), true, tx -> {
            escaped.set(tx);
            return null;
        });

        assertThatThrownBy(() -> escaped.get().state()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> escaped.get().save(ConsentState.initial()))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> escaped.get().releaseOrganizationCall("x"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aFailedStatementSpoilsTheTransactionEvenWhenTheWorkSwallowsTheException() {
        ConsentKey key = newKey();

        assertThatThrownBy(() -> store().transact(key, true, tx -> {
            tx.save(fullState());
            tx.reserveOrganizationCall("same-id", NOW);
            try {
                tx.reserveOrganizationCall("same-id", NOW); // the log's key is (organisation, call id)
            } catch (ConsentStoreException ignored) {
                // a careless caller carries on
            }
            return "done";
        })).isInstanceOf(ConsentStoreException.class)
                .hasMessageContaining("transact")
                .hasMessageContaining(key.organizationId())
                .satisfies(e -> assertThat(((ConsentStoreException) e).sqlState()).isEqualTo("23505"));

        assertThat(store().load(key)).isEmpty();
        assertThat(store().transact(key, true, tx -> tx.organizationCalls(NOW.minusSeconds(1), NOW.minusSeconds(1)))
                .count()).isZero();
    }

    @Test
    void aStoredStateThatCannotBeReadIsReportedWithTheOperationAndNotGuessed() throws SQLException {
        ConsentKey key = newKey();
        store().transact(key, false, tx -> {
            tx.save(fullState());
            return null;
        });
        try (Connection con = dataSource().getConnection();
                PreparedStatement ps = con.prepareStatement("UPDATE wacalls_consent SET state = ?"
                        + " WHERE org_id = ? AND line_id = ? AND user_key = ?")) {
            ps.setString(1, "{\"phase\":\"SOMETHING_NEWER\"}");
            ps.setString(2, key.organizationId());
            ps.setString(3, key.line().value());
            ps.setString(4, key.userKey());
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }

        assertThatThrownBy(() -> store().load(key)).isInstanceOf(ConsentStoreException.class)
                .hasMessageStartingWith("load").hasMessageContaining("SOMETHING_NEWER")
                .hasMessageNotContaining(key.user().value());
        assertThatThrownBy(() -> store().transact(key, false, ConsentStore.Transaction::state))
                .isInstanceOf(ConsentStoreException.class).hasMessageStartingWith("transact");
    }

    @Test
    void connectionsGoBackWithTheAutoCommitTheyCameWith() throws SQLException {
        ConsentKey key = newKey();
        try (Connection physical = dataSource().getConnection()) {
            JdbcConsentStore onOneConnection = new JdbcConsentStore(singleConnection(physical));

            onOneConnection.transact(key, true, tx -> {
                tx.save(fullState());
                return null;
            });
            assertThat(physical.getAutoCommit()).isTrue();

            physical.setAutoCommit(false);
            assertThatThrownBy(() -> onOneConnection.transact(key, true, tx -> {
                throw new IllegalStateException("boom");
            })).hasMessage("boom");
            onOneConnection.transact(key, true, tx -> {
                tx.save(tx.state().toBuilder().consecutiveUnanswered(3).build());
                return null;
            });
            assertThat(physical.getAutoCommit()).isFalse();
            physical.setAutoCommit(true);
        }

        // Committed by the store even though the connection was handed over outside auto-commit.
        assertThat(store().load(key).orElseThrow().consecutiveUnanswered()).isEqualTo(3);
    }

    /** A data source that always hands out {@code con}, whose close() does nothing: to see what the store leaves. */
    private static DataSource singleConnection(Connection con) {
        Connection unclosable = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    try {
                        return method.invoke(con, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        return unclosable;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
