package dev.fairbill.platform.messaging;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Instant;

import org.apache.kafka.common.header.Headers;

/** CloudEvents 1.0 Kafka protocol binding, binary content mode: attributes travel as {@code ce_} headers. */
public final class CloudEvents {

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String SUBJECT = "ce_subject";
    public static final String TIME = "ce_time";
    public static final String CONTENT_TYPE = "content-type";
    public static final String VERSION_1_0 = "1.0";
    public static final String JSON = "application/json";

    /** Adds the attributes of a JSON event as headers; an absent subject or time is left out. */
    public static void addHeaders(Headers headers, String id, String type, String source, String subject,
                                  Instant time) {
        add(headers, SPEC_VERSION, VERSION_1_0);
        add(headers, ID, id);
        add(headers, TYPE, type);
        add(headers, SOURCE, source);
        add(headers, SUBJECT, subject);
        add(headers, TIME, time == null ? null : time.toString());
        add(headers, CONTENT_TYPE, JSON);
    }

    static void add(Headers headers, String name, String value) {
        if (value != null) {
            headers.add(name, value.getBytes(UTF_8));
        }
    }

    private CloudEvents() {
    }
}
