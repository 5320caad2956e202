package dev.fairbill.billing.domain;

import java.time.Instant;

import org.axonframework.serialization.Revision;

import dev.fairbill.platform.money.Money;

/**
 * The Charge aggregate's events that other billing processes rely on. The Charge aggregate may add events of its
 * own; these keep their names and fields (the class name is the stored type).
 */
public final class ChargeEvents {

    @Revision("1")
    public record ChargeCaptured(ChargeId chargeId, AccountId accountId, String tenant, Money amount,
                                 String description, SubscriptionId subscriptionId, Instant billingPeriodStart,
                                 PurchaseId purchaseId, String paymentMethod, boolean intentional, String processor,
                                 String processorChargeId, Instant capturedAt) {
    }

    @Revision("1")
    public record ChargeFailed(ChargeId chargeId, AccountId accountId, String tenant, Money amount,
                               String description, SubscriptionId subscriptionId, Instant billingPeriodStart,
                               PurchaseId purchaseId, String paymentMethod, String processor, String failureCode,
                               Instant failedAt) {
    }

    /** @param amountRefunded refunded on this charge in total, this refund included */
    @Revision("1")
    public record ChargeRefunded(ChargeId chargeId, AccountId accountId, String tenant, String refundId, Money amount,
                                 Money amountRefunded, String processorRefundId, String reason, Instant refundedAt) {
    }

    /**
     * The refund was refused, by the processor or by the charge's rules: nothing was refunded, and the refund id may
     * be tried again.
     *
     * @param failureCode the processor's code, or the rule that refused: {@code charge-not-captured},
     *                    {@code currency-mismatch}, {@code invalid-amount}, {@code charge-disputed},
     *                    {@code exceeds-refundable}
     */
    @Revision("1")
    public record ChargeRefundFailed(ChargeId chargeId, AccountId accountId, String tenant, String refundId,
                                     Money amount, String failureCode, Instant failedAt) {
    }

    @Revision("1")
    public record ChargeFlaggedDuplicate(ChargeId chargeId, AccountId accountId, String tenant, ChargeId duplicateOf,
                                         DuplicateRule rule, Money amount, Instant flaggedAt) {
    }

    /**
     * A dispute was opened on this charge, or its disputed amount, reason or evidence deadline changed.
     *
     * @param dueBy the processor's evidence deadline, or {@code null}: none named, or recorded before the field existed
     */
    @Revision("1")
    public record ChargeDisputeRecorded(ChargeId chargeId, AccountId accountId, String tenant, DisputeId disputeId,
                                        Money amount, String reason, Instant recordedAt, Instant dueBy) {
    }

    /** @param lostAmount what the customer keeps after a lost dispute; zero when won */
    @Revision("1")
    public record ChargeDisputeClosed(ChargeId chargeId, AccountId accountId, String tenant, DisputeId disputeId,
                                      boolean won, Money lostAmount, Instant closedAt) {
    }

    private ChargeEvents() {
    }
}
