package dev.fairbill.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** What the event store relies on to wake its tracking processors only when they can read the new events. */
class AfterCommitTest {

    private static EmbeddedPostgres postgres;
    private static TransactionTemplate transaction;
    private static JdbcClient jdbc;

    private final AtomicInteger runs = new AtomicInteger();

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        transaction = new TransactionTemplate(new DataSourceTransactionManager(postgres.getPostgresDatabase()));
        jdbc = JdbcClient.create(postgres.getPostgresDatabase());
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @Test
    void outsideATransactionItRunsAtOnce() {
        AfterCommit.run(runs::incrementAndGet);

        assertThat(runs).hasValue(1);
    }

    @Test
    void insideATransactionItRunsOnceThatHasCommitted() {
        transaction.executeWithoutResult(status -> {
            jdbc.sql("SELECT 1").query(Integer.class).single();
            AfterCommit.run(runs::incrementAndGet);
            assertThat(runs).hasValue(0);
        });

        assertThat(runs).hasValue(1);
    }

    @Test
    void aRolledBackTransactionRunsNothing() {
        transaction.executeWithoutResult(status -> {
            AfterCommit.run(runs::incrementAndGet);
            status.setRollbackOnly();
        });

        assertThat(runs).hasValue(0);
    }
}
