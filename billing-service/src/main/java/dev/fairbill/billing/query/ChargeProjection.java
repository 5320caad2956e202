package dev.fairbill.billing.query;

import java.sql.Timestamp;
import java.time.Instant;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.fairbill.billing.catalog.Catalog;
import dev.fairbill.billing.charge.ChargeEvents.ChargeAwaitingBalance;
import dev.fairbill.billing.charge.ChargeEvents.ChargeCaptureRequested;
import dev.fairbill.billing.charge.ChargeEvents.ChargeCaptured;
import dev.fairbill.billing.charge.ChargeEvents.ChargeDisputeClosed;
import dev.fairbill.billing.charge.ChargeEvents.ChargeDisputeRecorded;
import dev.fairbill.billing.charge.ChargeEvents.ChargeDoublePaidOut;
import dev.fairbill.billing.charge.ChargeEvents.ChargeFailed;
import dev.fairbill.billing.charge.ChargeEvents.ChargeFlaggedDuplicate;
import dev.fairbill.billing.charge.ChargeEvents.ChargeRefundReversed;
import dev.fairbill.billing.charge.ChargeEvents.ChargeRefunded;
import dev.fairbill.billing.charge.ChargeEvents.ChargeRefundedToBalance;
import dev.fairbill.billing.charge.ChargeTerms;
import dev.fairbill.billing.ids.ChargeId;
import dev.fairbill.billing.ids.PurchaseId;
import dev.fairbill.billing.ids.SubscriptionId;
import dev.fairbill.platform.money.Money;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Keeps the {@code charges} table, in the command's transaction (subscribing, ADR 0003). Replaying an event changes
 * nothing: a charge's outcome is written only while it is PENDING (awaiting the ledger, ADR 0010) or new, refunds carry
 * the charge's new total, and a closed dispute's loss is added only while it is open.
 */
@Component
@ProcessingGroup(ChargeProjection.PROCESSING_GROUP)
public class ChargeProjection {

    public static final String PROCESSING_GROUP = "charge-projection";
    static final String DOUBLE_PAYOUTS = "fairbill.charges.double.payouts";
    static final String DOUBLE_PAYOUT_AMOUNT = "fairbill.charges.double.payout.minor.units";

    private final JdbcClient jdbc;
    private final MeterRegistry meters;

    public ChargeProjection(JdbcClient jdbc, MeterRegistry meters, Catalog catalog) {
        this.jdbc = jdbc;
        this.meters = meters;
        // each tenant's series exists from the start, at zero, so the alert on its increase sees the first one
        catalog.tenants().forEach(tenant -> meters.counter(DOUBLE_PAYOUTS, "tenant", tenant));
    }

    @EventHandler
    void on(ChargeAwaitingBalance event) {
        record(event.chargeId(), event.tenant(), event.accountId().value(), "PENDING", event.amount(),
                event.description(), event.subscriptionId(), event.billingPeriodStart(), event.purchaseId(),
                event.intentional(), null, null, null, Money.zero(event.amount().currency()), event.requestedAt());
    }

    @EventHandler
    void on(ChargeCaptureRequested event) {
        ChargeTerms terms = event.terms();
        record(terms.chargeId(), terms.tenant(), terms.accountId().value(), "PENDING", terms.amount(),
                terms.description(), terms.subscriptionId(), terms.billingPeriodStart(), terms.purchaseId(),
                terms.intentional(), null, null, null, event.paidFromBalance(), event.requestedAt());
    }

    @EventHandler
    void on(ChargeCaptured event) {
        record(event.chargeId(), event.tenant(), event.accountId().value(), "SUCCEEDED", event.amount(),
                event.description(), event.subscriptionId(), event.billingPeriodStart(), event.purchaseId(),
                event.intentional(), event.processor(), event.processorChargeId(), null, event.paidFromBalance(),
                event.capturedAt());
    }

    @EventHandler
    void on(ChargeFailed event) {
        record(event.chargeId(), event.tenant(), event.accountId().value(), "FAILED", event.amount(),
                event.description(), event.subscriptionId(), event.billingPeriodStart(), event.purchaseId(), false,
                event.processor(), null, event.failureCode(), event.paidFromBalance(), event.failedAt());
    }

    @EventHandler
    void on(ChargeRefunded event) {
        refunded(event.chargeId(), event.amountRefunded());
    }

    @EventHandler
    void on(ChargeRefundedToBalance event) {
        refunded(event.chargeId(), event.amountRefunded());
    }

    /** The refunded total goes down again; a charge with nothing left refunded is a plain capture again. */
    @EventHandler
    void on(ChargeRefundReversed event) {
        jdbc.sql("""
                        UPDATE charges SET amount_refunded = ?,
                               status = CASE WHEN ? = 0 THEN 'SUCCEEDED' ELSE 'PARTIALLY_REFUNDED' END
                        WHERE id = ? AND amount_refunded > ? AND status <> 'DOUBLE_PAYOUT'""")
                .params(event.amountRefunded().amount(), event.amountRefunded().amount(), event.chargeId().value(),
                        event.amountRefunded().amount())
                .update();
    }

    private void refunded(ChargeId chargeId, Money amountRefunded) {
        jdbc.sql("""
                        UPDATE charges SET amount_refunded = ?,
                               status = CASE WHEN ? = amount THEN 'REFUNDED' ELSE 'PARTIALLY_REFUNDED' END
                        WHERE id = ? AND amount_refunded < ?""")
                .params(amountRefunded.amount(), amountRefunded.amount(), chargeId.value(), amountRefunded.amount())
                .update();
    }

    @EventHandler
    void on(ChargeFlaggedDuplicate event) {
        jdbc.sql("UPDATE charges SET duplicate_of = ? WHERE id = ?")
                .params(event.duplicateOf().value(), event.chargeId().value())
                .update();
    }

    @EventHandler
    void on(ChargeDisputeRecorded event) {
        jdbc.sql("""
                        UPDATE charges SET dispute_id = ?, dispute_status = 'OPEN', dispute_reason = ?,
                                           dispute_amount = ?, dispute_due_by = ?
                        WHERE id = ?""")
                .params(event.disputeId().value(), event.reason(), event.amount().amount(),
                        event.dueBy() == null ? null : Timestamp.from(event.dueBy()), event.chargeId().value())
                .update();
    }

    @EventHandler
    void on(ChargeDisputeClosed event) {
        jdbc.sql("""
                        UPDATE charges SET dispute_id = ?, dispute_status = ?,
                                           lost_in_dispute = lost_in_dispute + ?
                        WHERE id = ?
                          AND NOT (coalesce(dispute_id, '') = ? AND coalesce(dispute_status, '') IN ('WON', 'LOST'))""")
                .params(event.disputeId().value(), event.won() ? "WON" : "LOST", event.lostAmount().amount(),
                        event.chargeId().value(), event.disputeId().value())
                .update();
    }

    /** Counted once per charge, however often the event is handled: a double payout pages an operator. */
    @EventHandler
    void on(ChargeDoublePaidOut event) {
        int marked = jdbc.sql("""
                        UPDATE charges SET status = 'DOUBLE_PAYOUT', double_payout = ?
                        WHERE id = ? AND status <> 'DOUBLE_PAYOUT'""")
                .params(event.excess().amount(), event.chargeId().value())
                .update();
        if (marked > 0) {
            meters.counter(DOUBLE_PAYOUTS, "tenant", event.tenant()).increment();
            meters.counter(DOUBLE_PAYOUT_AMOUNT, "tenant", event.tenant(), "currency",
                    event.excess().currency().getCurrencyCode()).increment(event.excess().amount());
        }
    }

    /** Inserts a new charge, or settles a PENDING one; a charge created while pending keeps its creation time. */
    private void record(ChargeId id, String tenant, String accountId, String status, Money amount, String description,
                        SubscriptionId subscriptionId, Instant billingPeriodStart, PurchaseId purchaseId,
                        boolean intentional, String processor, String processorChargeId, String failureCode,
                        Money paidFromBalance, Instant createdAt) {
        jdbc.sql("""
                        INSERT INTO charges (id, tenant, account_id, status, amount, currency, description,
                                             subscription_id, billing_period_start, purchase_id, intentional,
                                             processor, processor_charge_id, failure_code, paid_from_balance,
                                             created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (id) DO UPDATE
                            SET status = EXCLUDED.status, processor = EXCLUDED.processor,
                                processor_charge_id = EXCLUDED.processor_charge_id,
                                failure_code = EXCLUDED.failure_code, paid_from_balance = EXCLUDED.paid_from_balance
                            WHERE charges.status = 'PENDING'""")
                .params(id.value(), tenant, accountId, status, amount.amount(),
                        amount.currency().getCurrencyCode(), description,
                        subscriptionId == null ? null : subscriptionId.value(),
                        billingPeriodStart == null ? null : Timestamp.from(billingPeriodStart),
                        purchaseId == null ? null : purchaseId.value(), intentional, processor, processorChargeId,
                        failureCode, paidFromBalance.amount(), Timestamp.from(createdAt))
                .update();
    }
}
