package dev.fairbill.platform.web;

import java.sql.SQLException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import org.axonframework.messaging.HandlerExecutionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/** Finds the failure that matters inside the wrappers Axon and futures put around it. */
final class Failures {

    static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while (true) {
            Throwable inner = switch (current) {
                // Axon wraps a handler's exception (CommandExecutionException, QueryExecutionException); a
                // distributed bus may carry the original only in the details
                case HandlerExecutionException handler -> handler.getDetails()
                        .filter(Throwable.class::isInstance)
                        .map(Throwable.class::cast)
                        .orElse(handler.getCause());
                case CompletionException completion -> completion.getCause();
                case ExecutionException execution -> execution.getCause();
                default -> null;
            };
            if (inner == null || inner == current) {
                return current;
            }
            current = inner;
        }
    }

    /**
     * Whether the failure is the database being out of reach (restarting, failed over, connections cut), which
     * passes: the request may be retried, unlike a bug. A commit or rollback that failed
     * ({@link TransactionSystemException}: the connection died under it) counts too: whether the commit happened is
     * unknown, and a retry with the same Idempotency-Key finds out.
     */
    /** What the pool answers, without a SQL state, on a connection it closed because the database dropped it. */
    private static final String POOLED_CONNECTION_CLOSED = "Connection is closed";

    static boolean isDatabaseUnavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof TransientDataAccessResourceException
                    || cause instanceof TransactionSystemException) {
                return true;
            }
            if (cause instanceof SQLException sql && (sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))
                    || sql.getSQLState() == null && POOLED_CONNECTION_CLOSED.equals(sql.getMessage()))) {
                return true;
            }
        }
        return false;
    }

    private Failures() {
    }
}
