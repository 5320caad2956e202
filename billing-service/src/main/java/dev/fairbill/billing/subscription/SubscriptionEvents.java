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
     * values; revision 1 listed their fields one by one, and {@link SubscriptionTermsUpcaster} nests them.
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

    /** A period is due: the charging process captures {@code chargeId} for it. */
    @StoredAs("billing.SubscriptionChargeRequested")
    @Revision("1")
    public record SubscriptionChargeRequested(SubscriptionId subscriptionId, AccountId accountId, String tenant,
                                              ChargeId chargeId, PlanTerms plan, Money amount,
                                              SubscriptionPeriod period, Instant billingAnchor, long periodNumber,
                                              int attempt, String paymentMethod, String description,
                                              Instant requestedAt) {
    }

    /**
     * Access began: with the trial (no charge, trial credits) or with the first paid period.
     *
     * @param chargeId the charge that paid the first period, {@code null} for a trial
     */
    @StoredAs("billing.SubscriptionStarted")
    @Revision("1")
    public record SubscriptionStarted(SubscriptionId subscriptionId, AccountId accountId, String tenant,
                                      String planId, SubscriptionStatus status, SubscriptionPeriod period,
                                      long includedCredits, long trialCredits, Instant trialEndsAt, Money listPrice,
                                      Money price, Integer couponPercentOff, ChargeId chargeId, Instant startedAt,
                                      SubscriptionStatus statusAfter) {
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

    /** A further period was paid; final once processed (final-sale-reseller §6). */
    @StoredAs("billing.SubscriptionRenewed")
    @Revision("1")
    public record SubscriptionRenewed(SubscriptionId subscriptionId, AccountId accountId, String tenant,
                                      String planId, SubscriptionPeriod period, long includedCredits,
                                      Money listPrice, Money price, Integer couponPercentOff, ChargeId chargeId,
                                      Instant renewedAt, SubscriptionStatus statusAfter) {
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

    @StoredAs("billing.SubscriptionCancellationScheduled")
    @Revision("1")
    public record SubscriptionCancellationScheduled(SubscriptionId subscriptionId, AccountId accountId,
                                                    String tenant, Instant cancelAt, String reason,
                                                    boolean refundRequested, String refundReason,
                                                    String refundCaseId, Instant requestedAt,
                                                    SubscriptionStatus statusAfter) {
    }

    /** @param status the state the subscription returns to */
    @StoredAs("billing.SubscriptionCancellationWithdrawn")
    @Revision("1")
    public record SubscriptionCancellationWithdrawn(SubscriptionId subscriptionId, AccountId accountId,
                                                    String tenant, SubscriptionStatus status, Instant withdrawnAt,
                                                    SubscriptionStatus statusAfter) {
    }

    /**
     * @param refundRequested the customer asked for a refund with this cancellation (only on the event of the
     *                        request itself: an END_OF_PERIOD request carries it on the scheduling event)
     */
    @StoredAs("billing.SubscriptionCancelled")
    @Revision("1")
    public record SubscriptionCancelled(SubscriptionId subscriptionId, AccountId accountId, String tenant,
                                        SubscriptionCancellationMode mode, String reason, boolean refundRequested,
                                        String refundReason, String refundCaseId, SubscriptionPeriod period,
                                        Instant cancelledAt) {
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
