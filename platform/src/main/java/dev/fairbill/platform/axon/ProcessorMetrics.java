package dev.fairbill.platform.axon;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * What an event processor reports to Prometheus, at a cost that stays small beside the handlers' own work.
 *
 * <ul>
 * <li>{@code eventProcessor.latency} (ms): how old the last event the processor took was when it took it; the lag
 * alert reads it. The event's stored timestamp is parsed when the gauge is read, not for every event.</li>
 * <li>{@code eventProcessor.capacity}: the processor's busy time per unit of wall time since the gauge was last
 * read (1.0 is one thread busy all the time).</li>
 * <li>{@code eventProcessor.ingestedCounter}, {@code successCounter}, {@code failureCounter}, {@code ignoredCounter}
 * and {@code processedCounter}, per processor and payload type.</li>
 * </ul>
 *
 * <p>Axon's own monitors registered a timer per payload type, looked up every meter by its tags for every event, kept
 * a sliding window of processing times and parsed every event's timestamp, events of other segments included: a
 * quarter of a replaying processor's thread. The processing-time timer is not kept: nothing reads it.
 */
final class ProcessorMetrics implements MessageMonitor<Message<?>> {

    static final String PREFIX = "eventProcessor";
    private static final long MIN_CAPACITY_WINDOW_NANOS = 1_000_000_000L;

    private final String processorName;
    private final MeterRegistry registry;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final ConcurrentMap<Class<?>, Outcomes> outcomesByPayload = new ConcurrentHashMap<>();
    private final LongAdder busyNanos = new LongAdder();
    private volatile Taken lastTaken;
    private long windowStartNanos;
    private long windowStartBusy;
    private double capacity;

    ProcessorMetrics(String processorName, MeterRegistry registry, Clock clock, LongSupplier nanoTime) {
        this.processorName = processorName;
        this.registry = registry;
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.windowStartNanos = nanoTime.getAsLong();
        Tags tags = Tags.of("processorName", processorName);
        Gauge.builder(PREFIX + ".latency", this, ProcessorMetrics::latencyMillis).tags(tags).register(registry);
        Gauge.builder(PREFIX + ".capacity", this, ProcessorMetrics::capacity).tags(tags).register(registry);
    }

    @Override
    public MonitorCallback onMessageIngested(Message<?> message) {
        if (message instanceof EventMessage<?> event) {
            lastTaken = new Taken(event, clock.millis());
        }
        Outcomes outcomes = outcomesByPayload.computeIfAbsent(message.getPayloadType(), this::outcomes);
        outcomes.ingested.increment();
        long start = nanoTime.getAsLong();
        return new MonitorCallback() {
            @Override
            public void reportSuccess() {
                busy(start);
                outcomes.success.increment();
                outcomes.processed.increment();
            }

            @Override
            public void reportFailure(Throwable cause) {
                busy(start);
                outcomes.failure.increment();
                outcomes.processed.increment();
            }

            @Override
            public void reportIgnored() {
                busy(start);
                outcomes.ignored.increment();
            }
        };
    }

    private void busy(long start) {
        busyNanos.add(nanoTime.getAsLong() - start);
    }

    /** How old the last event taken was when it was taken; 0 before the first. */
    double latencyMillis() {
        Taken taken = lastTaken;
        return taken == null ? 0 : Math.max(0, taken.atMillis - taken.event.getTimestamp().toEpochMilli());
    }

    /** Busy time per wall time since the previous reading at least a second ago. */
    synchronized double capacity() {
        long now = nanoTime.getAsLong();
        long elapsed = now - windowStartNanos;
        if (elapsed >= MIN_CAPACITY_WINDOW_NANOS) {
            long busy = busyNanos.sum();
            capacity = (busy - windowStartBusy) / (double) elapsed;
            windowStartNanos = now;
            windowStartBusy = busy;
        }
        return capacity;
    }

    private Outcomes outcomes(Class<?> payloadType) {
        Tags tags = Tags.of("processorName", processorName, "payloadType", payloadType.getSimpleName());
        return new Outcomes(counter("ingestedCounter", tags), counter("successCounter", tags),
                counter("failureCounter", tags), counter("ignoredCounter", tags), counter("processedCounter", tags));
    }

    private Counter counter(String name, Tags tags) {
        return Counter.builder(PREFIX + "." + name).tags(tags).register(registry);
    }

    private record Taken(EventMessage<?> event, long atMillis) {
    }

    private record Outcomes(Counter ingested, Counter success, Counter failure, Counter ignored, Counter processed) {
    }
}
