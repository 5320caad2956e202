package dev.fairbill.refund.policy;

import static dev.fairbill.refund.policy.Expected.approved;
import static dev.fairbill.refund.policy.Expected.denied;
import static dev.fairbill.refund.policy.Expected.remedy;
import static dev.fairbill.refund.policy.Expected.review;
import static dev.fairbill.contracts.refund.RefundReason.CHANGE_OF_MIND;
import static dev.fairbill.contracts.refund.RefundReason.COOLING_OFF;
import static dev.fairbill.contracts.refund.RefundReason.DUPLICATE_CHARGE;
import static dev.fairbill.contracts.refund.RefundReason.SERVICE_UNAVAILABLE;
import static dev.fairbill.contracts.refund.RefundReason.TECHNICAL_ISSUE;
import static dev.fairbill.contracts.refund.RefundReason.UNUSED_CREDITS;
import static dev.fairbill.refund.policy.Scenario.days;
import static dev.fairbill.refund.policy.Scenario.hours;
import static dev.fairbill.refund.policy.Scenario.row;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

import dev.fairbill.contracts.refund.RefundReason;
import dev.fairbill.refund.policy.Decision.Destination;

/**
 * The template {@code final-sale-duplicates-refunded} (final-sale-duplicates-refunded), clause by clause
 * (docs/domain.md). The
 * monthly period is 31 days (2,678,400 s) with 100 included credits; the yearly one 365 days with 1200.
 */
class FinalSaleDuplicatesRefundedTemplateTest extends TemplateDecisionTable {

    private static final Duration IN_PERIOD = hours(5);

    FinalSaleDuplicatesRefundedTemplateTest() {
        super(Policies.FINAL_SALE_DUPLICATES_REFUNDED);
    }

    @Override
    List<Arguments> clauses() {
        return List.of(
                row("final-sale-duplicates-refunded §4.3: a flagged duplicate is refunded, the duplicate only, to the original method",
                        Given.monthlySubscription().aboutTheCharge().flaggedDuplicateOf("ch_0"), DUPLICATE_CHARGE,
                        days(1), approved("duplicate-flagged", 1000, Destination.ORIGINAL_PAYMENT_METHOD)),
                row("final-sale-duplicates-refunded §4.3: an unflagged duplicate is reviewed",
                        Given.monthlySubscription().aboutTheCharge(), DUPLICATE_CHARGE, days(1),
                        review("duplicate-unflagged")),
                row("final-sale-duplicates-refunded §4.2: a 12 h outage → 100 × 43200 ÷ 2678400 = 1.61 → 2 service credits",
                        Given.monthlySubscription().incident(Given.START.plus(IN_PERIOD), hours(12)),
                        SERVICE_UNAVAILABLE, days(2), remedy("outage-service-credit", RemedyKind.SERVICE_CREDIT, 2L)),
                row("final-sale-duplicates-refunded §4.2: rounding half-up, 18 h 36 min → exactly 2.5 → 3 credits",
                        Given.monthlySubscription().incident(Given.START.plus(IN_PERIOD), Duration.ofMinutes(1116)),
                        SERVICE_UNAVAILABLE, days(2), remedy("outage-service-credit", RemedyKind.SERVICE_CREDIT, 3L)),
                row("final-sale-duplicates-refunded §4.2: a 1-minute outage still earns at least 1 credit",
                        Given.monthlySubscription().incident(Given.START.plus(IN_PERIOD), Duration.ofMinutes(1)),
                        SERVICE_UNAVAILABLE, days(2), remedy("outage-service-credit", RemedyKind.SERVICE_CREDIT, 1L)),
                row("final-sale-duplicates-refunded §4.2: yearly, 24 h → 1200 × 86400 ÷ 31536000 = 3.29 → 3 credits",
                        Given.yearlySubscription().incident(Given.START.plus(days(40)), hours(24)),
                        SERVICE_UNAVAILABLE, days(45), remedy("outage-service-credit", RemedyKind.SERVICE_CREDIT, 3L)),
                row("final-sale-duplicates-refunded §4.2: overlapping incidents count once (0–12 h and 6–18 h → 18 h → 2.42 → 2)",
                        Given.monthlySubscription().incident(Given.START.plus(IN_PERIOD), hours(12))
                                .incident(Given.START.plus(IN_PERIOD).plus(hours(6)), hours(12)),
                        SERVICE_UNAVAILABLE, days(2), remedy("outage-service-credit", RemedyKind.SERVICE_CREDIT, 2L)),
                row("final-sale-duplicates-refunded §4.2: only the part inside the current period counts (12 h of 18 h → 2 credits)",
                        Given.monthlySubscription().incident(Given.START.minus(hours(6)), hours(18)),
                        SERVICE_UNAVAILABLE, days(2), remedy("outage-service-credit", RemedyKind.SERVICE_CREDIT, 2L)),
                row("final-sale-duplicates-refunded §4.2: an incident before the period is not compensated",
                        Given.monthlySubscription().incident(Given.START.minus(days(3)), hours(30)),
                        SERVICE_UNAVAILABLE, days(2), denied("no-recorded-outage")),
                row("final-sale-duplicates-refunded §4.2: no recorded incident is denied",
                        Given.monthlySubscription(), SERVICE_UNAVAILABLE, days(2), denied("no-recorded-outage")),
                row("final-sale-duplicates-refunded §4.2: outages are compensated on subscriptions only, never with money",
                        Given.creditPack().incident(Given.START.plus(IN_PERIOD), hours(12)), SERVICE_UNAVAILABLE,
                        days(2), denied("no-recorded-outage")),
                row("final-sale-duplicates-refunded §4.1: a technical issue is reviewed (service credits or extension at discretion)",
                        Given.monthlySubscription(), TECHNICAL_ISSUE, days(2), review("technical-issue-review")),
                row("final-sale-duplicates-refunded §2.1: change of mind is denied by the final-sale clause",
                        Given.monthlySubscription(), CHANGE_OF_MIND, hours(1), denied("final-sale")),
                row("final-sale-duplicates-refunded §3.2: one-time credit purchases are final",
                        Given.creditPack(), UNUSED_CREDITS, hours(1), denied("final-sale")),
                row("final-sale-duplicates-refunded §1.3: immediate cancellation refunds nothing of the current period",
                        Given.monthlySubscription(), COOLING_OFF, hours(1), denied("final-sale")));
    }

    @Test
    void theServiceCreditExplanationSaysHowLongTheOutageWasAndHowManyCredits() {
        Given given = Given.monthlySubscription().incident(Given.START.plus(IN_PERIOD), hours(12));
        Decision decision = decide(given, given.asking(SERVICE_UNAVAILABLE), days(2));

        assertThat(decision.explanation()).contains("12 hours of service interruption", "in proportion to the outage: 2 ",
                "100 credits per period");
    }
}
