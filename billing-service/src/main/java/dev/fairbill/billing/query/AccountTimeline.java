package dev.fairbill.billing.query;

import java.time.Instant;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.stereotype.Component;

import dev.fairbill.billing.account.AccountSuspensions.AccountSuspensionLifted;
import dev.fairbill.billing.account.AccountSuspensions.AccountSuspensionPlaced;
import dev.fairbill.billing.account.AccountSuspensions.AccountTerminated;
import dev.fairbill.billing.charge.ChargeEvents.ChargeDoublePaidOut;
import dev.fairbill.billing.charge.ChargeEvents.ChargeRefundReversed;
import dev.fairbill.billing.charge.ChargeEvents.ChargeRefunded;
import dev.fairbill.billing.charge.ChargeEvents.ChargeRefundedToBalance;
import dev.fairbill.billing.dispute.DisputeEvents.DisputeClosed;
import dev.fairbill.billing.dispute.DisputeEvents.DisputeOpened;
import dev.fairbill.platform.audit.AuditTrail;
import dev.fairbill.platform.money.Money;

/**
 * What happened to an account's money and standing, as billing knows it: holds placed and lifted, termination,
 * refunds (to the card and to the balance), disputes opened and closed, and double payouts. Kept in the audit trail
 * in the command's transaction (subscribing), read oldest first by {@code GET /api/v1/accounts/{id}/timeline}.
 */
@Component
@ProcessingGroup(AccountTimeline.PROCESSING_GROUP)
public class AccountTimeline {

    public static final String PROCESSING_GROUP = "account-timeline";

    private final AuditTrail trail;

    public AccountTimeline(AuditTrail trail) {
        this.trail = trail;
    }

    @EventHandler
    void on(AccountSuspensionPlaced e, @MessageIdentifier String eventId) {
        record(eventId, e.tenant(), e.accountId().value(), e.accountId().value(), "account.hold-placed", e.placedAt(),
                e.reason() + " (" + e.reference() + ")" + (e.suspended() ? "; the account is suspended" : ""));
    }

    @EventHandler
    void on(AccountSuspensionLifted e, @MessageIdentifier String eventId) {
        record(eventId, e.tenant(), e.accountId().value(), e.accountId().value(), "account.hold-lifted", e.liftedAt(),
                e.reason() + " (" + e.reference() + ")" + (e.reinstated() ? "; the account is active again" : ""));
    }

    @EventHandler
    void on(AccountTerminated e, @MessageIdentifier String eventId) {
        record(eventId, e.tenant(), e.accountId().value(), e.accountId().value(), "account.terminated",
                e.terminatedAt(), e.reason() + " (" + e.reference() + ")");
    }

    @EventHandler
    void on(ChargeRefunded e, @MessageIdentifier String eventId) {
        record(eventId, e.tenant(), e.chargeId().value(), e.accountId().value(), "charge.refunded", e.refundedAt(),
                money(e.amount()) + " under " + e.refundId() + (e.toBalance() == null || e.toBalance().isZero() ? ""
                        : ", " + money(e.toBalance()) + " of it to the account balance"));
    }

    @EventHandler
    void on(ChargeRefundReversed e, @MessageIdentifier String eventId) {
        record(eventId, e.tenant(), e.chargeId().value(), e.accountId().value(), "charge.refund-reversed",
                e.reversedAt(), money(e.amount()) + " under " + e.refundId() + " came back: " + e.failureCode());
    }

    @EventHandler
    void on(ChargeRefundedToBalance e, @MessageIdentifier String eventId) {
        record(eventId, e.tenant(), e.chargeId().value(), e.accountId().value(), "charge.refunded-to-balance",
                e.recordedAt(), money(e.amount()) + " under " + e.refundId());
    }

    @EventHandler
    void on(DisputeOpened e, @MessageIdentifier String eventId) {
        record(eventId, e.tenant(), e.disputeId().value(), e.accountId().value(), "dispute.opened", e.openedAt(),
                money(e.amount()) + " on " + e.chargeId() + " (" + e.reason() + ")");
    }

    @EventHandler
    void on(DisputeClosed e, @MessageIdentifier String eventId) {
        record(eventId, e.tenant(), e.disputeId().value(), e.accountId().value(), "dispute.closed", e.closedAt(),
                e.outcome() + ", " + money(e.amount()) + " on " + e.chargeId());
    }

    /** The processor took back more than was left after refunds: the excess was paid out twice. */
    @EventHandler
    void on(ChargeDoublePaidOut e, @MessageIdentifier String eventId) {
        record(eventId, e.tenant(), e.chargeId().value(), e.accountId().value(), "charge.double-payout",
                e.detectedAt(), money(e.excess()) + " paid out twice: dispute " + e.disputeId() + " took "
                        + money(e.lostAmount()) + " after " + money(e.refunded()) + " was refunded");
    }

    private void record(String eventId, String tenant, String resource, String accountId, String action, Instant at,
                        String detail) {
        trail.record(eventId, tenant, resource, accountId, action, null, at, detail);
    }

    private static String money(Money money) {
        return money == null ? "nothing" : money.amount() + " " + money.currency().getCurrencyCode();
    }
}
