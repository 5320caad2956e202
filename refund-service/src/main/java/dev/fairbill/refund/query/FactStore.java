package dev.fairbill.refund.query;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.fairbill.contracts.billing.ChargeCapturedV1;
import dev.fairbill.contracts.billing.PurchaseFulfilmentChangedV1;
import dev.fairbill.contracts.billing.PurchasePaidV1;

/**
 * Writes refund-service's copy of billing's and the ledger's facts. Every write is an upsert or only moves forward,
 * so a fact applied again (or a later fact that overtook it) leaves the same rows.
 */
@Component
public class FactStore {

    private final JdbcClient jdbc;

    public FactStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void chargeCaptured(ChargeCapturedV1 c) {
        jdbc.sql("""
                        INSERT INTO fact_charges (charge_id, account_id, tenant, amount, currency, paid_from_balance,
                                                  subscription_id, billing_period_start, purchase_id, captured_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (charge_id) DO NOTHING""")
                .params(c.chargeId(), c.accountId(), c.tenant(), c.amount().amount(), c.amount().currency(),
                        c.paidFromBalance() == null ? 0 : c.paidFromBalance().amount(), c.subscriptionId(),
                        timestamp(c.billingPeriodStart()), c.purchaseId(), timestamp(c.capturedAt()))
                .update();
    }

    /** {@code refundedInTotal} is billing's running total, so the larger one is the newer. */
    public void chargeRefunded(String chargeId, long refundedInTotal) {
        jdbc.sql("UPDATE fact_charges SET refunded = GREATEST(refunded, ?) WHERE charge_id = ?")
                .params(refundedInTotal, chargeId)
                .update();
    }

    /** The processor reversed a refund: what stays refunded is the lower total billing reports. */
    public void chargeRefundReversed(String chargeId, long refundedInTotal) {
        jdbc.sql("UPDATE fact_charges SET refunded = LEAST(refunded, ?) WHERE charge_id = ?")
                .params(refundedInTotal, chargeId)
                .update();
    }

    public void chargeFlaggedDuplicate(String chargeId, String duplicateOf) {
        jdbc.sql("UPDATE fact_charges SET duplicate_of = ? WHERE charge_id = ?").params(duplicateOf, chargeId)
                .update();
    }

    /** A closed dispute stays closed: an opening that arrives after the closing changes nothing. */
    public void disputeOpened(String chargeId) {
        jdbc.sql("UPDATE fact_charges SET dispute_state = 'OPEN' WHERE charge_id = ? AND dispute_state = 'NONE'")
                .param(chargeId)
                .update();
    }

    public void disputeClosed(String chargeId, boolean won) {
        jdbc.sql("UPDATE fact_charges SET dispute_state = ? WHERE charge_id = ?")
                .params(won ? "WON" : "LOST", chargeId)
                .update();
    }

    /** A started or renewed period: the subscription's current period and what it costs. */
    public void subscriptionPeriod(String subscriptionId, String accountId, String tenant, String planId,
                                   String status, Instant periodStart, Instant periodEnd, long listPrice, long price,
                                   String currency, Integer couponPercentOff, long includedCredits,
                                   String chargeId) {
        jdbc.sql("""
                        INSERT INTO fact_subscriptions (subscription_id, account_id, tenant, plan_id, status,
                            period_start, period_end, list_price, price, currency, coupon_percent_off,
                            included_credits, latest_charge_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (subscription_id) DO UPDATE SET plan_id = EXCLUDED.plan_id,
                            status = EXCLUDED.status, period_start = EXCLUDED.period_start,
                            period_end = EXCLUDED.period_end, list_price = EXCLUDED.list_price,
                            price = EXCLUDED.price, coupon_percent_off = EXCLUDED.coupon_percent_off,
                            included_credits = EXCLUDED.included_credits,
                            latest_charge_id = COALESCE(EXCLUDED.latest_charge_id, fact_subscriptions.latest_charge_id)
                        WHERE fact_subscriptions.period_start <= EXCLUDED.period_start""")
                .params(subscriptionId, accountId, tenant, planId, status, timestamp(periodStart),
                        timestamp(periodEnd), listPrice, price, currency, couponPercentOff, includedCredits, chargeId)
                .update();
    }

    public void subscriptionStatus(String subscriptionId, String status) {
        jdbc.sql("UPDATE fact_subscriptions SET status = ? WHERE subscription_id = ?").params(status, subscriptionId)
                .update();
    }

    public void purchasePaid(PurchasePaidV1 p) {
        jdbc.sql("""
                        INSERT INTO fact_purchases (purchase_id, account_id, tenant, product_id, kind, charge_id,
                            amount, currency, ordered, fulfilment, purchased_at, refill_window_s,
                            max_delivery_time_s)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'NOT_STARTED', ?, ?, ?)
                        ON CONFLICT (purchase_id) DO NOTHING""")
                .params(p.purchaseId(), p.accountId(), p.tenant(), p.productId(), p.kind(), p.chargeId(),
                        p.amount().amount(), p.amount().currency(), p.quantity(), timestamp(p.purchasedAt()),
                        seconds(p.refillWindow()), seconds(p.maxDeliveryTime()))
                .update();
    }

    public void fulfilmentChanged(PurchaseFulfilmentChangedV1 f) {
        jdbc.sql("""
                        UPDATE fact_purchases SET fulfilment = ?, ordered = ?, delivered = ?, current_count = ?,
                            completed_at = ?
                        WHERE purchase_id = ?""")
                .params(f.status(), f.ordered(), f.delivered(), f.currentCount(), timestamp(f.completedAt()),
                        f.purchaseId())
                .update();
    }

    /** A refill put units back: what is there now is the purchase's count a later request is decided on. */
    public void refillChanged(String purchaseId, long currentCount) {
        jdbc.sql("UPDATE fact_purchases SET current_count = ? WHERE purchase_id = ?")
                .params(currentCount, purchaseId)
                .update();
    }

    public void creditsUsed(String operationId, String accountId, long amount, Instant usedAt) {
        jdbc.sql("""
                        INSERT INTO fact_usage (operation_id, account_id, amount, used_at) VALUES (?, ?, ?, ?)
                        ON CONFLICT (operation_id) DO NOTHING""")
                .params(operationId, accountId, amount, timestamp(usedAt))
                .update();
    }

    public void accountOpened(String accountId, String tenant, String role, String parentAccountId) {
        jdbc.sql("""
                        INSERT INTO fact_accounts (account_id, tenant, role, parent_account_id) VALUES (?, ?, ?, ?)
                        ON CONFLICT (account_id) DO NOTHING""")
                .params(accountId, tenant, role, parentAccountId)
                .update();
    }

    /**
     * The sub-resellers directly under {@code accountId} (final-sale-reseller's hierarchy has one level below a
     * reseller).
     */
    public List<String> subResellersOf(String tenant, String accountId) {
        return jdbc.sql("""
                        SELECT account_id FROM fact_accounts
                        WHERE tenant = ? AND parent_account_id = ? AND role = 'SUB_RESELLER' ORDER BY account_id""")
                .params(tenant, accountId)
                .query(String.class).list();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Long seconds(Duration duration) {
        return duration == null ? null : duration.toSeconds();
    }
}
