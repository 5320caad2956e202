package dev.fairbill.platform.testclock;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;

import dev.fairbill.contracts.billing.TestClockAdvancedV1;
import dev.fairbill.contracts.testclock.TestClockAccountAdvancedV1;
import dev.fairbill.platform.messaging.CloudEvents;
import dev.fairbill.platform.messaging.InboundHandler;
import dev.fairbill.platform.messaging.IntegrationPublishException;
import dev.fairbill.platform.messaging.MessagingProperties;
import tools.jackson.databind.json.JsonMapper;

/**
 * How the ledger and the refund service follow billing's test clocks: when billing has advanced an account's clock,
 * the service fires the account's deadlines up to the new time, in time order, and reports back on its own topic.
 * The report is sent before the inbox records the message, so a crash in between sends it again (billing takes a
 * repeated report as one); a repeated advance finds nothing left to fire.
 */
public final class TestClockFollower {

    private final String service;
    private final String topic;
    private final TestClockDeadlines deadlines;
    private final KafkaTemplate<String, byte[]> kafka;
    private final JsonMapper json;
    private final MessagingProperties properties;
    private final Clock clock;

    public TestClockFollower(String service, String topic, TestClockDeadlines deadlines,
                             KafkaTemplate<String, byte[]> kafka, JsonMapper json, MessagingProperties properties,
                             Clock clock) {
        this.service = service;
        this.topic = topic;
        this.deadlines = deadlines;
        this.kafka = kafka;
        this.json = json;
        this.properties = properties;
        this.clock = clock;
    }

    /** The inbound handler of billing's advances. */
    public InboundHandler<TestClockAdvancedV1> handler() {
        return InboundHandler.of(TestClockAdvancedV1.TYPE, TestClockAdvancedV1.class, this::advance);
    }

    void advance(TestClockAdvancedV1 advanced) {
        deadlines.advance(List.of(advanced.accountId()), advanced.to(), () -> {
        });
        var report = new TestClockAccountAdvancedV1(advanced.accountId(), advanced.tenant(), advanced.testClock(),
                service, advanced.to());
        String id = UUID.nameUUIDFromBytes((service + "\n" + advanced.accountId() + "\n" + advanced.to())
                .getBytes(StandardCharsets.UTF_8)).toString();
        var record = new ProducerRecord<String, byte[]>(topic, advanced.accountId(), json.writeValueAsBytes(report));
        CloudEvents.addHeaders(record.headers(), id, TestClockAccountAdvancedV1.TYPE, properties.source(),
                advanced.accountId(), clock.instant());
        try {
            kafka.send(record).get(properties.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IntegrationPublishException("interrupted while reporting a test clock's advance", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IntegrationPublishException("the broker did not acknowledge a test clock's report", e);
        }
    }
}
