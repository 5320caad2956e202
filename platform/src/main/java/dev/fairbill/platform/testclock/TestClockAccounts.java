package dev.fairbill.platform.testclock;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Which accounts are on a test clock, and the time each one is at. Reads join the caller's transaction, so they take
 * no second connection.
 */
public class TestClockAccounts {

    private final JdbcClient jdbc;

    public TestClockAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Puts the account on the clock at {@code now}; attaching it again changes nothing. */
    public void attach(String accountId, String clockId, String tenant, Instant now) {
        jdbc.sql("""
                        INSERT INTO test_clock_accounts (account_id, clock_id, tenant, now_at) VALUES (?, ?, ?, ?)
                        ON CONFLICT (account_id) DO NOTHING""")
                .params(accountId, clockId, tenant, Timestamp.from(now))
                .update();
    }

    /** The time the account's test clock shows, or empty when the account is on the wall clock. */
    public Optional<Instant> nowOf(String accountId) {
        if (accountId == null) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT now_at FROM test_clock_accounts WHERE account_id = ?")
                .param(accountId)
                .query((rs, n) -> rs.getTimestamp(1).toInstant())
                .optional();
    }

    /** The accounts on the clock, in the order they were attached. */
    public List<String> accountsOn(String clockId) {
        return jdbc.sql("SELECT account_id FROM test_clock_accounts WHERE clock_id = ? ORDER BY account_id")
                .param(clockId)
                .query(String.class)
                .list();
    }

    /** Moves the account's time forward to {@code now}; never back. */
    void moveTo(String accountId, Instant now) {
        jdbc.sql("UPDATE test_clock_accounts SET now_at = GREATEST(now_at, ?) WHERE account_id = ?")
                .params(Timestamp.from(now), accountId)
                .update();
    }

    /** Runs {@code work} at the account's test-clock time when it is on one, else on the wall clock. */
    public <T> T within(String accountId, Supplier<T> work) {
        if (TestTime.current() != null) {
            return work.get();
        }
        Optional<Instant> now = nowOf(accountId);
        return now.isPresent() ? TestTime.at(accountId, now.get(), work) : work.get();
    }

    public void within(String accountId, Runnable work) {
        within(accountId, () -> {
            work.run();
            return null;
        });
    }
}
