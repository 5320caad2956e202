package dev.fairbill.ledger.messaging;

import static dev.fairbill.platform.testsupport.KafkaTestMessages.awaitRecord;
import static dev.fairbill.platform.testsupport.KafkaTestMessages.header;
import static dev.fairbill.platform.testsupport.KafkaTestMessages.send;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.fairbill.contracts.Topics;
import dev.fairbill.contracts.billing.AccountOpenedV1;
import dev.fairbill.platform.testsupport.IntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;

/** A message that cannot be applied is retried with back-off, then parked on {@code <topic>.dlt} and counted. */
@IntegrationTest
class DeadLetterIT {

    @Autowired JdbcClient jdbc;
    @Autowired MeterRegistry meters;

    @Test
    void messageWithoutCloudEventsIdGoesToTheDeadLetterTopic() {
        String key = "acct_nocloudevent" + UUID.randomUUID().toString().substring(0, 8);

        send(new ProducerRecord<>(Topics.BILLING_EVENTS, key, "{}".getBytes(UTF_8)));

        assertThat(awaitDeadLetter(key).value()).isEqualTo("{}".getBytes(UTF_8));
    }

    @Test
    void messageWhoseEffectKeepsFailingIsParkedAfterItsRetriesAndChangesNothing() {
        String accountId = "acct_unreadable" + UUID.randomUUID().toString().substring(0, 8);
        String eventId = UUID.randomUUID().toString();
        var record = new ProducerRecord<>(Topics.BILLING_EVENTS, accountId, "{\"accountId\": [".getBytes(UTF_8));
        record.headers()
                .add("ce_specversion", "1.0".getBytes(UTF_8))
                .add("ce_id", eventId.getBytes(UTF_8))
                .add("ce_type", AccountOpenedV1.TYPE.getBytes(UTF_8))
                .add("ce_source", "/fairbill/billing".getBytes(UTF_8))
                .add("ce_subject", accountId.getBytes(UTF_8));

        send(record);

        ConsumerRecord<String, byte[]> parked = awaitDeadLetter(accountId);
        assertThat(header(parked, "ce_id")).isEqualTo(eventId);
        assertThat(jdbc.sql("SELECT count(*) FROM inbox WHERE message_id = ?").param(eventId)
                .query(Long.class).single()).isZero();
        assertThat(meters.counter("fairbill_kafka_dead_letters_total", "topic", Topics.BILLING_EVENTS).count())
                .isGreaterThanOrEqualTo(1.0);
    }

    private static ConsumerRecord<String, byte[]> awaitDeadLetter(String key) {
        return awaitRecord(Topics.deadLetterTopic(Topics.BILLING_EVENTS), key, null, Duration.ofSeconds(30));
    }
}
