/**
 * Consent state in a relational database, so that WhatsApp's limits hold across every instance of an application
 * that shares it: {@link dev.wacalls.consent.jdbc.JdbcConsentStore} on PostgreSQL or H2 2.x.
 *
 * <p>Each {@code transact} is one database transaction that locks the organisation's row (when asked) and then the
 * candidate's row with {@code SELECT … FOR UPDATE}, so two instances deciding about the same candidate or the same
 * organisation's daily limit take turns. The schema comes as Flyway migrations under
 * {@code db/wacalls/consent/<vendor>/} with their own history table, {@code wacalls_consent_schema_history}, so they
 * never mix with the host application's migrations.
 *
 * <pre>{@code
 * DataSource dataSource = ...;                                   // the application's pool
 * ConsentStore store = JdbcConsentStore.migrateAndCreate(dataSource);
 * ConsentEngine engine = ConsentEngine.builder().store(store).build();
 * }</pre>
 */
@NullMarked
package dev.wacalls.consent.jdbc;

import org.jspecify.annotations.NullMarked;
