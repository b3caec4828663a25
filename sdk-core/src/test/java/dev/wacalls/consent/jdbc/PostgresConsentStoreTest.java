package dev.wacalls.consent.jdbc;

import dev.wacalls.consent.ConsentStore;
import java.io.IOException;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The store on a real PostgreSQL server. Two stores over two pools stand for two application instances: the
 * contention tests spread their threads over both, so only the database's row locks keep the limits exact.
 */
class PostgresConsentStoreTest extends JdbcConsentStoreContract {
    private static TestPostgres server;
    private static DataSource firstInstancePool;
    private static JdbcConsentStore firstInstance;
    private static JdbcConsentStore secondInstance;

    @BeforeAll
    static void startServer() {
        server = TestPostgres.start();
        firstInstancePool = server.newPool(THREADS / 2);
        firstInstance = JdbcConsentStore.migrateAndCreate(firstInstancePool);
        secondInstance = JdbcConsentStore.migrateAndCreate(server.newPool(THREADS / 2));
    }

    @AfterAll
    static void stopServer() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @Override
    ConsentStore store() {
        return firstInstance;
    }

    @Override
    List<ConsentStore> instances() {
        return List.of(firstInstance, secondInstance);
    }

    @Override
    DataSource dataSource() {
        return firstInstancePool;
    }
}
