package dev.fairbill.platform.messaging;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Instant;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import tools.jackson.databind.json.JsonMapper;

/** A CloudEvent received from Kafka in binary mode. */
public record InboundMessage(String topic, String id, String type, String source, String subject, Instant time,
                             byte[] data) {

    public static InboundMessage from(ConsumerRecord<String, byte[]> record) {
        return new InboundMessage(record.topic(),
                required(record, CloudEvents.ID),
                required(record, CloudEvents.TYPE),
                required(record, CloudEvents.SOURCE),
                header(record, CloudEvents.SUBJECT),
                parseTime(header(record, CloudEvents.TIME)),
                record.value());
    }

    /** The record's CloudEvents type, null when it has none; read without parsing the rest of the record. */
    public static String typeOf(ConsumerRecord<String, byte[]> record) {
        return header(record, CloudEvents.TYPE);
    }

    public <T> T data(Class<T> type, JsonMapper json) {
        return json.readValue(data, type);
    }

    private static Instant parseTime(String time) {
        return time == null ? null : Instant.parse(time);
    }

    private static String required(ConsumerRecord<String, byte[]> record, String name) {
        String value = header(record, name);
        if (value == null || value.isBlank()) {
            throw new MalformedMessageException("missing CloudEvents header " + name + " on " + record.topic()
                    + "@" + record.partition() + ":" + record.offset());
        }
        return value;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), UTF_8);
    }
}
