package dev.fairbill.billing.process;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which replica runs a scheduled job's due time: each replica's scheduler fires it, and the one whose row of
 * {@code job_runs} is written first runs it; the others skip it. A run that a crash cut short is not made again
 * before the next due time.
 */
@Component
public class JobRuns {

    private final JdbcClient jdbc;

    public JobRuns(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether this replica runs {@code job} due at {@code dueAt}: true once per job and due time. */
    public boolean claim(String job, Instant dueAt, Instant now) {
        return jdbc.sql("""
                        INSERT INTO job_runs (job, due_at, started_at) VALUES (?, ?, ?)
                        ON CONFLICT (job, due_at) DO NOTHING""")
                .params(job, Timestamp.from(dueAt), Timestamp.from(now))
                .update() == 1;
    }
}
