package dev.fairbill.refund.query;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.fairbill.refund.saga.ChargebackSaga;
import dev.fairbill.refund.saga.RefundExecutionSaga;
import dev.fairbill.refund.saga.SagaProgress;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Saga progress in {@code saga_progress}, written in the saga's own transaction, and the {@code fairbill_saga_*}
 * metrics read from it: active instances, overdue ones (a wait past its deadline: stuck), ends by outcome and
 * durations.
 */
@Component
public class JdbcSagaProgress implements SagaProgress {

    private static final List<String> SAGAS = List.of(RefundExecutionSaga.SAGA_NAME, ChargebackSaga.SAGA_NAME);

    private final JdbcClient jdbc;
    private final MeterRegistry meters;

    public JdbcSagaProgress(JdbcClient jdbc, MeterRegistry meters, Clock clock) {
        this.jdbc = jdbc;
        this.meters = meters;
        for (String saga : SAGAS) {
            Gauge.builder("fairbill_saga_active", () -> count("saga = ? AND ended_at IS NULL", saga))
                    .description("Saga instances started and not ended").tag("saga", saga).register(meters);
            Gauge.builder("fairbill_saga_overdue", () -> count(
                            "saga = ? AND ended_at IS NULL AND due_at < ?", saga, Timestamp.from(clock.instant())))
                    .description("Saga instances still waiting after their wait's deadline: stuck")
                    .tag("saga", saga).register(meters);
        }
    }

    @Override
    public void waiting(String saga, String key, String step, Instant startedAt, Instant dueAt) {
        jdbc.sql("""
                        INSERT INTO saga_progress (saga, saga_key, step, started_at, due_at) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (saga, saga_key) DO UPDATE SET step = EXCLUDED.step, due_at = EXCLUDED.due_at,
                            overdue_at = NULL
                        WHERE saga_progress.ended_at IS NULL""")
                .params(saga, key, step, Timestamp.from(startedAt), Timestamp.from(dueAt))
                .update();
    }

    @Override
    public void overdue(String saga, String key, Instant at) {
        int marked = jdbc.sql("""
                        UPDATE saga_progress SET overdue_at = ? WHERE saga = ? AND saga_key = ? AND ended_at IS NULL
                            AND overdue_at IS NULL""")
                .params(Timestamp.from(at), saga, key)
                .update();
        if (marked > 0) {
            Counter.builder("fairbill_saga_deadline_missed_total")
                    .description("Saga waits whose deadline passed without the awaited answer")
                    .tag("saga", saga).register(meters).increment();
        }
    }

    @Override
    public void ended(String saga, String key, String outcome, Instant endedAt) {
        List<Timestamp> started = jdbc.sql("""
                        UPDATE saga_progress SET ended_at = ?, outcome = ?
                        WHERE saga = ? AND saga_key = ? AND ended_at IS NULL RETURNING started_at""")
                .params(Timestamp.from(endedAt), outcome, saga, key)
                .query(Timestamp.class).list();
        if (!started.isEmpty()) {
            Timer.builder("fairbill_saga_duration").description("From a saga's start to its end")
                    .tag("saga", saga).tag("outcome", outcome).register(meters)
                    .record(Duration.between(started.getFirst().toInstant(), endedAt));
        }
    }

    private long count(String condition, Object... params) {
        return jdbc.sql("SELECT COUNT(*) FROM saga_progress WHERE " + condition).params(params).query(Long.class)
                .single();
    }
}
