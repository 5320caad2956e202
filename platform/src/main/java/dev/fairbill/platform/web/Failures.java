package dev.fairbill.platform.web;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import org.axonframework.messaging.HandlerExecutionException;

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

    private Failures() {
    }
}
