package dev.fairbill.ledger.messaging;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.fairbill.contracts.Topics;
import dev.fairbill.contracts.billing.AccountOpenedV1;
import dev.fairbill.platform.testsupport.IntegrationTest;
import dev.fairbill.platform.testsupport.KafkaBroker;
import io.micrometer.core.instrument.MeterRegistry;

/** A message that cannot be applied is retried with back-off, then parked on {@code <topic>.dlt} and counted. */
@IntegrationTest
class DeadLetterIT {

    @Autowired JdbcClient jdbc;
    @Autowired MeterRegistry meters;

    @Test
    void messageWithoutCloudEventsIdGoesToTheDeadLetterTopic() throws Exception {
        String key = "acct_nocloudevent" + UUID.randomUUID().toString().substring(0, 8);

        send(new ProducerRecord<>(Topics.BILLING_EVENTS, key, "{}".getBytes(UTF_8)));

        assertThat(awaitDeadLetter(key).value()).isEqualTo("{}".getBytes(UTF_8));
    }

    @Test
    void messageWhoseEffectKeepsFailingIsParkedAfterItsRetriesAndChangesNothing() throws Exception {
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
        assertThat(new String(parked.headers().lastHeader("ce_id").value(), UTF_8)).isEqualTo(eventId);
        assertThat(jdbc.sql("SELECT count(*) FROM inbox WHERE message_id = ?").param(eventId)
                .query(Long.class).single()).isZero();
        assertThat(meters.counter("fairbill_kafka_dead_letters_total", "topic", Topics.BILLING_EVENTS).count())
                .isGreaterThanOrEqualTo(1.0);
    }

    private static void send(ProducerRecord<String, byte[]> record) throws Exception {
        var properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers());
        try (var producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(record).get();
        }
    }

    private static ConsumerRecord<String, byte[]> awaitDeadLetter(String key) {
        var properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "dead-letter-it-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.deadLetterTopic(Topics.BILLING_EVENTS)));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (key.equals(r.key())) {
                        found.add(r);
                    }
                });
                return !found.isEmpty();
            });
        }
        return found.getFirst();
    }
}
