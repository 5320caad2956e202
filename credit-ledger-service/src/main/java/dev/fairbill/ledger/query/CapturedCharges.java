package dev.fairbill.ledger.query;

import java.sql.Timestamp;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.fairbill.contracts.billing.ChargeCapturedV1;
import dev.fairbill.platform.money.Money;

/** The charges billing captured, learnt from its facts, to check what a cash lot says it came from. */
@Component
public class CapturedCharges {

    private final JdbcClient jdbc;

    public CapturedCharges(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Remembers a captured charge; a repeated fact changes nothing. */
    public void remember(ChargeCapturedV1 captured) {
        jdbc.sql("""
                        INSERT INTO captured_charges (charge_id, tenant, account_id, amount, currency, captured_at)
                        VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (charge_id) DO NOTHING""")
                .params(captured.chargeId(), captured.tenant(), captured.accountId(), captured.amount().amount(),
                        captured.amount().currency(), Timestamp.from(captured.capturedAt()))
                .update();
    }

    /** What the charge took, if it is a captured charge of this account of this tenant. */
    public Optional<Money> amountOf(String tenant, String accountId, String chargeId) {
        return jdbc.sql("SELECT amount, currency FROM captured_charges WHERE charge_id = ? AND tenant = ?"
                        + " AND account_id = ?")
                .params(chargeId, tenant, accountId)
                .query((row, n) -> Money.of(row.getLong("amount"), row.getString("currency")))
                .optional();
    }
}
