package dev.fairbill.ledger.query;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Checks the journal: per unit its lines must sum to zero ({@code fairbill_ledger_journal_imbalance}, refreshed every
 * 30 s, must stay 0), and each account's customer liability must equal what its open lots hold — the journal and the
 * lots are kept by two different projections from the same events, so a difference is a bug in one of them (or the
 * journal still catching up, seconds at most).
 */
@Component
public class JournalCheck {

    static final String IMBALANCE_METRIC = "fairbill_ledger_journal_imbalance";

    private final JdbcClient jdbc;
    private final MeterRegistry meters;
    private final ConcurrentHashMap<String, AtomicReference<BigInteger>> imbalances = new ConcurrentHashMap<>();

    public JournalCheck(JdbcClient jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.meters = meters;
        imbalance("CREDIT");
    }

    /**
     * Debits and credits of one unit over one tenant's postings; sums of many accounts may pass 64 bits, so they are
     * exact integers of any size.
     */
    public record UnitTotals(String unit, BigInteger debits, BigInteger credits, BigInteger imbalance) {
    }

    /** An account whose liability in the journal is not what its lots hold. */
    public record LiabilityMismatch(String accountId, String unit, BigInteger journalLiability,
                                    BigInteger lotsRemaining) {
    }

    public record Result(boolean balanced, List<UnitTotals> units, List<LiabilityMismatch> mismatches) {
    }

    public Result check(String tenant) {
        List<UnitTotals> units = jdbc.sql("""
                        SELECT unit, COALESCE(SUM(amount) FILTER (WHERE amount > 0), 0) AS debits,
                               COALESCE(-SUM(amount) FILTER (WHERE amount < 0), 0) AS credits, SUM(amount) AS imbalance
                        FROM journal_lines WHERE tenant = ? GROUP BY unit ORDER BY unit""")
                .param(tenant)
                .query((row, n) -> new UnitTotals(row.getString("unit"), exact(row, "debits"),
                        exact(row, "credits"), exact(row, "imbalance")))
                .list();
        List<LiabilityMismatch> mismatches = jdbc.sql("""
                        WITH liability AS (
                            SELECT account_id, unit, -SUM(amount) AS amount FROM journal_lines
                            WHERE tenant = ? AND journal_account = 'CUSTOMER_LIABILITY' GROUP BY account_id, unit),
                        lots AS (
                            SELECT l.account_id, l.unit, SUM(l.remaining) AS amount FROM ledger_lots l
                            JOIN ledgers g ON g.account_id = l.account_id
                            WHERE g.tenant = ? AND l.closed_as IS NULL GROUP BY l.account_id, l.unit)
                        SELECT COALESCE(liability.account_id, lots.account_id) AS account_id,
                               COALESCE(liability.unit, lots.unit) AS unit,
                               COALESCE(liability.amount, 0) AS journal, COALESCE(lots.amount, 0) AS lots
                        FROM liability FULL OUTER JOIN lots
                            ON liability.account_id = lots.account_id AND liability.unit = lots.unit
                        WHERE COALESCE(liability.amount, 0) <> COALESCE(lots.amount, 0)
                        ORDER BY 1, 2 LIMIT 100""")
                .params(tenant, tenant)
                .query((row, n) -> new LiabilityMismatch(row.getString("account_id"), row.getString("unit"),
                        exact(row, "journal"), exact(row, "lots")))
                .list();
        boolean balanced = units.stream().allMatch(u -> u.imbalance().signum() == 0) && mismatches.isEmpty();
        return new Result(balanced, units, mismatches);
    }

    @Scheduled(fixedDelayString = "${fairbill.ledger.journal-check-interval:30s}")
    void refreshImbalanceMetric() {
        jdbc.sql("SELECT unit, SUM(amount) AS imbalance FROM journal_lines GROUP BY unit")
                .query((row, n) -> {
                    imbalance(row.getString("unit")).set(exact(row, "imbalance"));
                    return null;
                })
                .list();
    }

    private AtomicReference<BigInteger> imbalance(String unit) {
        return imbalances.computeIfAbsent(unit, u -> {
            AtomicReference<BigInteger> value = new AtomicReference<>(BigInteger.ZERO);
            Gauge.builder(IMBALANCE_METRIC, value, sum -> sum.get().doubleValue())
                    .description("Sum of all journal lines of a unit; anything but 0 is a bookkeeping bug")
                    .tag("unit", u)
                    .register(meters);
            return value;
        });
    }

    private static BigInteger exact(ResultSet row, String column) throws SQLException {
        BigDecimal value = row.getBigDecimal(column);
        return value == null ? BigInteger.ZERO : value.toBigIntegerExact();
    }
}
