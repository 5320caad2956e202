package dev.fairbill.platform.messaging;

import java.util.Objects;

/**
 * A message for another service, mapped from a domain event: where it goes, its CloudEvents type, its subject (the
 * account id, which is also the Kafka key so one account's messages keep their order) and its data record from
 * {@code contracts}.
 */
public record IntegrationMessage(String topic, String type, String subject, Object data) {

    public IntegrationMessage {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(data, "data");
    }
}
