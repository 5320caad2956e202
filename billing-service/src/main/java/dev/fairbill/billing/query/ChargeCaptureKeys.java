package dev.fairbill.billing.query;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.fairbill.billing.ids.ChargeId;
import dev.fairbill.platform.money.Money;

/**
 * The capture keys duplicate detection decides on (ADR 0006). Whoever claims a key first is the original; asking again
 * for the same charge gives the same answer, so a replay decides nothing new.
 */
@Component
public class ChargeCaptureKeys {

    private final JdbcClient jdbc;

    public ChargeCaptureKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Claims {@code key} for {@code chargeId}; returns the charge that had claimed it before, if another one did. */
    public Optional<ChargeId> claim(String tenant, String key, ChargeId chargeId) {
        jdbc.sql("""
                        INSERT INTO charge_capture_keys (tenant, capture_key, charge_id) VALUES (?, ?, ?)
                        ON CONFLICT (tenant, capture_key) DO NOTHING""")
                .params(tenant, key, chargeId.value())
                .update();
        String owner = jdbc.sql("SELECT charge_id FROM charge_capture_keys WHERE tenant = ? AND capture_key = ?")
                .params(tenant, key)
                .query(String.class)
                .single();
        return owner.equals(chargeId.value()) ? Optional.empty() : Optional.of(ChargeId.of(owner));
    }

    /**
     * Records an ad-hoc capture and returns the earliest capture recorded before it with the same account, amount and
     * description no longer than {@code window} before it.
     */
    public Optional<ChargeId> recordAndFindEarlier(String tenant, String accountId, Money amount, String description,
                                                   ChargeId chargeId, Instant capturedAt, Duration window) {
        jdbc.sql("""
                        INSERT INTO charge_window_captures (charge_id, tenant, account_id, amount, currency,
                                                            description, captured_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (charge_id) DO NOTHING""")
                .params(chargeId.value(), tenant, accountId, amount.amount(), amount.currency().getCurrencyCode(),
                        description, Timestamp.from(capturedAt))
                .update();
        return jdbc.sql("""
                        SELECT earlier.charge_id FROM charge_window_captures earlier
                        JOIN charge_window_captures later ON later.charge_id = ?
                        WHERE earlier.tenant = later.tenant AND earlier.account_id = later.account_id
                          AND earlier.amount = later.amount AND earlier.currency = later.currency
                          AND earlier.description = later.description
                          AND earlier.seq < later.seq AND earlier.captured_at >= ?
                        ORDER BY earlier.seq LIMIT 1""")
                .params(chargeId.value(), Timestamp.from(capturedAt.minus(window)))
                .query(String.class)
                .optional()
                .map(ChargeId::of);
    }
}
