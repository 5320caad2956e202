package dev.fairbill.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.junit.jupiter.api.Test;

class LingeringEventSourceTest {

    private static final Duration LINGER = Duration.ofMillis(300);

    private final QueueStream events = new QueueStream();
    private final StreamableMessageSource<TrackedEventMessage<?>> store = token -> events;

    @Test
    void anEventAfterAnIdleSpellStartsItsBatchOnlyAfterTheLinger() throws Exception {
        BlockingStream<TrackedEventMessage<?>> stream = new LingeringEventSource(store, LINGER).openStream(null);
        Thread.ofVirtual().start(() -> {
            sleep(50);
            events.add(1);
        });

        long started = System.nanoTime();
        assertThat(stream.hasNextAvailable(5, TimeUnit.SECONDS)).isTrue();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(LINGER);
        assertThat(stream.nextAvailable().trackingToken()).isEqualTo(new GlobalSequenceTrackingToken(1));
    }

    @Test
    void aBacklogIsHandedOnWithoutWaiting() throws Exception {
        BlockingStream<TrackedEventMessage<?>> stream = new LingeringEventSource(store, Duration.ofMinutes(1))
                .openStream(null);
        events.add(1);
        events.add(2);

        assertThat(stream.hasNextAvailable(5, TimeUnit.SECONDS)).isTrue();
        assertThat(stream.nextAvailable().trackingToken()).isEqualTo(new GlobalSequenceTrackingToken(1));
        assertThat(stream.hasNextAvailable(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void noEventWithinTheTimeoutIsNoEventAndNoLinger() throws Exception {
        BlockingStream<TrackedEventMessage<?>> stream = new LingeringEventSource(store, Duration.ofMinutes(1))
                .openStream(null);

        assertThat(stream.hasNextAvailable(50, TimeUnit.MILLISECONDS)).isFalse();
    }

    @Test
    void withoutALingerTheStoresOwnStreamIsUsed() {
        assertThat(new LingeringEventSource(store, Duration.ZERO).openStream(null)).isSameAs(events);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Events in order of their global sequence, as the store's stream hands them out. */
    private static final class QueueStream implements BlockingStream<TrackedEventMessage<?>> {

        private final LinkedBlockingQueue<TrackedEventMessage<?>> queue = new LinkedBlockingQueue<>();

        void add(long sequence) {
            TrackingToken token = new GlobalSequenceTrackingToken(sequence);
            queue.add(new GenericTrackedEventMessage<>(token, GenericEventMessage.asEventMessage("event " + sequence)));
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return Optional.ofNullable(queue.peek());
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            long deadline = System.nanoTime() + unit.toNanos(timeout);
            while (queue.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            return !queue.isEmpty();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return queue.take();
        }

        @Override
        public void close() {
        }
    }
}
