package dev.wacalls.consent.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * What differs between the supported databases: how a row is inserted only when absent, and where the migrations
 * are. Everything else is plain SQL that both accept.
 */
enum SqlDialect {
    POSTGRESQL("postgresql",
            // ON CONFLICT waits for a concurrent inserter of the same key to finish, then does nothing: no error to
            // retry, and no aborted transaction (a failed statement aborts the whole transaction on PostgreSQL).
            "INSERT INTO wacalls_consent_org (org_id) VALUES (?) ON CONFLICT DO NOTHING",
            "INSERT INTO wacalls_consent (org_id, line_id, user_key) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"),
    H2("h2",
            // Standard MERGE, accepted in every H2 mode. Two first-time inserters racing still make the second fail
            // with a duplicate key (23505); the store retries the transaction, and then the row is there.
            "MERGE INTO wacalls_consent_org t USING (SELECT CAST(? AS VARCHAR(128)) AS org_id) s"
                    + " ON t.org_id = s.org_id WHEN NOT MATCHED THEN INSERT (org_id) VALUES (s.org_id)",
            "MERGE INTO wacalls_consent t USING (SELECT CAST(? AS VARCHAR(128)) AS org_id,"
                    + " CAST(? AS VARCHAR(32)) AS line_id, CAST(? AS VARCHAR(300)) AS user_key) s"
                    + " ON t.org_id = s.org_id AND t.line_id = s.line_id AND t.user_key = s.user_key"
                    + " WHEN NOT MATCHED THEN INSERT (org_id, line_id, user_key) VALUES (s.org_id, s.line_id, s.user_key)");

    final String migrationFolder;
    final String insertOrganizationIfAbsent;
    final String insertConsentIfAbsent;

    SqlDialect(String migrationFolder, String insertOrganizationIfAbsent, String insertConsentIfAbsent) {
        this.migrationFolder = migrationFolder;
        this.insertOrganizationIfAbsent = insertOrganizationIfAbsent;
        this.insertConsentIfAbsent = insertConsentIfAbsent;
    }

    /** Where Flyway finds this database's scripts. */
    String migrationLocation() {
        return "classpath:db/wacalls/consent/" + migrationFolder;
    }

    /**
     * The dialect of the database behind {@code con}. H2 reports "H2" in every compatibility mode, which is what we
     * want: its MODE=PostgreSQL does not make it accept everything PostgreSQL does.
     */
    static SqlDialect of(Connection con) throws SQLException {
        String product = con.getMetaData().getDatabaseProductName();
        String p = product == null ? "" : product.toLowerCase(Locale.ROOT);
        if (p.equals("postgresql")) {
            return POSTGRESQL;
        }
        if (p.equals("h2")) {
            return H2;
        }
        throw new ConsentStoreException("the JDBC consent store supports PostgreSQL and H2, not " + product);
    }
}
