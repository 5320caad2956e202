package dev.fairbill.platform.messaging;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.function.Consumer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Exactly-once effect for inbound messages: the message id is recorded in the {@code inbox} table in the same
 * transaction as the commands the message dispatches. A redelivered message finds its id and is skipped; a message
 * whose effect failed leaves no row and is retried. Axon command handling joins the surrounding transaction, so the
 * events it appends commit or roll back together with the inbox row.
 */
public class Inbox {

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final MeterRegistry meters;

    public Inbox(JdbcClient jdbc, TransactionTemplate transaction, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
        this.meters = meters;
    }

    /** Applies {@code effect} unless this message was applied before; returns whether it was applied now. */
    public boolean receive(InboundMessage message, Consumer<InboundMessage> effect) {
        Boolean applied = transaction.execute(status -> {
            int inserted = jdbc.sql("""
                            INSERT INTO inbox (message_id, topic, type, received_at) VALUES (?, ?, ?, ?)
                            ON CONFLICT (message_id) DO NOTHING""")
                    .params(message.id(), message.topic(), message.type(), Timestamp.from(clock.instant()))
                    .update();
            if (inserted == 0) {
                return false;
            }
            effect.accept(message);
            return true;
        });
        meters.counter("fairbill_inbox_messages_total", "topic", message.topic(), "type", message.type(),
                "outcome", Boolean.TRUE.equals(applied) ? "applied" : "duplicate").increment();
        return Boolean.TRUE.equals(applied);
    }
}
