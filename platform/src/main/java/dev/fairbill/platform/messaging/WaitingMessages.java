package dev.fairbill.platform.messaging;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code inbox_waiting} table: inbound messages waiting, in arrival order per topic and Kafka key, for what they
 * name to exist here.
 */
public class WaitingMessages {

    /** A waiting message, the key it waits under and why it waits. */
    public record Waiter(long seq, String key, InboundMessage message, String reason, int attempts,
                         Instant waitingSince) {
    }

    private static final String COLUMNS = """
            seq, message_id, topic, record_key, type, source, subject, event_time, data, reason, attempts,
            waiting_since""";

    private final JdbcClient jdbc;
    private final Clock clock;

    public WaitingMessages(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Whether an earlier message of this topic and key waits: a later one then waits behind it. */
    public boolean holds(String topic, String key) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM inbox_waiting WHERE topic = ? AND record_key = ?)")
                .params(topic, key).query(Boolean.class).single();
    }

    /** Makes the message wait unless it waits already (a redelivery). */
    public void add(InboundMessage message, String key, String reason) {
        jdbc.sql("""
                        INSERT INTO inbox_waiting (message_id, topic, record_key, type, source, subject, event_time,
                                                  data, reason, attempts, waiting_since)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)
                        ON CONFLICT (message_id) DO NOTHING""")
                .params(message.id(), message.topic(), key, message.type(), message.source(), message.subject(),
                        message.time() == null ? null : Timestamp.from(message.time()), message.data(), reason,
                        Timestamp.from(clock.instant()))
                .update();
    }

    /** The oldest waiting message of each topic and key, at most {@code limit} of them. */
    public List<Waiter> heads(int limit) {
        return jdbc.sql("SELECT DISTINCT ON (topic, record_key) " + COLUMNS
                        + " FROM inbox_waiting ORDER BY topic, record_key, seq LIMIT ?")
                .param(limit).query(WaitingMessages::waiter).list();
    }

    /** The oldest waiting message of this topic and key. */
    public Optional<Waiter> head(String topic, String key) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM inbox_waiting WHERE topic = ? AND record_key = ? ORDER BY seq"
                        + " LIMIT 1")
                .params(topic, key).query(WaitingMessages::waiter).optional();
    }

    /** Locks the row for the current transaction; false if it is gone or another process holds it. */
    public boolean lock(long seq) {
        return jdbc.sql("SELECT seq FROM inbox_waiting WHERE seq = ? FOR UPDATE SKIP LOCKED").param(seq)
                .query(Long.class).optional().isPresent();
    }

    public void remove(long seq) {
        jdbc.sql("DELETE FROM inbox_waiting WHERE seq = ?").param(seq).update();
    }

    /** Records a failed attempt to apply the message, with its reason. */
    public void failed(long seq, String reason) {
        jdbc.sql("UPDATE inbox_waiting SET attempts = attempts + 1, reason = ? WHERE seq = ?").params(reason, seq)
                .update();
    }

    public long count() {
        return jdbc.sql("SELECT count(*) FROM inbox_waiting").query(Long.class).single();
    }

    private static Waiter waiter(ResultSet row, int number) throws SQLException {
        Timestamp time = row.getTimestamp("event_time");
        var message = new InboundMessage(row.getString("topic"), row.getString("message_id"), row.getString("type"),
                row.getString("source"), row.getString("subject"), time == null ? null : time.toInstant(),
                row.getBytes("data"));
        return new Waiter(row.getLong("seq"), row.getString("record_key"), message, row.getString("reason"),
                row.getInt("attempts"), row.getTimestamp("waiting_since").toInstant());
    }
}
