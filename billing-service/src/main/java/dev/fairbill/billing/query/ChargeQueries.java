package dev.fairbill.billing.query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.fairbill.platform.money.Money;

/** Reads the {@code charges} table, always within one tenant. */
@Component
public class ChargeQueries implements ChargeLookup {

    private static final String COLUMNS = """
            SELECT seq, id, tenant, account_id, status, amount, currency, amount_refunded, paid_from_balance,
                   description,
                   subscription_id, purchase_id, processor, processor_charge_id, failure_code, duplicate_of,
                   dispute_id, dispute_status, dispute_reason, dispute_amount, dispute_due_by, double_payout,
                   created_at
            FROM charges""";

    private final JdbcClient jdbc;

    public ChargeQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<ChargeView> find(String tenant, String chargeId) {
        return jdbc.sql(COLUMNS + " WHERE id = ? AND tenant = ?")
                .params(chargeId, tenant)
                .query((row, n) -> view(row))
                .optional();
    }

    /** Charges in the order they were recorded, after {@code afterSeq}; {@code accountId} null means all. */
    public List<ChargeView> list(String tenant, String accountId, long afterSeq, int limit) {
        return jdbc.sql(COLUMNS + """
                         WHERE tenant = ? AND (CAST(? AS VARCHAR) IS NULL OR account_id = ?) AND seq > ?
                        ORDER BY seq LIMIT ?""")
                .params(tenant, accountId, accountId, afterSeq, limit)
                .query((row, n) -> view(row))
                .list();
    }

    @Override
    public Optional<ChargeSummary> byId(String tenant, String chargeId) {
        return find(tenant, chargeId).map(ChargeQueries::summary);
    }

    @Override
    public Optional<ChargeSummary> byProcessorChargeId(String tenant, String processorChargeId) {
        return jdbc.sql(COLUMNS + " WHERE processor_charge_id = ? AND tenant = ?")
                .params(processorChargeId, tenant)
                .query((row, n) -> view(row))
                .optional()
                .map(ChargeQueries::summary);
    }

    private static ChargeSummary summary(ChargeView view) {
        return new ChargeSummary(view.id(), view.accountId(), view.tenant(), view.amount(), view.processorChargeId());
    }

    private static ChargeView view(ResultSet row) throws SQLException {
        Currency currency = Currency.getInstance(row.getString("currency"));
        String disputeId = row.getString("dispute_id");
        ChargeView.Dispute dispute = disputeId == null ? null : new ChargeView.Dispute(disputeId,
                row.getString("dispute_status"), row.getString("dispute_reason"),
                row.getObject("dispute_amount") == null ? null : new Money(row.getLong("dispute_amount"), currency),
                row.getTimestamp("dispute_due_by") == null ? null : row.getTimestamp("dispute_due_by").toInstant());
        return new ChargeView(row.getString("id"), row.getString("tenant"), row.getString("account_id"),
                row.getString("status"), new Money(row.getLong("amount"), currency),
                new Money(row.getLong("amount_refunded"), currency),
                new Money(row.getLong("paid_from_balance"), currency), row.getString("description"),
                row.getString("subscription_id"), row.getString("purchase_id"), row.getString("processor"),
                row.getString("processor_charge_id"), row.getString("failure_code"), row.getString("duplicate_of"),
                dispute, row.getLong("double_payout") == 0 ? null : new Money(row.getLong("double_payout"), currency),
                row.getTimestamp("created_at").toInstant(), row.getLong("seq"));
    }
}
