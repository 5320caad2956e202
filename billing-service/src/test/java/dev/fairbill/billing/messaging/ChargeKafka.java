package dev.fairbill.billing.messaging;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

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

import dev.fairbill.contracts.Topics;
import dev.fairbill.platform.testsupport.KafkaBroker;
import tools.jackson.databind.json.JsonMapper;

/** The real broker as the refund saga sees it: sends billing requests, reads billing's published facts. */
public final class ChargeKafka implements AutoCloseable {

    private final JsonMapper json = JsonMapper.builder().build();
    private final KafkaProducer<String, byte[]> producer;

    public ChargeKafka() {
        var properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
    }

    /** Sends a request to billing as a CloudEvent with the given id and waits for the broker's ack. */
    public void request(String messageId, String type, String accountId, Object data) throws Exception {
        var record = new ProducerRecord<>(Topics.BILLING_REQUESTS, accountId, json.writeValueAsBytes(data));
        record.headers()
                .add("ce_specversion", "1.0".getBytes(UTF_8))
                .add("ce_id", messageId.getBytes(UTF_8))
                .add("ce_type", type.getBytes(UTF_8))
                .add("ce_source", "/fairbill/refund".getBytes(UTF_8))
                .add("ce_subject", accountId.getBytes(UTF_8))
                .add("ce_time", "2026-11-22T10:15:30Z".getBytes(UTF_8))
                .add("content-type", "application/json".getBytes(UTF_8));
        producer.send(record).get();
    }

    /** Waits until billing has published a fact of {@code type} on its events topic that {@code matches}. */
    public <T> T awaitPublished(String type, Class<T> dataType, Predicate<T> matches) {
        List<T> found = new ArrayList<>();
        var properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "charge-it-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (var consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.BILLING_EVENTS));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    var header = record.headers().lastHeader("ce_type");
                    if (header != null && type.equals(new String(header.value(), UTF_8))) {
                        T data = json.readValue(record.value(), dataType);
                        if (matches.test(data)) {
                            found.add(data);
                        }
                    }
                }
                return !found.isEmpty();
            });
        }
        return found.getFirst();
    }

    @Override
    public void close() {
        producer.close();
    }
}
