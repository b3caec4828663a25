package dev.wacalls.consent.jdbc;

import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/**
 * The consent store could not read or write the database: the message names the operation and the key, the cause
 * is the driver's {@link SQLException}. Unchecked, like the rest of the SDK's errors; transient failures (lock
 * conflicts, deadlocks) were already retried when this is thrown.
 *
 * <pre>{@code
 * try {
 *     engine.mayCall(key);
 * } catch (ConsentStoreException e) {
 *     log.warn("consent store unavailable (SQLState {})", e.sqlState(), e);
 * }
 * }</pre>
 */
public class ConsentStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConsentStoreException(String message) {
        super(message);
    }

    public ConsentStoreException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }

    /** The SQLState of the underlying {@link SQLException}, when there is one (e.g. {@code 08006}: connection lost). */
    public @Nullable String sqlState() {
        for (Throwable t = getCause(); t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
