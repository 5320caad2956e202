package dev.fairbill.platform.testsupport;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

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

import tools.jackson.databind.json.JsonMapper;

/**
 * Talks to the test broker the way other services do: sends CloudEvents in binary mode (as a service's outbox would)
 * and waits for the CloudEvents a service under test publishes.
 */
public final class KafkaTestMessages {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Sends {@code data} as a CloudEvent keyed and subjected by {@code subject}, and waits for the broker's ack. */
    public static void sendCloudEvent(String topic, String id, String type, String subject, Object data) {
        var record = new ProducerRecord<>(topic, subject, JSON.writeValueAsBytes(data));
        record.headers()
                .add("ce_specversion", "1.0".getBytes(UTF_8))
                .add("ce_id", id.getBytes(UTF_8))
                .add("ce_type", type.getBytes(UTF_8))
                .add("ce_source", "/fairbill/test".getBytes(UTF_8))
                .add("ce_subject", subject.getBytes(UTF_8))
                .add("ce_time", Instant.now().toString().getBytes(UTF_8))
                .add("content-type", "application/json".getBytes(UTF_8));
        send(record);
    }

    /** Sends a raw record, e.g. one that is not a valid CloudEvent. */
    public static void send(ProducerRecord<String, byte[]> record) {
        var properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        try (var producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the test broker refused a record", e);
        }
    }

    /** The first record on {@code topic} with this key and CloudEvents type ({@code null}: any type). */
    public static ConsumerRecord<String, byte[]> awaitRecord(String topic, String key, String type, Duration timeout) {
        return awaitRecords(topic, key, type, 1, timeout).getFirst();
    }

    /** At least {@code count} records on {@code topic} with this key and type, in order, read from the beginning. */
    public static List<ConsumerRecord<String, byte[]>> awaitRecords(String topic, String key, String type, int count,
                                                                   Duration timeout) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (var consumer = consumer()) {
            consumer.subscribe(List.of(topic));
            Awaitility.await().atMost(timeout).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (key.equals(record.key()) && (type == null || type.equals(header(record, "ce_type")))) {
                        found.add(record);
                    }
                });
                return found.size() >= count;
            });
        }
        return found;
    }

    /** The data of a CloudEvent record as its contracts record. */
    public static <T> T data(ConsumerRecord<String, byte[]> record, Class<T> type) {
        return JSON.readValue(record.value(), type);
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), UTF_8);
    }

    private static KafkaConsumer<String, byte[]> consumer() {
        var properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private KafkaTestMessages() {
    }
}
