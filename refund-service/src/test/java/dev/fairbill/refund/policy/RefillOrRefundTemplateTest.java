package dev.fairbill.refund.policy;

import static dev.fairbill.refund.policy.Expected.approved;
import static dev.fairbill.refund.policy.Expected.denied;
import static dev.fairbill.refund.policy.Expected.remedy;
import static dev.fairbill.refund.policy.Expected.review;
import static dev.fairbill.contracts.refund.RefundReason.CHANGE_OF_MIND;
import static dev.fairbill.contracts.refund.RefundReason.COUNT_DROPPED;
import static dev.fairbill.contracts.refund.RefundReason.DELIVERY_STALLED;
import static dev.fairbill.contracts.refund.RefundReason.DISSATISFIED;
import static dev.fairbill.contracts.refund.RefundReason.NEVER_STARTED;
import static dev.fairbill.contracts.refund.RefundReason.PARTIAL_DELIVERY;
import static dev.fairbill.contracts.refund.RefundReason.WRONG_SERVICE;
import static dev.fairbill.refund.policy.Scenario.days;
import static dev.fairbill.refund.policy.Scenario.hours;
import static dev.fairbill.refund.policy.Scenario.row;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.params.provider.Arguments;

import dev.fairbill.contracts.refund.RefundReason;
import dev.fairbill.refund.policy.Decision.Destination;

/**
 * The template {@code refill-or-refund} (refill-or-refund), clause by clause (docs/domain.md), on the fixture catalog's
 * {@code followers-2000}: 2000 paid for 2000 followers, maximum delivery time 72 h, refill window 30 days.
 */
class RefillOrRefundTemplateTest extends TemplateDecisionTable {

    private static final Destination WALLET = Destination.ACCOUNT_BALANCE;
    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final Instant COMPLETED = Given.START.plus(days(2));

    RefillOrRefundTemplateTest() {
        super(Policies.REFILL_OR_REFUND);
    }

    @Override
    List<Arguments> clauses() {
        return List.of(
                row("refill-or-refund refund case 1: never started → the full amount to the wallet",
                        Given.deliveryOrder(), NEVER_STARTED, hours(5), approved("never-started", 2000, WALLET)),
                row("refill-or-refund refund case 1: failed with nothing delivered → the full amount",
                        Given.deliveryOrder().fulfilment("FAILED", 0), NEVER_STARTED, hours(5),
                        approved("never-started", 2000, WALLET)),
                row("refill-or-refund refund case 1: asked about the charge that paid the order",
                        Given.deliveryOrder().aboutTheCharge(), NEVER_STARTED, hours(5),
                        approved("never-started", 2000, WALLET)),
                row("refill-or-refund refund case 1: what was refunded before is not refunded again (2000 − 500)",
                        Given.deliveryOrder().refunded(500), NEVER_STARTED, hours(5),
                        approved("never-started", 1500, WALLET)),
                row("refill-or-refund refund case 3: the undelivered part counts what was refunded before (1000 − 400)",
                        Given.deliveryOrder().fulfilment("PARTIAL", 1000).refunded(400), PARTIAL_DELIVERY, hours(5),
                        approved("partial-delivery", 600, WALLET)),
                row("refill-or-refund refund case 1: failed after delivering some is not never started",
                        Given.deliveryOrder().fulfilment("FAILED", 300), NEVER_STARTED, hours(5),
                        denied("delivery-already-started")),
                row("refill-or-refund refund case 1: in progress is not never started",
                        Given.deliveryOrder().fulfilment("IN_PROGRESS", 0), NEVER_STARTED, hours(5),
                        denied("delivery-already-started")),
                row("refill-or-refund refund case 2: exactly at the 72 h maximum delivery time it is not stalled yet",
                        Given.deliveryOrder().fulfilment("IN_PROGRESS", 500), DELIVERY_STALLED, hours(72),
                        denied("delivery-within-estimate")),
                row("refill-or-refund refund case 2: 72 h + 1 s → the undelivered part, 2000 × 1500 ÷ 2000 = 1500",
                        Given.deliveryOrder().fulfilment("IN_PROGRESS", 500), DELIVERY_STALLED,
                        hours(72).plus(SECOND), approved("delivery-stalled", 1500, WALLET)),
                row("refill-or-refund refund case 2: stalled before anything was delivered → all of it",
                        Given.deliveryOrder(), DELIVERY_STALLED, hours(73), approved("delivery-stalled", 2000, WALLET)),
                row("refill-or-refund refund case 2: a completed order is not stalled",
                        Given.deliveryOrder().completed(COMPLETED, 2000), DELIVERY_STALLED, hours(100),
                        denied("delivery-within-estimate")),
                row("refill-or-refund refund case 3: partial, 1234 of 2000 → 2000 × 766 ÷ 2000 = 766",
                        Given.deliveryOrder().fulfilment("PARTIAL", 1234), PARTIAL_DELIVERY, hours(80),
                        approved("partial-delivery", 766, WALLET)),
                row("refill-or-refund refund case 3: half-even rounding, 999 × 1000 ÷ 2000 = 499.5 → 500",
                        Given.deliveryOrder().paid(999).fulfilment("PARTIAL", 1000), PARTIAL_DELIVERY, hours(80),
                        approved("partial-delivery", 500, WALLET)),
                row("refill-or-refund refund case 3: half-even rounding, 997 × 1000 ÷ 2000 = 498.5 → 498",
                        Given.deliveryOrder().paid(997).fulfilment("PARTIAL", 1000), PARTIAL_DELIVERY, hours(80),
                        approved("partial-delivery", 498, WALLET)),
                row("refill-or-refund refund case 3: an order still in progress is not a partial delivery",
                        Given.deliveryOrder().fulfilment("IN_PROGRESS", 1000), PARTIAL_DELIVERY, hours(10),
                        denied("not-partially-delivered")),
                row("refill-or-refund refills: a drop to 1600 inside the window → refill 400",
                        Given.deliveryOrder().completed(COMPLETED, 1600), COUNT_DROPPED, days(12),
                        remedy("refill", RemedyKind.REFILL, 400L)),
                row("refill-or-refund refills: exactly at the end of the 30-day window (from completion) → refill",
                        Given.deliveryOrder().completed(COMPLETED, 1600), COUNT_DROPPED, days(2 + 30),
                        remedy("refill", RemedyKind.REFILL, 400L)),
                row("refill-or-refund not covered: 1 s after the refill window closed",
                        Given.deliveryOrder().completed(COMPLETED, 1600), COUNT_DROPPED, days(2 + 30).plus(SECOND),
                        denied("refill-window-closed")),
                row("refill-or-refund refills: the product's own window (365 days) is used",
                        Given.deliveryOrder().refillWindow(days(365)).completed(COMPLETED, 1900), COUNT_DROPPED,
                        days(200), remedy("refill", RemedyKind.REFILL, 100L)),
                row("refill-or-refund refills: a product that states none gets the policy's refillWindow (30 days)",
                        Given.deliveryOrder().refillWindow(null).completed(COMPLETED, 1900), COUNT_DROPPED,
                        days(2 + 31), denied("refill-window-closed")),
                row("refill-or-refund refills: a count not below the ordered quantity has nothing to refill",
                        Given.deliveryOrder().completed(COMPLETED, 2000), COUNT_DROPPED, days(10),
                        denied("no-count-drop")),
                row("refill-or-refund refills: a delivery not completed yet has no refill window",
                        Given.deliveryOrder().fulfilment("IN_PROGRESS", 800), COUNT_DROPPED, days(1),
                        denied("no-count-drop")),
                row("refill-or-refund refund case 4: the wrong service by our mistake is reviewed",
                        Given.deliveryOrder().completed(COMPLETED, 2000), WRONG_SERVICE, days(3),
                        review("wrong-service", WALLET)),
                row("refill-or-refund grey areas: change of mind before delivery started is reviewed",
                        Given.deliveryOrder(), CHANGE_OF_MIND, hours(1), review("change-of-mind-before-start", WALLET)),
                row("refill-or-refund not covered (1): change of mind after delivery started",
                        Given.deliveryOrder().fulfilment("IN_PROGRESS", 10), CHANGE_OF_MIND, hours(1),
                        denied("change-of-mind-after-start")),
                row("refill-or-refund not covered: a reason the template does not list is denied by its final-sale clause",
                        Given.deliveryOrder().completed(COMPLETED, 2000), DISSATISFIED, days(3), denied("final-sale")),
                row("refill-or-refund: the policy covers delivery orders; a subscription is final",
                        Given.monthlySubscription(), CHANGE_OF_MIND, hours(1), denied("not-a-delivery-order")),
                row("refill-or-refund: the policy covers delivery orders; a credit pack is final",
                        Given.creditPack(), NEVER_STARTED, hours(1), denied("not-a-delivery-order")));
    }
}
