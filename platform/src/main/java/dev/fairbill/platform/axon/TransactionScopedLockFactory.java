package dev.fairbill.platform.axon;

import org.axonframework.common.lock.Lock;
import org.axonframework.common.lock.LockFactory;
import org.axonframework.common.lock.PessimisticLockFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Aggregate locks held until the transaction that used the aggregate has ended. Axon releases an aggregate's lock when
 * the command's unit of work ends; a command that runs inside a longer transaction (a request applied together with
 * its Idempotency-Key, a Kafka message with its inbox row) ends its unit of work before that transaction commits.
 * Released there, the lock would let the next command on the aggregate load it without the first command's events,
 * append at a sequence number already taken and fail. With this factory the next command waits until the first has
 * committed (and its state entered the {@link TransactionalAggregateCache}) or rolled back.
 *
 * <p>A command in its own transaction is unaffected: Axon releases the lock after that transaction has completed.
 * Locks are still taken per aggregate and thread, so a transaction that commands two aggregates holds both to its
 * end; Axon's lock detects two such transactions waiting for each other and fails one, whose owner retries it.
 */
public final class TransactionScopedLockFactory implements LockFactory {

    private final LockFactory locks;

    public TransactionScopedLockFactory() {
        this(PessimisticLockFactory.usingDefaults());
    }

    TransactionScopedLockFactory(LockFactory locks) {
        this.locks = locks;
    }

    @Override
    public Lock obtainLock(String identifier) {
        Lock lock = locks.obtainLock(identifier);
        return new Lock() {
            @Override
            public void release() {
                if (!TransactionSynchronizationManager.isSynchronizationActive()) {
                    lock.release();
                    return;
                }
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCompletion(int status) {
                        lock.release();
                    }
                });
            }

            @Override
            public boolean isHeld() {
                return lock.isHeld();
            }
        };
    }
}
