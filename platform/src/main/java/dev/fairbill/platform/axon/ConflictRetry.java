package dev.fairbill.platform.axon;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs a command again, on the same thread, when its events lost the append race to a writer the aggregate's lock
 * could not see: a command dispatched inside a longer transaction (a Kafka message applied with its inbox row)
 * releases the aggregate's lock when its unit of work ends, before that transaction commits, so a caller's command
 * can load the aggregate without those events and find its sequence number taken. The second attempt loads the
 * aggregate again, sees them and decides on the current state, so the caller gets the answer the state gives
 * instead of a 409 it did not cause.
 *
 * <p>Only a command that owns its transaction is retried: one dispatched inside another transaction or unit of work
 * left that transaction rolled back, so its caller (the inbox, a processor) retries the whole of it.
 */
public final class ConflictRetry implements RetryScheduler {

    private static final Logger log = LoggerFactory.getLogger(ConflictRetry.class);

    private final int maxRetries;
    private final long backoffMillis;

    /**
     * @param maxRetries    how many more attempts a command gets after a lost append race
     * @param backoffMillis the longest pause before the first retry, doubling with each one (with jitter)
     */
    public ConflictRetry(int maxRetries, long backoffMillis) {
        this.maxRetries = maxRetries;
        this.backoffMillis = backoffMillis;
    }

    @Override
    public boolean scheduleRetry(CommandMessage commandMessage, RuntimeException lastFailure,
                                 List<Class<? extends Throwable>[]> failures, Runnable commandDispatch) {
        int attempts = failures.size();
        if (!lostAppendRace(lastFailure) || attempts > maxRetries
                || TransactionSynchronizationManager.isActualTransactionActive() || CurrentUnitOfWork.isStarted()) {
            return false;
        }
        log.info("Command lost an append race; retrying: command={} attempt={}", commandMessage.getCommandName(),
                attempts + 1);
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, (backoffMillis << (attempts - 1)) + 2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        commandDispatch.run();
        return true;
    }

    static boolean lostAppendRace(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConcurrencyException) {
                return true;
            }
        }
        return false;
    }
}
