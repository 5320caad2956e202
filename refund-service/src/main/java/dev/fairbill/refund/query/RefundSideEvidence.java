package dev.fairbill.refund.query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.fairbill.refund.saga.ChargebackRequests.DisputeEvidence;
import dev.fairbill.refund.saga.ChargebackRequests.Item;
import dev.fairbill.refund.saga.DisputeEvidenceSource;

/**
 * The refund side of a dispute's evidence bundle (final-sale-reseller §9: "activation records, credit history, support
 * records,
 * and usage history"), from refund-service's own facts: refunds already made on the charge, refund cases and their
 * notes, credit usage per day, subscription periods and purchases with their fulfilment.
 */
@Component
public class RefundSideEvidence implements DisputeEvidenceSource {

    static final String CONTEST = "CONTEST";
    static final String CONTEST_REFUNDED = "CONTEST_REFUNDED";

    private final JdbcClient jdbc;

    public RefundSideEvidence(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public DisputeEvidence compile(String tenant, String accountId, String chargeId) {
        List<Item> items = new ArrayList<>();
        List<Item> refunds = jdbc.sql("""
                        SELECT charge_id, amount, refunded, currency, captured_at FROM fact_charges
                        WHERE tenant = ? AND charge_id = ? AND refunded > 0""")
                .params(tenant, chargeId)
                .query((rs, row) -> new Item(instant(rs, "captured_at"), "REFUND", rs.getString("charge_id"),
                        "Already refunded " + rs.getLong("refunded") + " of " + rs.getLong("amount") + " "
                                + rs.getString("currency") + " (minor units) to the original payment method"))
                .list();
        items.addAll(refunds);
        items.addAll(jdbc.sql("""
                        SELECT case_id, reason, status, decision ->> 'clause' AS clause, explanation, review_note,
                            created_at, COALESCE(decided_at, created_at) AS noted_at
                        FROM refund_cases WHERE tenant = ? AND account_id = ? ORDER BY seq""")
                .params(tenant, accountId)
                .query((rs, row) -> caseItems(rs)).list().stream().flatMap(List::stream).toList());
        items.addAll(jdbc.sql("""
                        SELECT date_trunc('day', used_at) AS day, SUM(amount) AS credits, COUNT(*) AS operations
                        FROM fact_usage WHERE account_id = ? GROUP BY 1 ORDER BY 1""")
                .param(accountId)
                .query((rs, row) -> new Item(instant(rs, "day"), "CREDIT_USAGE", accountId, "Used "
                        + rs.getLong("credits") + " credits in " + rs.getLong("operations") + " operations"))
                .list());
        items.addAll(jdbc.sql("""
                        SELECT subscription_id, plan_id, status, period_start, period_end, price, currency
                        FROM fact_subscriptions WHERE tenant = ? AND account_id = ?""")
                .params(tenant, accountId)
                .query((rs, row) -> new Item(instant(rs, "period_start"), "SUBSCRIPTION_PERIOD",
                        rs.getString("subscription_id"), "Plan " + rs.getString("plan_id") + ", "
                        + rs.getString("status") + ", period " + instant(rs, "period_start") + " to "
                        + instant(rs, "period_end") + ", paid " + rs.getLong("price") + " " + rs.getString("currency")))
                .list());
        items.addAll(jdbc.sql("""
                        SELECT purchase_id, product_id, fulfilment, delivered, ordered, purchased_at
                        FROM fact_purchases WHERE tenant = ? AND account_id = ?""")
                .params(tenant, accountId)
                .query((rs, row) -> new Item(instant(rs, "purchased_at"), "PURCHASE", rs.getString("purchase_id"),
                        "Product " + rs.getString("product_id") + ", fulfilment " + rs.getString("fulfilment")
                                + " (" + rs.getLong("delivered") + " of " + rs.getLong("ordered") + " delivered)"))
                .list());
        items.sort(Comparator.comparing(Item::occurredAt));
        return new DisputeEvidence(refunds.isEmpty() ? CONTEST : CONTEST_REFUNDED, items);
    }

    private static List<Item> caseItems(ResultSet rs) throws SQLException {
        String caseId = rs.getString("case_id");
        List<Item> items = new ArrayList<>(List.of(new Item(instant(rs, "created_at"), "REFUND_CASE", caseId,
                "Refund request " + rs.getString("reason") + ": " + rs.getString("status") + " by clause "
                        + rs.getString("clause"))));
        if (rs.getString("explanation") != null) {
            items.add(new Item(instant(rs, "created_at"), "SUPPORT_NOTE", caseId,
                    "Customer: " + rs.getString("explanation")));
        }
        if (rs.getString("review_note") != null) {
            items.add(new Item(instant(rs, "noted_at"), "SUPPORT_NOTE", caseId,
                    "Reviewer: " + rs.getString("review_note")));
        }
        return items;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getTimestamp(column).toInstant();
    }
}
