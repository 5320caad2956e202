package dev.fairbill.billing.query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.fairbill.platform.web.ConflictException;
import dev.fairbill.platform.web.UnprocessableException;

/**
 * A tenant's test clocks and how far each advance has come: billing fires its own deadlines first, then the ledger
 * and the refund service report each account of the clock; the clock is READY again once all have.
 */
@Component
public class TestClocks {

    /** A tenant keeps at most this many clocks. */
    public static final int MAX_CLOCKS_PER_TENANT = 100;
    /** A clock holds at most this many accounts: each advance works through all of them. */
    public static final int MAX_ACCOUNTS_PER_CLOCK = 10;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final List<String> followers;

    /**
     * @param followers the services besides billing that follow a clock and report each advance of each account
     *                  (the ledger and the refund service; billing's own tests run without them)
     */
    public TestClocks(JdbcClient jdbc, TransactionTemplate transaction,
                      @Value("${fairbill.test-clocks.followers:ledger,refund}") List<String> followers) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.followers = List.copyOf(followers);
    }

    /** @param status {@code READY}, {@code ADVANCING} or {@code FAILED} */
    public record TestClockView(String id, String tenant, String name, Instant frozenTime, String status,
                                Instant advancingTo, int accounts, String failure, Instant createdAt) {
    }

    /** The clock an advance works on: billing's part is claimed until {@code claimedUntil}. */
    public record Advance(String clockId, String tenant, Instant to) {
    }

    public TestClockView create(String id, String tenant, String name, Instant frozenTime, Instant now) {
        transaction.executeWithoutResult(status -> {
            jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('test-clocks:' || ?))").param(tenant).query().rowSet();
            int existing = jdbc.sql("SELECT count(*) FROM test_clocks WHERE tenant = ?").param(tenant)
                    .query(Integer.class).single();
            if (existing >= MAX_CLOCKS_PER_TENANT) {
                throw new UnprocessableException("too-many-test-clocks", "Too many test clocks",
                        "A tenant keeps at most " + MAX_CLOCKS_PER_TENANT + " test clocks.");
            }
            jdbc.sql("""
                            INSERT INTO test_clocks (id, tenant, name, frozen_time, status, created_at)
                            VALUES (?, ?, ?, ?, 'READY', ?) ON CONFLICT (id) DO NOTHING""")
                    .params(id, tenant, name, Timestamp.from(frozenTime), Timestamp.from(now))
                    .update();
        });
        return find(tenant, id).orElseThrow();
    }

    public Optional<TestClockView> find(String tenant, String id) {
        return jdbc.sql("""
                        SELECT c.*, (SELECT count(*) FROM test_clock_accounts a WHERE a.clock_id = c.id) AS accounts
                        FROM test_clocks c WHERE id = ? AND tenant = ?""")
                .params(id, tenant)
                .query(TestClocks::view)
                .optional();
    }

    /**
     * Reserves a place for one more account on a READY clock, inside the caller's transaction; the row stays locked
     * until it ends, so the clock neither advances nor fills up meanwhile.
     *
     * @return the time the clock shows
     */
    public Instant lockForAttach(String tenant, String id) {
        // locked first, counted after: a count in the locking statement would read the snapshot from before the wait
        boolean exists = jdbc.sql("SELECT 1 FROM test_clocks WHERE id = ? AND tenant = ? FOR UPDATE")
                .params(id, tenant).query().listOfRows().size() == 1;
        TestClockView clock = (exists ? find(tenant, id) : Optional.<TestClockView>empty())
                .orElseThrow(() -> new UnprocessableException("unknown-test-clock", "Unknown test clock",
                        "Test clock " + id + " does not exist."));
        if (!"READY".equals(clock.status())) {
            throw new ConflictException("test-clock-advancing", "Test clock advancing", "Test clock " + id + " is "
                    + clock.status()
                    + "; accounts are attached to a READY clock.");
        }
        if (clock.accounts() >= MAX_ACCOUNTS_PER_CLOCK) {
            throw new UnprocessableException("test-clock-full", "Test clock full",
                    "A test clock holds at most " + MAX_ACCOUNTS_PER_CLOCK + " accounts.");
        }
        return clock.frozenTime();
    }

    /**
     * The time a READY clock shows, keeping it READY until the caller's transaction ends: a subscription started on
     * it starts at that time, not during an advance.
     */
    public Instant lockReady(String tenant, String id) {
        // the locked row is read as it is once the lock is held, so its status and time need no second read
        record Shown(String status, Instant frozenTime) {
        }
        Shown shown = jdbc.sql("SELECT status, frozen_time FROM test_clocks WHERE id = ? AND tenant = ? FOR SHARE")
                .params(id, tenant)
                .query((rs, n) -> new Shown(rs.getString(1), rs.getTimestamp(2).toInstant())).optional()
                .orElseThrow(() -> new IllegalStateException("test clock " + id + " is gone"));
        if (!"READY".equals(shown.status())) {
            throw new ConflictException("test-clock-advancing", "Test clock advancing", "Test clock " + id + " is "
                    + shown.status() + "; wait until it is READY.");
        }
        return shown.frozenTime();
    }

    /**
     * Starts advancing a READY (or FAILED) clock that shows a time before {@code to}; answers false when it is
     * advancing already, or was advanced past {@code to} meanwhile.
     */
    public boolean startAdvance(String tenant, String id, Instant to) {
        return jdbc.sql("""
                        UPDATE test_clocks SET status = 'ADVANCING', advancing_to = ?, billing_done = FALSE,
                                               claimed_until = NULL, failure = NULL
                        WHERE id = ? AND tenant = ? AND status IN ('READY', 'FAILED') AND frozen_time < ?""")
                .params(Timestamp.from(to), id, tenant, Timestamp.from(to))
                .update() == 1;
    }

    /** Claims an advance whose billing part is not done (or whose claimer stopped) until {@code until}. */
    public Optional<Advance> claimNext(Instant now, Instant until) {
        return jdbc.sql("""
                        UPDATE test_clocks SET claimed_until = ?
                        WHERE id = (SELECT id FROM test_clocks
                                    WHERE status = 'ADVANCING' AND NOT billing_done
                                      AND (claimed_until IS NULL OR claimed_until < ?)
                                    ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
                        RETURNING id, tenant, advancing_to""")
                .params(Timestamp.from(until), Timestamp.from(now))
                .query((rs, n) -> new Advance(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()))
                .optional();
    }

    /** Billing's deadlines up to the advance's time have fired: the clock shows it, and waits for the reports. */
    public void billingDone(Advance advance, Instant now) {
        transaction.executeWithoutResult(status -> {
            jdbc.sql("""
                            UPDATE test_clocks SET billing_done = TRUE, billing_done_at = ?, frozen_time = advancing_to,
                                                   claimed_until = NULL
                            WHERE id = ? AND status = 'ADVANCING' AND advancing_to = ?""")
                    .params(Timestamp.from(now), advance.clockId(), Timestamp.from(advance.to()))
                    .update();
            completeIfReported(advance.clockId());
        });
    }

    public void failed(Advance advance, String failure) {
        jdbc.sql("""
                        UPDATE test_clocks SET status = 'FAILED', failure = ?, claimed_until = NULL
                        WHERE id = ? AND status = 'ADVANCING' AND advancing_to = ?""")
                .params(failure, advance.clockId(), Timestamp.from(advance.to()))
                .update();
    }

    /**
     * Advances whose other services have not all reported within {@code patience} after billing's part ended are
     * FAILED, so a clock does not stay ADVANCING for good when one of them cannot go on; advancing further resumes.
     *
     * @return how many clocks failed now
     */
    public int failUnreported(Instant now, Duration patience) {
        return jdbc.sql("""
                        UPDATE test_clocks SET status = 'FAILED',
                               failure = 'Not every service reported the advance within ' || ? || ' s; advance '
                                         || 'further to resume.'
                        WHERE status = 'ADVANCING' AND billing_done AND billing_done_at < ?""")
                .params(patience.toSeconds(), Timestamp.from(now.minus(patience)))
                .update();
    }

    /** A follower has fired an account's deadlines up to {@code to}; a repeated or older report changes nothing. */
    public void reported(String clockId, String accountId, String service, Instant to) {
        jdbc.sql("""
                        INSERT INTO test_clock_reports (clock_id, account_id, service, advanced_to) VALUES (?, ?, ?, ?)
                        ON CONFLICT (clock_id, account_id, service)
                        DO UPDATE SET advanced_to = GREATEST(test_clock_reports.advanced_to, EXCLUDED.advanced_to)""")
                .params(clockId, accountId, service, Timestamp.from(to))
                .update();
        completeIfReported(clockId);
    }

    private void completeIfReported(String clockId) {
        jdbc.sql("""
                        UPDATE test_clocks c SET status = 'READY', advancing_to = NULL
                        WHERE c.id = ? AND c.status = 'ADVANCING' AND c.billing_done
                          AND NOT EXISTS (
                              SELECT 1 FROM test_clock_accounts a CROSS JOIN unnest(?::text[]) AS f(service)
                              WHERE a.clock_id = c.id AND NOT EXISTS (
                                  SELECT 1 FROM test_clock_reports r
                                  WHERE r.clock_id = c.id AND r.account_id = a.account_id AND r.service = f.service
                                    AND r.advanced_to >= c.advancing_to))""")
                .params(clockId, followers.toArray(String[]::new))
                .update();
    }

    private static TestClockView view(ResultSet row, int n) throws SQLException {
        Timestamp advancingTo = row.getTimestamp("advancing_to");
        return new TestClockView(row.getString("id"), row.getString("tenant"), row.getString("name"),
                row.getTimestamp("frozen_time").toInstant(), row.getString("status"),
                advancingTo == null ? null : advancingTo.toInstant(), row.getInt("accounts"),
                row.getString("failure"), row.getTimestamp("created_at").toInstant());
    }
}
