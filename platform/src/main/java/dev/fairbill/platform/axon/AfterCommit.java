package dev.fairbill.platform.axon;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Runs something once what the current transaction wrote is visible to others. */
final class AfterCommit {

    /** Runs {@code action} now outside a transaction, else when the transaction has committed (never on rollback). */
    static void run(Runnable action) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            action.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }

    private AfterCommit() {
    }
}
