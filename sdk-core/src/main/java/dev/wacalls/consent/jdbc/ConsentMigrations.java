package dev.wacalls.consent.jdbc;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The only class that touches Flyway, which is an optional dependency: keeping it here means the store loads and
 * runs without Flyway for teams that apply the scripts themselves.
 */
final class ConsentMigrations {
    /** Apart from the host application's {@code flyway_schema_history}, so neither Flyway sees the other's scripts. */
    static final String HISTORY_TABLE = "wacalls_consent_schema_history";

    private ConsentMigrations() {}

    static void apply(DataSource dataSource, SqlDialect dialect) {
        try {
            Flyway.configure(ConsentMigrations.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations(dialect.migrationLocation())
                    .table(HISTORY_TABLE)
                    // The schema usually holds the application's own tables already; without a baseline Flyway
                    // refuses a non-empty schema that lacks its history table. Version 0 keeps our V1 applicable.
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .baselineDescription("wacalls consent store")
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new ConsentStoreException("migrate: the consent store's migrations failed: " + e.getMessage(), e);
        }
    }
}
