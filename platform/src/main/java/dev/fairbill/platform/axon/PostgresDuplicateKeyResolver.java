package dev.fairbill.platform.axon;

import java.sql.SQLException;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;

/**
 * Tells the event store which failed append was a concurrent one: PostgreSQL's unique violation (SQLSTATE 23505) on
 * (aggregate, sequence number), anywhere in the cause chain or in a batch's chained exceptions. Every other failure,
 * a dropped connection included, is just a failure.
 *
 * <p>Axon's own resolver also looks for JPA's {@code EntityExistsException}; without JPA on the classpath that lookup
 * throws {@code NoClassDefFoundError} on any failed append that is not a duplicate, which stopped tracking processors
 * for good when the database went away under them.
 */
public final class PostgresDuplicateKeyResolver implements PersistenceExceptionResolver {

    static final String UNIQUE_VIOLATION = "23505";

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                for (SQLException next = sql; next != null; next = next.getNextException()) {
                    if (UNIQUE_VIOLATION.equals(next.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
