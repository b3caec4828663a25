package dev.wacalls.consent.jdbc;

import dev.wacalls.consent.ConsentStore;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The store on H2 in PostgreSQL mode, as applications that test against H2 for PostgreSQL usually run it. */
class H2PostgreSqlModeConsentStoreTest extends JdbcConsentStoreContract {
    private static DataSource dataSource;
    private static JdbcConsentStore store;

    @BeforeAll
    static void createDatabase() {
        dataSource = H2ConsentStoreTest.newDatabase(";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        store = JdbcConsentStore.migrateAndCreate(dataSource);
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        H2ConsentStoreTest.shutDown(dataSource);
    }

    @Override
    ConsentStore store() {
        return store;
    }

    @Override
    DataSource dataSource() {
        return dataSource;
    }
}
