package dev.fairbill.refund.policy;

import static dev.fairbill.refund.policy.Expected.approved;
import static dev.fairbill.refund.policy.Expected.denied;
import static dev.fairbill.refund.policy.Expected.review;
import static dev.fairbill.contracts.refund.RefundReason.CHANGE_OF_MIND;
import static dev.fairbill.contracts.refund.RefundReason.DISSATISFIED;
import static dev.fairbill.contracts.refund.RefundReason.DUPLICATE_CHARGE;
import static dev.fairbill.contracts.refund.RefundReason.FAILED_ACTIVATION;
import static dev.fairbill.contracts.refund.RefundReason.FRAUDULENT_TRANSACTION;
import static dev.fairbill.contracts.refund.RefundReason.PARTIAL_USE;
import static dev.fairbill.contracts.refund.RefundReason.SERVICE_UNAVAILABLE;
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

/** The template {@code exceptions-within-7-days} (exceptions-within-7-days), clause by clause (docs/domain.md). */
class ExceptionsWithin7DaysTemplateTest extends TemplateDecisionTable {

    private static final Duration SECOND = Duration.ofSeconds(1);

    ExceptionsWithin7DaysTemplateTest() {
        super(Policies.EXCEPTIONS_WITHIN_7_DAYS);
    }

    @Override
    List<Arguments> clauses() {
        return List.of(
                row("exceptions-within-7-days part 4: exactly 7 days (168 h) after the purchase is inside the window",
                        Given.charge(), DUPLICATE_CHARGE, hours(168), review("duplicate-unflagged")),
                row("exceptions-within-7-days part 4: 168 h + 1 s after the purchase is outside the window",
                        Given.charge(), DUPLICATE_CHARGE, hours(168).plus(SECOND), denied("outside-window")),
                row("exceptions-within-7-days part 4: the window is checked first, before a long outage",
                        Given.monthlySubscription().incident(Given.START.plus(hours(1)), hours(30)),
                        SERVICE_UNAVAILABLE, days(8), denied("outside-window")),
                row("exceptions-within-7-days part 4: the window is checked first, before fraud with proof",
                        Given.charge(), Given.charge().asking(FRAUDULENT_TRANSACTION, "POLICE_REPORT"),
                        hours(168).plus(SECOND), denied("outside-window")),
                row("exceptions-within-7-days part 4: a subscription's window runs from the period start (7 days + 1 s)",
                        Given.monthlySubscription(), CHANGE_OF_MIND, days(7).plus(SECOND), denied("outside-window")),
                row("exceptions-within-7-days part 3 + across all templates: a flagged duplicate is refunded even after 7 days",
                        Given.charge().flaggedDuplicateOf("ch_0"), DUPLICATE_CHARGE, days(10),
                        approved("duplicate-flagged", 1000, Destination.ORIGINAL_PAYMENT_METHOD)),
                row("exceptions-within-7-days part 3: an unflagged duplicate within 7 days is reviewed",
                        Given.charge(), DUPLICATE_CHARGE, days(2), review("duplicate-unflagged")),
                row("exceptions-within-7-days part 3: an incident of exactly 24 h is not more than 24 consecutive hours",
                        Given.monthlySubscription().incident(Given.START.plus(hours(2)), hours(24)),
                        SERVICE_UNAVAILABLE, days(3), denied("outage-too-short")),
                row("exceptions-within-7-days part 3: an incident of 24 h + 1 s is reviewed",
                        Given.monthlySubscription().incident(Given.START.plus(hours(2)), hours(24).plus(SECOND)),
                        SERVICE_UNAVAILABLE, days(3), review("long-outage-review")),
                row("exceptions-within-7-days part 3: two 20 h incidents are not 24 consecutive hours",
                        Given.monthlySubscription().incident(Given.START.plus(hours(1)), hours(20))
                                .incident(Given.START.plus(hours(30)), hours(20)),
                        SERVICE_UNAVAILABLE, days(4), denied("outage-too-short")),
                row("exceptions-within-7-days part 3: an outage still going on counts up to now (30 h)",
                        Given.monthlySubscription().ongoingIncident(Given.START.plus(hours(18))),
                        SERVICE_UNAVAILABLE, hours(48), review("long-outage-review")),
                row("exceptions-within-7-days part 3: only the part of an incident inside the period counts (20 h of 40 h)",
                        Given.monthlySubscription().incident(Given.START.minus(hours(20)), hours(40)),
                        SERVICE_UNAVAILABLE, days(2), denied("outage-too-short")),
                row("exceptions-within-7-days part 3: no recorded incident is denied",
                        Given.monthlySubscription(), SERVICE_UNAVAILABLE, days(1), denied("outage-too-short")),
                row("exceptions-within-7-days part 3: fraud with a police report is reviewed",
                        Given.charge(), Given.charge().asking(FRAUDULENT_TRANSACTION, "POLICE_REPORT"), days(1),
                        review("fraud-with-proof")),
                row("exceptions-within-7-days part 3: fraud with bank proof is reviewed",
                        Given.charge(), Given.charge().asking(FRAUDULENT_TRANSACTION, "SCREENSHOT", "BANK_PROOF"),
                        days(1), review("fraud-with-proof")),
                row("exceptions-within-7-days part 3: fraud with only a screenshot is denied for the missing proof",
                        Given.charge(), Given.charge().asking(FRAUDULENT_TRANSACTION, "SCREENSHOT"), days(1),
                        denied("fraud-without-proof")),
                row("exceptions-within-7-days part 2: change of mind is not refundable",
                        Given.monthlySubscription(), CHANGE_OF_MIND, days(1), denied("non-refundable")),
                row("exceptions-within-7-days part 2: unused credits are not refundable",
                        Given.creditPack(), UNUSED_CREDITS, days(1), denied("non-refundable")),
                row("exceptions-within-7-days part 2: partial use is not refundable",
                        Given.monthlySubscription().used(10), PARTIAL_USE, days(1), denied("non-refundable")),
                row("exceptions-within-7-days part 2: dissatisfaction within stated limits is not refundable",
                        Given.monthlySubscription(), DISSATISFIED, days(1), denied("non-refundable")),
                row("exceptions-within-7-days part 2: a reason the template does not list is denied by its final-sale clause",
                        Given.monthlySubscription(), FAILED_ACTIVATION, days(1), denied("final-sale")));
    }

    @Test
    void theFraudDenialNamesTheMissingProof() {
        Given given = Given.charge();
        Decision decision = decide(given, given.asking(FRAUDULENT_TRANSACTION, "SCREENSHOT"), days(1));

        assertThat(decision.explanation()).contains("police report or bank proof is missing");
    }

    @Test
    void theWindowDenialSaysHowLongTheWindowIs() {
        Given given = Given.charge();
        Decision decision = decide(given, given.asking(CHANGE_OF_MIND), days(30));

        assertThat(decision.explanation()).startsWith("Refund requests must be made within 7 days of the purchase");
    }
}
