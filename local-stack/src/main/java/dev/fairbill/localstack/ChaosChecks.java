package dev.fairbill.localstack;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The checks the fault benchmark runs on top of the books, once the suite has settled: credits granted once per paid
 * period, duplicates reversed once, suspensions that match the open disputes, no saga or scheduled job left behind
 * its deadline, and clients that got their answers soon after the suite was whole again.
 */
final class ChaosChecks {

    /** How long after the suite is whole again a retrying client may still wait for its answer. */
    static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);
    /** A scheduled job this far behind its time is stuck, not merely busy. */
    private static final String OVERDUE = "INTERVAL '60 seconds'";
    private static final String EVENTS = "billing.";

    private final Books books;

    ChaosChecks(Books books) {
        this.books = books;
    }

    List<Books.Check> check(List<Retrier.Retried> retried, Wholeness wholeness) throws SQLException {
        List<Books.Check> checks = new ArrayList<>(List.of(creditsGrantedOncePerPeriod(), duplicatesReversedOnce(),
                suspensionsMatchDisputes(), nothingPastItsDeadline()));
        checks.add(answeredSoonAfterRecovery(retried, wholeness));
        return checks;
    }

    /** Every period that started or renewed a subscription with included credits granted them exactly once. */
    private Books.Check creditsGrantedOncePerPeriod() throws SQLException {
        Map<String, Long> periods = books.totals(Service.BILLING, """
                SELECT p ->> 'subscriptionId', SUM(credits) FROM (
                    SELECT p, COALESCE(p #>> '{allowance,includedCredits}', p ->> 'includedCredits')::bigint AS credits
                    FROM (SELECT convert_from(payload, 'UTF8')::jsonb AS p FROM domainevententry
                          WHERE payloadtype IN ('%1$sSubscriptionStarted', '%1$sSubscriptionRenewed')) stored) events
                WHERE credits > 0 GROUP BY 1""".formatted(EVENTS));
        Map<String, Long> granted = books.totals(Service.LEDGER, """
                SELECT subscription_id, SUM(granted) FROM ledger_lots
                WHERE source = 'SUBSCRIPTION_ALLOWANCE' GROUP BY subscription_id""");
        List<String> violations = new ArrayList<>();
        periods.forEach((subscription, credits) -> {
            long lots = granted.getOrDefault(subscription, 0L);
            if (lots != credits) {
                violations.add("%s: its periods included %d credits, the ledger granted %d".formatted(subscription,
                        credits, lots));
            }
        });
        granted.keySet().stream().filter(subscription -> !periods.containsKey(subscription)).forEach(subscription ->
                violations.add(subscription + ": allowance granted without a period that includes credits"));
        return new Books.Check("each subscription period granted its included credits exactly once", violations);
    }

    /** A charge flagged as a duplicate is refunded in full, by exactly one refund case that completed. */
    private Books.Check duplicatesReversedOnce() throws SQLException {
        Map<String, Long> cases = books.totals(Service.REFUND, """
                SELECT target_id, COUNT(*) FROM refund_cases WHERE reason = 'DUPLICATE_CHARGE' GROUP BY target_id""");
        Map<String, Long> completed = books.totals(Service.REFUND, """
                SELECT target_id, COUNT(*) FROM refund_cases WHERE reason = 'DUPLICATE_CHARGE'
                AND status = 'COMPLETED' GROUP BY target_id""");
        List<String> violations = books.rows(Service.BILLING, """
                SELECT id, tenant, amount, amount_refunded, status FROM charges
                WHERE duplicate_of IS NOT NULL AND status NOT IN ('FAILED', 'PENDING')""", row -> {
            String charge = row.getString(1);
            long opened = cases.getOrDefault(charge, 0L);
            long done = completed.getOrDefault(charge, 0L);
            return opened == 1 && done == 1 && row.getLong(4) == row.getLong(3) ? null
                    : "%s (%s, %s): %d of %d refunded, %d duplicate-charge cases, %d completed".formatted(charge,
                            row.getString(2), row.getString(5), row.getLong(4), row.getLong(3), opened, done);
        });
        return new Books.Check("each duplicate charge reversed exactly once (one completed case, refunded in full)",
                violations);
    }

    /**
     * An open dispute keeps its account suspended (or the account is terminated); a won dispute leaves no hold, a
     * lost one terminates the account; a suspended account has a hold, an active one none.
     */
    private Books.Check suspensionsMatchDisputes() throws SQLException {
        List<String> violations = new ArrayList<>(books.rows(Service.BILLING, """
                SELECT d.id, d.tenant, d.status, d.outcome, a.id, a.status,
                       EXISTS (SELECT 1 FROM account_holds h WHERE h.account_id = a.id AND h.reason = 'DISPUTE'
                               AND h.reference = d.id)
                FROM disputes d JOIN accounts a ON a.id = d.account_id""", row -> {
            String account = row.getString(6);
            boolean held = row.getBoolean(7);
            boolean consistent = switch (row.getString(3)) {
                case "OPEN" -> account.equals("TERMINATED") || held && account.equals("SUSPENDED");
                default -> "WON".equals(row.getString(4)) ? !held : account.equals("TERMINATED");
            };
            return consistent ? null : "dispute %s (%s, %s %s): account %s is %s, %s".formatted(row.getString(1),
                    row.getString(2), row.getString(3), row.getString(4), row.getString(5), account,
                    held ? "held for it" : "not held for it");
        }));
        violations.addAll(books.rows(Service.BILLING, """
                SELECT a.id, a.tenant, a.status, COUNT(h.account_id) FROM accounts a
                LEFT JOIN account_holds h ON h.account_id = a.id WHERE a.status IN ('ACTIVE', 'SUSPENDED')
                GROUP BY a.id, a.tenant, a.status""", row -> {
            boolean suspended = row.getString(3).equals("SUSPENDED");
            return suspended == row.getLong(4) > 0 ? null : "account %s (%s) is %s with %d holds".formatted(
                    row.getString(1), row.getString(2), row.getString(3), row.getLong(4));
        }));
        return new Books.Check("each account's suspension consistent with its disputes and holds", violations);
    }

    /** No saga step and no scheduled job (deadlines, retries, recurring jobs) left behind its time. */
    private Books.Check nothingPastItsDeadline() throws SQLException {
        List<String> violations = new ArrayList<>(books.rows(Service.REFUND, """
                SELECT saga, saga_key, step, due_at FROM saga_progress
                WHERE ended_at IS NULL AND due_at < now() - %s ORDER BY due_at""".formatted(OVERDUE),
                row -> "refund-service saga %s %s stuck in %s, due %s".formatted(row.getString(1), row.getString(2),
                        row.getString(3), row.getString(4))));
        for (Service service : List.of(Service.BILLING, Service.LEDGER, Service.REFUND)) {
            violations.addAll(books.rows(service, """
                    SELECT task_name, task_instance, execution_time, picked FROM scheduled_tasks
                    WHERE execution_time < now() - %s ORDER BY execution_time""".formatted(OVERDUE),
                    row -> "%s: job %s %s due %s%s".formatted(service.module, row.getString(1), row.getString(2),
                            row.getString(3), row.getBoolean(4) ? " (picked, not finished)" : "")));
        }
        return new Books.Check("no saga step or scheduled job more than 60 s past its deadline", violations);
    }

    private static Books.Check answeredSoonAfterRecovery(List<Retrier.Retried> retried, Wholeness wholeness) {
        List<String> violations = new ArrayList<>();
        for (Retrier.Retried write : retried) {
            if (!write.answered()) {
                violations.add("a write got no answer in %d attempts over %d s; last: %s".formatted(write.attempts(),
                        Retrier.GIVE_UP_AFTER.toSeconds(), write.last()));
                continue;
            }
            long wholeSince = wholeness.wholeSince(write.answeredNanos());
            long waited = wholeSince < 0 ? 0 : write.answeredNanos() - Math.max(wholeSince, write.firstNanos());
            if (waited > ANSWER_WITHIN.toNanos()) {
                violations.add("a write was answered %.1f s after the suite was whole again (%d attempts); last: %s"
                        .formatted(waited / 1e9, write.attempts(), write.last()));
            }
        }
        return new Books.Check("every retried write answered within " + ANSWER_WITHIN.toSeconds()
                + " s of the suite being whole again", violations);
    }
}
