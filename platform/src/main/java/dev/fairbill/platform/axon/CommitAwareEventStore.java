package dev.fairbill.platform.axon;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

/**
 * Axon's embedded event store, telling its tracking processors about new events once they are visible to them. The
 * store wakes the reader it shares among them when a unit of work that stored events has committed. A command that
 * runs inside a longer transaction (a request together with its Idempotency-Key, a Kafka message with its inbox row)
 * ends its unit of work before that transaction commits: woken then, the reader would find nothing, and the events
 * would wait for the next wake-up or its poll interval (a second). Here it is woken when the longer transaction has
 * committed.
 *
 * <p>With a {@code wakeDelay} the reader is woken that long after the first commit that calls for it, once for all
 * the commits meanwhile: under a steady stream of small transactions it reads them in one query (and one more that
 * finds nothing new) instead of two queries per commit, at the price of that delay.
 */
public final class CommitAwareEventStore extends EmbeddedEventStore {

    private final Duration wakeDelay;
    private final AtomicBoolean wakePending = new AtomicBoolean();

    public CommitAwareEventStore(Builder builder, Duration wakeDelay) {
        super(builder);
        this.wakeDelay = wakeDelay;
    }

    @Override
    protected void afterCommit(List<? extends EventMessage<?>> events) {
        AfterCommit.run(wakeDelay.isZero() ? () -> super.afterCommit(events) : this::wakeSoon);
    }

    private void wakeSoon() {
        if (!wakePending.compareAndSet(false, true)) {
            return;
        }
        Thread.ofVirtual().name("event-store-wake").start(() -> {
            try {
                Thread.sleep(wakeDelay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            wakePending.set(false);
            super.afterCommit(List.of());
        });
    }
}
