package dev.fairbill.refund.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.fairbill.platform.money.Money;

/**
 * Everything the engine may know about a request's target, gathered from refund-service's own projections of
 * billing's and the ledger's facts (no synchronous calls while deciding). Parts that do not apply are {@code null}.
 *
 * @param charge       the charge the money went through: the target charge, or the one that paid the purchase or the
 *                     subscription's current period; {@code null} when none was captured
 * @param subscription the subscription, for a subscription target (or a charge that paid one)
 * @param purchase     the purchase, for a purchase target (or a charge that paid one)
 * @param usage        credits used on the account since the purchase or the current period started
 * @param incidents    outages recorded by operators that overlap the current period (or since the purchase) and whose
 *                     scope covers the plan
 */
public record RefundFacts(ChargeFacts charge, SubscriptionFacts subscription, PurchaseFacts purchase,
                          UsageFacts usage, List<IncidentFacts> incidents) {

    public RefundFacts {
        usage = usage == null ? UsageFacts.NONE : usage;
        incidents = incidents == null ? List.of() : List.copyOf(incidents);
    }

    /**
     * @param refunded        refunded so far (to the card or as balance)
     * @param paidFromBalance the part paid from the customer's cash balance
     * @param duplicateOf     the original when billing flagged this charge a duplicate, else {@code null}
     * @param dispute         the state of a dispute on it
     */
    public record ChargeFacts(String chargeId, String accountId, Money amount, Money refunded, Money paidFromBalance,
                              Instant capturedAt, String duplicateOf, DisputeState dispute) {

        public boolean flaggedDuplicate() {
            return duplicateOf != null;
        }

        /** What may still be refunded: captured, less what was refunded or lost in a dispute. */
        public Money refundable() {
            return dispute == DisputeState.LOST ? Money.zero(amount.currency()) : amount.minus(refunded);
        }
    }

    public enum DisputeState {
        NONE,
        OPEN,
        WON,
        LOST
    }

    /**
     * @param interval         {@code MONTH} or {@code YEAR}
     * @param listPrice        the undiscounted price of one period (12 × monthly for a yearly plan; pre-coupon)
     * @param pricePaid        what the current period was charged
     * @param includedCredits  credits included per period
     */
    public record SubscriptionFacts(String subscriptionId, String accountId, String planId, String interval,
                                    String status, Instant periodStart, Instant periodEnd, Money listPrice,
                                    Money pricePaid, Integer couponPercentOff, long includedCredits,
                                    String latestChargeId) {
    }

    /**
     * @param kind             {@code CREDIT_PACK} or {@code DELIVERY_ORDER}
     * @param fulfilment       {@code NOT_STARTED}, {@code IN_PROGRESS}, {@code COMPLETED}, {@code PARTIAL} or
     *                         {@code FAILED}
     * @param completedAt      when fulfilment completed, or {@code null}
     * @param maxDeliveryTime  the product's maximum delivery time, or {@code null}
     * @param refillWindow     the product's refill window, or {@code null}
     */
    public record PurchaseFacts(String purchaseId, String accountId, String productId, String kind, Money amount,
                                String chargeId, Instant purchasedAt, long ordered, long delivered, long currentCount,
                                String fulfilment, Instant completedAt, Duration maxDeliveryTime,
                                Duration refillWindow) {
    }

    /** @param creditsUsed credits consumed or captured on holds since the start of the purchase or current period */
    public record UsageFacts(long creditsUsed) {

        public static final UsageFacts NONE = new UsageFacts(0);

        public boolean used() {
            return creditsUsed > 0;
        }
    }

    /** @param scope {@code ALL} or a plan id */
    public record IncidentFacts(String incidentId, Instant startedAt, Instant endedAt, String scope) {
    }
}
