package dev.wacalls.consent.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wacalls.consent.ConsentKey;
import dev.wacalls.consent.ConsentStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The store on H2 in its default mode. */
class H2ConsentStoreTest extends JdbcConsentStoreContract {
    private static DataSource dataSource;
    private static JdbcConsentStore store;

    /** A private in-memory database that lives until shut down ({@code DB_CLOSE_DELAY=-1}). */
    static JdbcDataSource newDatabase(String settings) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:wacalls-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1" + settings);
        ds.setUser("sa");
        return ds;
    }

    static void shutDown(DataSource ds) throws SQLException {
        try (Connection con = ds.getConnection(); Statement st = con.createStatement()) {
            st.execute("SHUTDOWN");
        }
    }

    @BeforeAll
    static void createDatabase() {
        dataSource = newDatabase("");
        store = JdbcConsentStore.migrateAndCreate(dataSource);
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        shutDown(dataSource);
    }

    @Override
    ConsentStore store() {
        return store;
    }

    @Override
    DataSource dataSource() {
        return dataSource;
    }

    @Test
    void migrateAddsItsTablesToASchemaThatAlreadyHoldsTheApplicationsOwn() throws SQLException {
        JdbcDataSource host = newDatabase("");
        try {
            try (Connection con = host.getConnection(); Statement st = con.createStatement()) {
                st.execute("CREATE TABLE candidate (id BIGINT PRIMARY KEY, name VARCHAR(100))");
                st.execute("CREATE TABLE \"flyway_schema_history\" (\"installed_rank\" INT PRIMARY KEY)");
            }

            ConsentStore hosted = JdbcConsentStore.migrateAndCreate(host);
            ConsentKey key = newKey();
            hosted.transact(key, true, tx -> {
                tx.save(fullState());
                return null;
            });

            assertThat(hosted.load(key)).isPresent();
        } finally {
            shutDown(host);
        }
    }

    @Test
    void aDatabaseWithoutTheTablesIsAConsentStoreExceptionNamingTheOperation() throws SQLException {
        JdbcDataSource empty = newDatabase("");
        try {
            ConsentStore unmigrated = new JdbcConsentStore(empty);

            assertThatThrownBy(() -> unmigrated.load(newKey())).isInstanceOf(ConsentStoreException.class)
                    .hasMessageStartingWith("load [organisation org-")
                    .hasMessageContaining("WACALLS_CONSENT")
                    .satisfies(e -> assertThat(((ConsentStoreException) e).sqlState()).startsWith("42"));
            assertThatThrownBy(() -> unmigrated.transact(newKey(), true, tx -> null))
                    .isInstanceOf(ConsentStoreException.class).hasMessageStartingWith("transact [organisation");
        } finally {
            shutDown(empty);
        }
    }

    @Test
    void aDataSourceThatCannotConnectIsAConsentStoreException() {
        JdbcDataSource unreachable = new JdbcDataSource();
        unreachable.setURL("jdbc:h2:mem:never;IFEXISTS=TRUE");

        assertThatThrownBy(() -> new JdbcConsentStore(unreachable).transact(newKey(), false, tx -> null))
                .isInstanceOf(ConsentStoreException.class).hasMessageContaining("getting a connection");
        assertThatThrownBy(() -> JdbcConsentStore.migrate(unreachable))
                .isInstanceOf(ConsentStoreException.class).hasMessageStartingWith("migrate");
    }
}
