package dev.fairbill.refund.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.fairbill.contracts.refund.RefundReason;
import dev.fairbill.platform.money.Money;
import dev.fairbill.refund.policy.RefundFacts.ChargeFacts;
import dev.fairbill.refund.policy.RefundFacts.DisputeState;
import dev.fairbill.refund.policy.RefundFacts.IncidentFacts;
import dev.fairbill.refund.policy.RefundFacts.PurchaseFacts;
import dev.fairbill.refund.policy.RefundFacts.SubscriptionFacts;
import dev.fairbill.refund.policy.RefundFacts.UsageFacts;
import dev.fairbill.refund.policy.RefundRequest.Target;
import dev.fairbill.refund.policy.RefundRequest.TargetKind;

/** The facts of a refund request in tests, starting from the fixture catalog (EUR). */
final class Given {

    /** A Monday: the start of every period and purchase below. */
    static final Instant START = Instant.parse("2026-03-02T10:00:00Z");
    /** A month after {@link #START}: 31 days. */
    static final Instant MONTH_END = Instant.parse("2026-04-02T10:00:00Z");
    /** A year after {@link #START}: 365 days. */
    static final Instant YEAR_END = Instant.parse("2027-03-02T10:00:00Z");

    private TargetKind target;
    private long chargeAmount;
    private long refunded;
    private DisputeState dispute = DisputeState.NONE;
    private String duplicateOf;
    private boolean charged = true;
    private long creditsUsed;
    private final List<IncidentFacts> incidents = new ArrayList<>();

    private String plan;
    private Instant periodEnd;
    private long listPrice;
    private Integer couponPercentOff;
    private long includedCredits;

    private String product;
    private String productKind;
    private long ordered;
    private long delivered;
    private long currentCount;
    private String fulfilment;
    private Instant completedAt;
    private Duration maxDeliveryTime;
    private Duration refillWindow;

    private Given(TargetKind target, long chargeAmount) {
        this.target = target;
        this.chargeAmount = chargeAmount;
    }

    static Money eur(long minor) {
        return Money.of(minor, "EUR");
    }

    /** Plan {@code monthly}: 1000 a month, 100 credits, the current period from {@link #START} (31 days). */
    static Given monthlySubscription() {
        return new Given(TargetKind.SUBSCRIPTION, 1000).plan("monthly", MONTH_END, 1000, 100);
    }

    /** Plan {@code yearly}: 10000 a year against a list price of 12 × 1000, 1200 credits (365 days). */
    static Given yearlySubscription() {
        return new Given(TargetKind.SUBSCRIPTION, 10000).plan("yearly", YEAR_END, 12000, 1200);
    }

    /** Product {@code followers-2000}: 2000, 2000 followers, refill window 30 days, maximum delivery 72 h. */
    static Given deliveryOrder() {
        Given given = new Given(TargetKind.PURCHASE, 2000).product("followers-2000", "DELIVERY_ORDER", "NOT_STARTED");
        given.ordered = 2000;
        given.maxDeliveryTime = Duration.ofHours(72);
        given.refillWindow = Duration.ofDays(30);
        return given;
    }

    /** Product {@code credits-500}: 2500 for 500 purchased credits. */
    static Given creditPack() {
        return new Given(TargetKind.PURCHASE, 2500).product("credits-500", "CREDIT_PACK", "COMPLETED");
    }

    /** A bare charge of 1000 captured at {@link #START}. */
    static Given charge() {
        return new Given(TargetKind.CHARGE, 1000);
    }

    Given aboutTheCharge() {
        target = TargetKind.CHARGE;
        return this;
    }

    /** What was charged: the purchase's or the current period's price (after a coupon or a prepaid discount). */
    Given paid(long minor) {
        chargeAmount = minor;
        return this;
    }

    Given couponPercentOff(int percent) {
        couponPercentOff = percent;
        return paid(listPrice * (100 - percent) / 100);
    }

    Given refunded(long minor) {
        refunded = minor;
        return this;
    }

    Given dispute(DisputeState state) {
        dispute = state;
        return this;
    }

    Given flaggedDuplicateOf(String original) {
        duplicateOf = original;
        return this;
    }

    Given notCharged() {
        charged = false;
        return this;
    }

    Given used(long credits) {
        creditsUsed = credits;
        return this;
    }

    Given incident(Instant startedAt, Duration length) {
        incidents.add(new IncidentFacts("inc_" + (incidents.size() + 1), startedAt, startedAt.plus(length), "ALL"));
        return this;
    }

    Given ongoingIncident(Instant startedAt) {
        incidents.add(new IncidentFacts("inc_" + (incidents.size() + 1), startedAt, null, "ALL"));
        return this;
    }

    /** Fulfilment reported by the delivering system, {@code delivered} of the ordered quantity so far. */
    Given fulfilment(String status, long deliveredSoFar) {
        fulfilment = status;
        delivered = deliveredSoFar;
        currentCount = deliveredSoFar;
        return this;
    }

    /** Delivered in full at {@code at}; the count is now {@code count}. */
    Given completed(Instant at, long count) {
        fulfilment("COMPLETED", ordered);
        completedAt = at;
        currentCount = count;
        return this;
    }

    Given refillWindow(Duration window) {
        refillWindow = window;
        return this;
    }

    RefundFacts facts() {
        ChargeFacts charge = charged ? new ChargeFacts("ch_1", "acct_1", eur(chargeAmount), eur(refunded), eur(0),
                START, duplicateOf, dispute) : null;
        SubscriptionFacts subscription = plan == null ? null : new SubscriptionFacts("sub_1", "acct_1", plan,
                periodEnd.equals(YEAR_END) ? "YEAR" : "MONTH", "ACTIVE", START, periodEnd, eur(listPrice),
                eur(chargeAmount), couponPercentOff, includedCredits, "ch_1");
        PurchaseFacts purchase = product == null ? null : new PurchaseFacts("pur_1", "acct_1", product, productKind,
                eur(chargeAmount), "ch_1", START, ordered, delivered, currentCount, fulfilment, completedAt,
                maxDeliveryTime, refillWindow);
        return new RefundFacts(charge, subscription, purchase, new UsageFacts(creditsUsed), incidents);
    }

    RefundRequest asking(RefundReason reason, String... evidence) {
        return new RefundRequest(reason, target(), null, List.of(evidence));
    }

    RefundRequest asking(RefundReason reason, Money requested) {
        return new RefundRequest(reason, target(), requested, List.of());
    }

    private Target target() {
        return new Target(target, switch (target) {
            case CHARGE -> "ch_1";
            case PURCHASE -> "pur_1";
            case SUBSCRIPTION -> "sub_1";
        });
    }

    private Given plan(String id, Instant end, long list, long credits) {
        plan = id;
        periodEnd = end;
        listPrice = list;
        includedCredits = credits;
        return this;
    }

    private Given product(String id, String kind, String status) {
        product = id;
        productKind = kind;
        fulfilment = status;
        return this;
    }
}
