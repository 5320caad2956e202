package dev.fairbill.billing.webhook;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code webhook_deliveries} table: verified processor events, stored before they are acknowledged and
 * processed from here. One row per (processor, tenant, event id), so a redelivered event is stored once.
 */
@Component
public class WebhookDeliveries {

    /** After this many failed attempts a delivery waits for an operator (its {@code last_error} says why). */
    static final int MAX_ATTEMPTS = 20;

    private final JdbcClient jdbc;
    private final Clock clock;

    public WebhookDeliveries(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Returns whether the event is new; a known event id changes nothing. */
    public boolean store(PaymentProvider processor, String tenant, String eventId, String type, String payload) {
        return jdbc.sql("""
                        INSERT INTO webhook_deliveries (processor, tenant, event_id, type, payload, received_at)
                        VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT (processor, tenant, event_id) DO NOTHING""")
                .params(processor.name(), tenant, eventId, type, payload, Timestamp.from(clock.instant()))
                .update() == 1;
    }

    /** Locks the next unprocessed delivery after {@code afterId} that no other instance is processing. */
    Optional<Delivery> lockNextUnprocessed(long afterId) {
        return jdbc.sql("""
                        SELECT id, processor, tenant, event_id, type, payload FROM webhook_deliveries
                        WHERE processed_at IS NULL AND attempts < ? AND id > ?
                        ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED""")
                .params(MAX_ATTEMPTS, afterId)
                .query((row, n) -> new Delivery(row.getLong("id"), PaymentProvider.valueOf(row.getString("processor")),
                        row.getString("tenant"), row.getString("event_id"), row.getString("type"),
                        row.getString("payload")))
                .optional();
    }

    void markProcessed(long id) {
        jdbc.sql("UPDATE webhook_deliveries SET processed_at = ? WHERE id = ?")
                .params(Timestamp.from(clock.instant()), id)
                .update();
    }

    void recordFailure(long id, String error) {
        jdbc.sql("UPDATE webhook_deliveries SET attempts = attempts + 1, last_error = ? WHERE id = ?")
                .params(error, id)
                .update();
    }

    record Delivery(long id, PaymentProvider processor, String tenant, String eventId, String type, String payload) {
    }
}
