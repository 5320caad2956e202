package dev.fairbill.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronizationManager;

class ConflictRetryTest {

    private final ConflictRetry retry = new ConflictRetry(2, 1);
    private final AtomicInteger dispatched = new AtomicInteger();

    @AfterEach
    void noTransaction() {
        TransactionSynchronizationManager.setActualTransactionActive(false);
    }

    @Test
    void aCommandThatLostAnAppendRaceRunsAgainOnTheSameThread() {
        Thread caller = Thread.currentThread();
        boolean scheduled = retry.scheduleRetry(command(), new IllegalStateException(
                new ConcurrencyException("sequence number taken")), failures(1), () -> {
                    assertThat(Thread.currentThread()).isSameAs(caller);
                    dispatched.incrementAndGet();
                });
        assertThat(scheduled).isTrue();
        assertThat(dispatched).hasValue(1);
    }

    @Test
    void aCommandRunsAtMostTheConfiguredNumberOfTimesMore() {
        assertThat(retry.scheduleRetry(command(), new ConcurrencyException("taken"), failures(2),
                dispatched::incrementAndGet)).isTrue();
        assertThat(retry.scheduleRetry(command(), new ConcurrencyException("taken"), failures(3),
                dispatched::incrementAndGet)).isFalse();
        assertThat(dispatched).hasValue(1);
    }

    @Test
    void otherFailuresAndACreationOfAnExistingAggregateAreNotRetried() {
        assertThat(retry.scheduleRetry(command(), new IllegalArgumentException("bad"), failures(1),
                dispatched::incrementAndGet)).isFalse();
        assertThat(retry.scheduleRetry(command(), new AggregateStreamCreationException("exists"), failures(1),
                dispatched::incrementAndGet)).isFalse();
        assertThat(dispatched).hasValue(0);
    }

    /** Its transaction is rolled back: the caller (the inbox) retries the whole of it, never a part on its own. */
    @Test
    void aCommandDispatchedInsideAnotherTransactionIsNotRetried() {
        TransactionSynchronizationManager.setActualTransactionActive(true);
        assertThat(retry.scheduleRetry(command(), new ConcurrencyException("taken"), failures(1),
                dispatched::incrementAndGet)).isFalse();
        assertThat(dispatched).hasValue(0);
    }

    private static GenericCommandMessage<String> command() {
        return new GenericCommandMessage<>("grant");
    }

    @SuppressWarnings("unchecked")
    private static List<Class<? extends Throwable>[]> failures(int count) {
        List<Class<? extends Throwable>[]> failures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            failures.add(new Class[] {ConcurrencyException.class});
        }
        return failures;
    }
}
