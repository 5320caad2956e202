package dev.fairbill.ledger.messaging;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Instant;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.fairbill.contracts.Topics;
import dev.fairbill.contracts.billing.AccountOpenedV1;
import dev.fairbill.platform.testsupport.KafkaBroker;
import tools.jackson.databind.json.JsonMapper;

/** Publishes billing's facts exactly as billing's outbox does: CloudEvents binary mode, keyed by account id. */
final class BillingFacts implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final JsonMapper json = JsonMapper.builder().build();

    BillingFacts() {
        var properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
    }

    static String newAccountId() {
        return "acct_" + UUID.randomUUID().toString().replace("-", "").substring(0, 26).toUpperCase();
    }

    /** Sends an account-opened fact with the given CloudEvents id and waits for the broker's ack. */
    void accountOpened(String eventId, String accountId, String tenant) throws Exception {
        var data = new AccountOpenedV1(accountId, tenant, "CUSTOMER", null, Instant.parse("2026-11-22T10:15:30Z"));
        var record = new ProducerRecord<>(Topics.BILLING_EVENTS, accountId, json.writeValueAsBytes(data));
        record.headers()
                .add("ce_specversion", "1.0".getBytes(UTF_8))
                .add("ce_id", eventId.getBytes(UTF_8))
                .add("ce_type", AccountOpenedV1.TYPE.getBytes(UTF_8))
                .add("ce_source", "/fairbill/billing".getBytes(UTF_8))
                .add("ce_subject", accountId.getBytes(UTF_8))
                .add("ce_time", "2026-11-22T10:15:30Z".getBytes(UTF_8))
                .add("content-type", "application/json".getBytes(UTF_8));
        producer.send(record).get();
    }

    @Override
    public void close() {
        producer.close();
    }
}
