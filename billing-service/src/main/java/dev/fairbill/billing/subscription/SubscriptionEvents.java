package dev.fairbill.billing.subscription;

import java.time.Instant;

import org.axonframework.serialization.Revision;

import dev.fairbill.billing.account.SuspensionReason;
import dev.fairbill.billing.ids.AccountId;
import dev.fairbill.billing.ids.ChargeId;
import dev.fairbill.billing.ids.SubscriptionId;
import dev.fairbill.platform.axon.naming.StoredAs;
import dev.fairbill.platform.money.Money;

/**
 * The Subscription aggregate's events. Prices travel as both the list price (undiscounted, for refund maths,
 * cooling-off-prorata "Partial refund") and the price actually charged after any coupon.
 */
public final class SubscriptionEvents {

    // statusAfter, on the events that change a subscription's status: the status it shows afterwards (SUSPENDED
    // while suspended, whatever it returns to), so that projections copy it; null in events recorded before it existed

    /**
     * A subscription was created. Revision 2 keeps what it was sold as and where it stands in its schedule as two
     * values; revision 1 listed their fields one by one, and {@link SubscriptionUpcaster} nests them.
     */
    @StoredAs("billing.SubscriptionCreated")
    @Revision("2")
    public record SubscriptionCreated(SubscriptionId subscriptionId, AccountId accountId, String tenant,
                                      SubscriptionTerms terms, SubscriptionStatus status, Instant startedAt,
                                      BillingPosition position, Instant trialEndsAt, Instant createdAt) {

        public PlanTerms plan() {
            return terms.plan();
        }

        public Money price() {
            return terms.price();
        }

        public Integer couponPercentOff() {
            return terms.couponPercentOff();
        }

        public String paymentMethod() {
            return terms.paymentMethod();
        }

        public SubscriptionPeriod period() {
            return position.period();
        }

        public Instant billingAnchor() {
            return position.billingAnchor();
        }

        public long periodNumber() {
            return position.periodNumber();
        }
    }

    /**
     * What a subscription was sold as: its plan, the price after the coupon, the coupon and the payment method.
     *
     * @param price            the price charged per period: the plan's price less the coupon
     * @param couponPercentOff null without a coupon
     */
    public record SubscriptionTerms(PlanTerms plan, Money price, Integer couponPercentOff, String paymentMethod) {
    }

    /**
     * Where a subscription stands in its billing schedule.
     *
     * @param period        the trial, or the current billing period
     * @param billingAnchor the instant billing periods are counted from ({@link PlanInterval#periodStart})
     * @param periodNumber  the number of {@code period} counted from the anchor; -1 for a trial
     */
    public record BillingPosition(SubscriptionPeriod period, Instant billingAnchor, long periodNumber) {
    }

    /**
     * A period is due: the charging process captures the charge for it. Revision 2 keeps where the period stands and
     * what is charged as two values; revision 1 listed their fields one by one, and {@link SubscriptionUpcaster}
     * nests them.
     */
    @StoredAs("billing.SubscriptionChargeRequested")
    @Revision("2")
    public record SubscriptionChargeRequested(SubscriptionId subscriptionId, AccountId accountId, String tenant,
                                              PlanTerms plan, BillingPosition position, PeriodCharge charge,
                                              Instant requestedAt) {

        public ChargeId chargeId() {
            return charge.chargeId();
        }

        public Money amount() {
            return charge.amount();
        }

        public int attempt() {
            return charge.attempt();
        }

        public String paymentMethod() {
            return charge.paymentMethod();
        }

        public String description() {
            return charge.description();
        }

        public SubscriptionPeriod period() {
            return position.period();
        }

        public Instant billingAnchor() {
            return position.billingAnchor();
        }

        public long periodNumber() {
            return position.periodNumber();
        }
    }

    /**
     * What is charged for a period.
     *
     * @param amount  the plan's price less the coupon
     * @param attempt 1 for the period's first charge, then one more per dunning retry
     */
    public record PeriodCharge(ChargeId chargeId, Money amount, int attempt, String paymentMethod,
                               String description) {
    }

    /**
     * Access began: with the trial (no charge, trial credits) or with the first paid period. Revision 2 keeps the
     * period's allowance, its trial and its price as values; revision 1 listed their fields one by one, and
     * {@link SubscriptionUpcaster} nests them.
     */
    @StoredAs("billing.SubscriptionStarted")
    @Revision("2")
    public record SubscriptionStarted(SubscriptionId subscriptionId, AccountId accountId, String tenant,
                                      SubscriptionStatus status, PeriodAllowance allowance, Trial trial,
                                      PeriodPrice pricing, Instant startedAt, SubscriptionStatus statusAfter)
            implements ServedPeriod {

        public long trialCredits() {
            return trial.trialCredits();
        }

        public Instant trialEndsAt() {
            return trial.trialEndsAt();
        }
    }

    /**
     * What a period gives: its plan, its dates and the credits the plan includes for it.
     *
     * @param period the trial, or the billing period
     */
    public record PeriodAllowance(String planId, SubscriptionPeriod period, long includedCredits) {
    }

    /**
     * A subscription's trial: the credits it grants and when it ends; no credits and no end for a subscription that
     * starts paid.
     */
    public record Trial(long trialCredits, Instant trialEndsAt) {

        static final Trial NONE = new Trial(0, null);
    }

    /**
     * What a period costs and the charge that paid it.
     *
     * @param listPrice the plan's price, before any coupon
     * @param price     what is charged: the list price less the coupon
     * @param chargeId  the charge that paid the period, {@code null} for a trial
     */
    public record PeriodPrice(Money listPrice, Money price, Integer couponPercentOff, ChargeId chargeId) {
    }

    /** A period a subscription serves, started or renewed: its allowance and its price, read field by field. */
    public interface ServedPeriod {

        PeriodAllowance allowance();

        PeriodPrice pricing();

        default String planId() {
            return allowance().planId();
        }

        default SubscriptionPeriod period() {
            return allowance().period();
        }

        default long includedCredits() {
            return allowance().includedCredits();
        }

        default Money listPrice() {
            return pricing().listPrice();
        }

        default Money price() {
            return pricing().price();
        }

        default Integer couponPercentOff() {
            return pricing().couponPercentOff();
        }

        /** The charge that paid the period, {@code null} for a trial. */
        default ChargeId chargeId() {
            return pricing().chargeId();
        }
    }

    /**
     * The charge for a period was captured after the subscription had ended (cancelled at once while the charge was
     * on its way): the period is never served, so the charging process refunds {@code cardPaid} in full.
     */
    @StoredAs("billing.SubscriptionChargeVoided")
    @Revision("1")
    public record SubscriptionChargeVoided(SubscriptionId subscriptionId, AccountId accountId, String tenant,
                                           ChargeId chargeId, Money cardPaid, Instant voidedAt) {
    }

    /**
     * A further period was paid; final once processed (final-sale-reseller §6). Revision 2 keeps the period's
     * allowance and price as values; revision 1 listed their fields one by one, and
     * {@link SubscriptionUpcaster} nests them.
     */
    @StoredAs("billing.SubscriptionRenewed")
    @Revision("2")
    public record SubscriptionRenewed(SubscriptionId subscriptionId, AccountId accountId, String tenant,
                                      PeriodAllowance allowance, PeriodPrice pricing, Instant renewedAt,
                                      SubscriptionStatus statusAfter) implements ServedPeriod {
    }

    /** @param nextRetryAt when dunning charges again, {@code null} when retries are exhausted */
    @StoredAs("billing.SubscriptionPaymentFailed")
    @Revision("1")
    public record SubscriptionPaymentFailed(SubscriptionId subscriptionId, AccountId accountId, String tenant,
                                            ChargeId chargeId, String failureCode, int failures,
                                            Instant nextRetryAt, Instant failedAt, SubscriptionStatus statusAfter) {
    }

    /** Dunning gave up, or the period ended unpaid. */
    @StoredAs("billing.SubscriptionExpired")
    @Revision("1")
    public record SubscriptionExpired(SubscriptionId subscriptionId, AccountId accountId, String tenant,
                                      String planId, ChargeId lastChargeId, Instant expiredAt) {
    }

    /**
     * A cancellation at the period's end was asked for. Revision 2 keeps what was asked as one value; revision 1
     * listed its fields one by one, and {@link SubscriptionUpcaster} nests them.
     */
    @StoredAs("billing.SubscriptionCancellationScheduled")
    @Revision("2")
    public record SubscriptionCancellationScheduled(SubscriptionId subscriptionId, AccountId accountId,
                                                    String tenant, Instant cancelAt, CancellationRequest request,
                                                    Instant requestedAt, SubscriptionStatus statusAfter)
            implements Cancelling {
    }

    /**
     * What a cancellation asked for.
     *
     * @param refundRequested the customer asked for a refund with this cancellation
     * @param refundCaseId    the refund case opened for it, if any
     */
    public record CancellationRequest(String reason, boolean refundRequested, String refundReason,
                                      String refundCaseId) {

        /** A cancellation the service made itself: the scheduled end arrived. */
        public static final CancellationRequest NONE = new CancellationRequest(null, false, null, null);
    }

    /** An event of a cancellation, with what it asked for read field by field. */
    public interface Cancelling {

        CancellationRequest request();

        default String reason() {
            return request().reason();
        }

        default boolean refundRequested() {
            return request().refundRequested();
        }

        default String refundReason() {
            return request().refundReason();
        }

        default String refundCaseId() {
            return request().refundCaseId();
        }
    }

    /** @param status the state the subscription returns to */
    @StoredAs("billing.SubscriptionCancellationWithdrawn")
    @Revision("1")
    public record SubscriptionCancellationWithdrawn(SubscriptionId subscriptionId, AccountId accountId,
                                                    String tenant, SubscriptionStatus status, Instant withdrawnAt,
                                                    SubscriptionStatus statusAfter) {
    }

    /**
     * A subscription ended by cancellation. Revision 2 keeps what was asked as one value; revision 1 listed its fields
     * one by one, and {@link SubscriptionUpcaster} nests them.
     *
     * @param request what the cancellation asked for; a refund is requested only on the event of the request itself
     *                (an END_OF_PERIOD request carries it on the scheduling event, and its end here asks for nothing)
     */
    @StoredAs("billing.SubscriptionCancelled")
    @Revision("2")
    public record SubscriptionCancelled(SubscriptionId subscriptionId, AccountId accountId, String tenant,
                                        SubscriptionCancellationMode mode, CancellationRequest request,
                                        SubscriptionPeriod period, Instant cancelledAt) implements Cancelling {
    }

    /** @param suspended this was the first hold: the subscription went to SUSPENDED */
    @StoredAs("billing.SubscriptionHoldPlaced")
    @Revision("1")
    public record SubscriptionSuspensionPlaced(SubscriptionId subscriptionId, AccountId accountId, String tenant,
                                         SuspensionReason reason, String reference, boolean suspended,
                                         SubscriptionStatus statusBefore, Instant placedAt) {
    }

    /** @param reinstatedTo the state restored when this was the last hold, otherwise {@code null} */
    @StoredAs("billing.SubscriptionHoldLifted")
    @Revision("1")
    public record SubscriptionSuspensionLifted(SubscriptionId subscriptionId, AccountId accountId, String tenant,
                                         SuspensionReason reason, String reference, SubscriptionStatus reinstatedTo,
                                         Instant liftedAt) {
    }

    @StoredAs("billing.SubscriptionTerminated")
    @Revision("1")
    public record SubscriptionTerminated(SubscriptionId subscriptionId, AccountId accountId, String tenant,
                                         SuspensionReason reason, String reference, Instant terminatedAt) {
    }

    /** A charge fell due while suspended and waits for reinstatement. */
    @StoredAs("billing.SubscriptionChargePostponed")
    @Revision("1")
    public record SubscriptionChargePostponed(SubscriptionId subscriptionId, SubscriptionPostponedCharge charge,
                                              Instant postponedAt) {
    }

    @StoredAs("billing.SubscriptionPlanChangeScheduled")
    @Revision("1")
    public record SubscriptionPlanChangeScheduled(SubscriptionId subscriptionId, AccountId accountId, String tenant,
                                                  PlanTerms plan, Instant effectiveAt, Instant requestedAt) {
    }

    @StoredAs("billing.SubscriptionPaymentMethodChanged")
    @Revision("1")
    public record SubscriptionPaymentMethodChanged(SubscriptionId subscriptionId, String paymentMethod,
                                                   Instant changedAt) {
    }

    private SubscriptionEvents() {
    }
}
