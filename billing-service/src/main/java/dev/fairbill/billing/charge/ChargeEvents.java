package dev.fairbill.billing.charge;

import java.time.Instant;

import org.axonframework.serialization.Revision;

import dev.fairbill.billing.ids.AccountId;
import dev.fairbill.billing.ids.ChargeId;
import dev.fairbill.billing.ids.DisputeId;
import dev.fairbill.billing.ids.PurchaseId;
import dev.fairbill.billing.ids.SubscriptionId;
import dev.fairbill.platform.axon.naming.StoredAs;
import dev.fairbill.platform.money.Money;

/**
 * The Charge aggregate's events that other billing processes rely on. The Charge aggregate may add events of its
 * own; these keep their names and fields (the class name is the stored type).
 */
public final class ChargeEvents {

    /**
     * The charge's {@code amount} was paid: by the processor, from the account's cash balance, or partly each.
     * Revision 2 keeps the charge's terms as one value; revision 1 listed their fields one by one, and
     * {@link ChargeUpcaster} nests them.
     *
     * @param processor       {@link Charge#BALANCE} when the cash balance paid it all (no processor charge id)
     * @param paidFromBalance the part the ledger applied from the account's cash balance; events stored before the
     *                        field existed read back as zero
     */
    @StoredAs("billing.ChargeCaptured")
    @Revision("2")
    public record ChargeCaptured(ChargeTerms terms, String processor, String processorChargeId, Instant capturedAt,
                                 Money paidFromBalance) implements WithChargeTerms {

        public ChargeCaptured {
            paidFromBalance = orZero(paidFromBalance, terms.amount());
        }
    }

    /**
     * The processor refused the charge (or the part the cash balance did not pay); the ledger gives back what it had
     * applied when it hears of this. Revision 2 keeps the charge's terms as one value (see {@link ChargeCaptured}).
     *
     * @param paidFromBalance the cash balance the ledger had applied; events stored before the field existed read back
     *                        as zero
     */
    @StoredAs("billing.ChargeFailed")
    @Revision("2")
    public record ChargeFailed(ChargeTerms terms, String processor, String failureCode, Instant failedAt,
                               Money paidFromBalance) implements WithChargeTerms {

        public ChargeFailed {
            paidFromBalance = orZero(paidFromBalance, terms.amount());
        }
    }

    /**
     * The account had a known cash balance in the charge's currency, so the ledger was asked to pay up to the amount
     * from it first; the charge is pending until the ledger answers. Revision 2 keeps the charge's terms as one value
     * (see {@link ChargeCaptured}).
     */
    @StoredAs("billing.ChargeAwaitingBalance")
    @Revision("2")
    public record ChargeAwaitingBalance(ChargeTerms terms, Instant requestedAt) implements WithChargeTerms {
    }

    /**
     * The processor is asked to capture what the cash balance did not pay; the charge is pending until the answer is
     * recorded ({@code RecordCaptureOutcome}). The aggregate never calls the processor itself: a process makes the
     * call under the charge's id as idempotency key, so a call repeated after a crash captures at most once.
     *
     * @param terms           what the charge is for and how it is paid, as asked
     * @param paidFromBalance what the ledger already applied from the account's cash balance (zero when not asked)
     */
    @StoredAs("billing.ChargeCaptureRequested")
    @Revision("1")
    public record ChargeCaptureRequested(ChargeTerms terms, Money paidFromBalance, Instant requestedAt) {

        /** What the processor is asked to capture. */
        public Money toCapture() {
            return terms.amount().minus(paidFromBalance);
        }
    }

    /**
     * A refund the charge's rules accepted, whose card part the processor is asked to pay back; the amount is
     * reserved until the answer is recorded ({@code RecordRefundOutcome}), so that no other refund can take it. The
     * call is made by a process under the refund id as idempotency key. Revision 2 keeps how the refund divides as
     * one value; the first stored events, without a revision, listed its fields one by one, and
     * {@link RefundSplitUpcaster} nests them.
     *
     * @param processorChargeId the processor's id of the captured charge
     */
    @StoredAs("billing.ChargeRefundRequested")
    @Revision("2")
    public record ChargeRefundRequested(ChargeId chargeId, AccountId accountId, String tenant, String refundId,
                                        RefundSplit split, String reason, String processorChargeId,
                                        String paymentMethod, Instant requestedAt) {

        public Money amount() {
            return split.amount();
        }

        public Money toCard() {
            return split.toCard();
        }

        public Money toBalance() {
            return split.toBalance();
        }
    }

    /**
     * How a refund divides between the charge's payment method and the account's cash balance.
     *
     * @param amount    the whole refund
     * @param toCard    what goes back to the payment method (positive)
     * @param toBalance what goes back to the account's cash balance, which paid that part of the charge
     */
    public record RefundSplit(Money amount, Money toCard, Money toBalance) {
    }

    /**
     * A refund was paid. Revision 2 keeps its amounts as one value; revision 1 listed them one by one, and
     * {@link ChargeUpcaster} nests them.
     */
    @StoredAs("billing.ChargeRefunded")
    @Revision("2")
    public record ChargeRefunded(ChargeId chargeId, AccountId accountId, String tenant, String refundId,
                                 RefundedAmounts amounts, String processorRefundId, String reason,
                                 Instant refundedAt) {

        public Money amount() {
            return amounts.amount();
        }

        public Money toBalance() {
            return amounts.toBalance();
        }

        public Money amountRefunded() {
            return amounts.amountRefunded();
        }

        /** What went back to the payment method. */
        public Money toCard() {
            return amounts.toBalance() == null ? amounts.amount() : amounts.amount().minus(amounts.toBalance());
        }
    }

    /**
     * What a refund paid.
     *
     * @param amount         refunded now, both legs
     * @param toBalance      the part of {@code amount} returned to the account's cash balance, because the balance
     *                       paid that part of the charge (ADR 0010); the rest went back to the payment method. Zero
     *                       (or {@code null} in events recorded before the split) when all went to the payment method
     * @param amountRefunded refunded on this charge in total, this refund included
     */
    public record RefundedAmounts(Money amount, Money toBalance, Money amountRefunded) {

        /** A refund wholly to the payment method. */
        public static RefundedAmounts toCard(Money amount, Money amountRefunded) {
            return new RefundedAmounts(amount, Money.zero(amount.currency()), amountRefunded);
        }
    }

    /**
     * The refund was refused, by the processor or by the charge's rules: nothing was refunded, and the refund id may
     * be tried again.
     *
     * @param failureCode the processor's code, or the rule that refused: {@code charge-not-captured},
     *                    {@code currency-mismatch}, {@code invalid-amount}, {@code charge-disputed},
     *                    {@code exceeds-refundable}
     */
    @StoredAs("billing.ChargeRefundFailed")
    @Revision("1")
    public record ChargeRefundFailed(ChargeId chargeId, AccountId accountId, String tenant, String refundId,
                                     Money amount, String failureCode, Instant failedAt) {
    }

    /**
     * The processor received the refund under {@code processorRefundId} and decides it later: the refund is still
     * under way, and nothing is paid until the processor's notification says so.
     */
    @StoredAs("billing.ChargeRefundAccepted")
    @Revision("1")
    public record ChargeRefundAccepted(ChargeId chargeId, AccountId accountId, String tenant, String refundId,
                                       String processorRefundId, Instant acceptedAt) {
    }

    /**
     * The processor reports a refund of this charge failed that billing never recorded (one made in its dashboard,
     * whose failure arrived first): nothing was refunded, and a later report of it as paid is ignored.
     */
    @StoredAs("billing.ChargeProcessorRefundFailed")
    @Revision("1")
    public record ChargeProcessorRefundFailed(ChargeId chargeId, AccountId accountId, String tenant,
                                              String processorRefundId, String failureCode, Instant reportedAt) {
    }

    /**
     * A refund the processor had accepted failed afterwards: the part paid to the payment method is back with the
     * merchant, and the refund id may be asked for again. The part paid to the cash balance stays paid.
     *
     * @param amount         the part that went back to the merchant
     * @param amountRefunded what stays refunded of the charge
     */
    @StoredAs("billing.ChargeRefundReversed")
    @Revision("1")
    public record ChargeRefundReversed(ChargeId chargeId, AccountId accountId, String tenant, String refundId,
                                       Money amount, Money amountRefunded, String processorRefundId,
                                       String failureCode, Instant reversedAt) {
    }

    @StoredAs("billing.ChargeFlaggedDuplicate")
    @Revision("1")
    public record ChargeFlaggedDuplicate(ChargeId chargeId, AccountId accountId, String tenant, ChargeId duplicateOf,
                                         DuplicateRule rule, Money amount, Instant flaggedAt) {
    }

    /**
     * A dispute was opened on this charge, or its disputed amount, reason or evidence deadline changed.
     *
     * @param dueBy the processor's evidence deadline, or {@code null}: none named, or recorded before the field existed
     */
    @StoredAs("billing.ChargeDisputeRecorded")
    @Revision("1")
    public record ChargeDisputeRecorded(ChargeId chargeId, AccountId accountId, String tenant, DisputeId disputeId,
                                        Money amount, String reason, Instant recordedAt, Instant dueBy) {
    }

    /** @param lostAmount what the customer keeps after a lost dispute; zero when won */
    @StoredAs("billing.ChargeDisputeClosed")
    @Revision("1")
    public record ChargeDisputeClosed(ChargeId chargeId, AccountId accountId, String tenant, DisputeId disputeId,
                                      boolean won, Money lostAmount, Instant closedAt) {
    }

    /**
     * A refund paid to the account's cash balance (not through billing) was recorded on the charge it refunds. Not
     * a processor refund: nothing is asked of the processor and nothing is published for the ledger to grant again.
     */
    @StoredAs("billing.ChargeRefundedToBalance")
    @Revision("1")
    public record ChargeRefundedToBalance(ChargeId chargeId, AccountId accountId, String tenant, String refundId,
                                          Money amount, Money amountRefunded, Instant recordedAt) {
    }

    /**
     * A lost dispute took back more than was left after our refunds: the customer got {@code excess} twice, once
     * from us and once from the processor. The processor's loss is a fact; this records what it cost.
     *
     * @param refunded what we had refunded when the dispute was lost
     * @param excess   refunded + lost − captured, the money paid out twice
     */
    @StoredAs("billing.ChargeDoublePaidOut")
    @Revision("1")
    public record ChargeDoublePaidOut(ChargeId chargeId, AccountId accountId, String tenant, DisputeId disputeId,
                                      Money refunded, Money lostAmount, Money excess, Instant detectedAt) {
    }

    /**
     * An event that carries a charge's terms as one value, read field by field as the events that listed them did:
     * the handlers and projections of those events read them unchanged.
     */
    public interface WithChargeTerms {

        ChargeTerms terms();

        default ChargeId chargeId() {
            return terms().chargeId();
        }

        default AccountId accountId() {
            return terms().accountId();
        }

        default String tenant() {
            return terms().tenant();
        }

        default Money amount() {
            return terms().amount();
        }

        default String description() {
            return terms().description();
        }

        default SubscriptionId subscriptionId() {
            return terms().subscriptionId();
        }

        default Instant billingPeriodStart() {
            return terms().billingPeriodStart();
        }

        default PurchaseId purchaseId() {
            return terms().purchaseId();
        }

        default String paymentMethod() {
            return terms().paymentMethod();
        }

        default boolean intentional() {
            return terms().intentional();
        }
    }

    private static Money orZero(Money money, Money amount) {
        return money != null ? money : Money.zero(amount.currency());
    }

    private ChargeEvents() {
    }
}
