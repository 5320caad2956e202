package dev.fairbill.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class ProcessorMetricsTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicLong nanos = new AtomicLong(5_000_000_000L);
    private final ProcessorMetrics metrics =
            new ProcessorMetrics("ledger-journal", registry, Clock.fixed(NOW, ZoneOffset.UTC), nanos::get);

    @Test
    void latencyIsTheAgeOfTheLastEventTakenWhenItWasTaken() {
        assertThat(gauge("latency")).isZero();
        metrics.onMessageIngested(event("first", NOW.minusSeconds(90))).reportSuccess();
        assertThat(gauge("latency")).isEqualTo(90_000);
        metrics.onMessageIngested(event("second", NOW.minusMillis(250))).reportIgnored();
        assertThat(gauge("latency")).isEqualTo(250);
    }

    @Test
    void capacityIsBusyTimePerWallTimeSinceTheLastReading() {
        assertThat(gauge("capacity")).isZero();
        var callback = metrics.onMessageIngested(event("a", NOW));
        nanos.addAndGet(600_000_000L);
        callback.reportSuccess();
        nanos.addAndGet(1_400_000_000L);
        assertThat(gauge("capacity")).isEqualTo(0.3);
        nanos.addAndGet(100_000_000L);
        assertThat(gauge("capacity")).as("read again within a second: the same window").isEqualTo(0.3);
        nanos.addAndGet(1_900_000_000L);
        assertThat(gauge("capacity")).as("idle since").isZero();
    }

    @Test
    void outcomesAreCountedPerProcessorAndPayloadType() {
        metrics.onMessageIngested(event("a", NOW)).reportSuccess();
        metrics.onMessageIngested(event("b", NOW)).reportSuccess();
        metrics.onMessageIngested(event("c", NOW)).reportFailure(new IllegalStateException("boom"));
        metrics.onMessageIngested(event("other segment", NOW)).reportIgnored();
        metrics.onMessageIngested(GenericEventMessage.asEventMessage(42)).reportSuccess();

        assertThat(count("ingestedCounter", "String")).isEqualTo(4);
        assertThat(count("successCounter", "String")).isEqualTo(2);
        assertThat(count("failureCounter", "String")).isEqualTo(1);
        assertThat(count("ignoredCounter", "String")).isEqualTo(1);
        assertThat(count("processedCounter", "String")).isEqualTo(3);
        assertThat(count("successCounter", "Integer")).isEqualTo(1);
    }

    private double gauge(String name) {
        return registry.get("eventProcessor." + name).tag("processorName", "ledger-journal").gauge().value();
    }

    private double count(String name, String payloadType) {
        return registry.get("eventProcessor." + name).tag("processorName", "ledger-journal")
                .tag("payloadType", payloadType).counter().count();
    }

    private static EventMessage<String> event(String payload, Instant at) {
        return new GenericEventMessage<>(new GenericEventMessage<>(payload, MetaData.emptyInstance()), () -> at);
    }
}
