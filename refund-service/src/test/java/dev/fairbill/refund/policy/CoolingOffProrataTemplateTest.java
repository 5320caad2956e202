package dev.fairbill.refund.policy;

import static dev.fairbill.refund.policy.Expected.approved;
import static dev.fairbill.refund.policy.Expected.denied;
import static dev.fairbill.contracts.refund.RefundReason.CHANGE_OF_MIND;
import static dev.fairbill.contracts.refund.RefundReason.COOLING_OFF;
import static dev.fairbill.contracts.refund.RefundReason.DISSATISFIED;
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

/**
 * The template {@code cooling-off-prorata} (cooling-off-prorata), clause by clause (docs/domain.md), on the fixture
 * plans:
 * {@code monthly} 1000 (31-day period here), {@code yearly} 10000 against a list price of 12000 (365 days).
 */
class CoolingOffProrataTemplateTest extends TemplateDecisionTable {

    private static final Destination CARD = Destination.ORIGINAL_PAYMENT_METHOD;
    private static final Destination BALANCE = Destination.ACCOUNT_BALANCE;
    private static final Duration SECOND = Duration.ofSeconds(1);

    CoolingOffProrataTemplateTest() {
        super(Policies.COOLING_OFF_PRORATA);
    }

    @Override
    List<Arguments> clauses() {
        return List.of(
                row("cooling-off-prorata full refund: exactly 7 days after the period start, nothing used → all of it",
                        Given.monthlySubscription(), COOLING_OFF, days(7), approved("cooling-off-full", 1000, CARD)),
                row("cooling-off-prorata full refund: change of mind within 7 days, nothing used",
                        Given.yearlySubscription(), CHANGE_OF_MIND, days(3),
                        approved("cooling-off-full", 10000, CARD)),
                row("cooling-off-prorata full refund: unused credits within 7 days",
                        Given.monthlySubscription(), UNUSED_CREDITS, days(1), approved("cooling-off-full", 1000, CARD)),
                row("cooling-off-prorata partial refund: 7 days + 1 s → 8 days used, 1000 × 8 ÷ 31 = 258.06 → 258 → 742",
                        Given.monthlySubscription(), COOLING_OFF, days(7).plus(SECOND),
                        approved("prorata", 742, BALANCE)),
                row("cooling-off-prorata full refund needs nothing used (any component): 2 days → 64.52 → 65 → 935",
                        Given.monthlySubscription().used(1), CHANGE_OF_MIND, days(2),
                        approved("prorata", 935, BALANCE)),
                row("cooling-off-prorata partial refund: partial use is always pro-rata (1 day → 32.26 → 32 → 968)",
                        Given.monthlySubscription(), PARTIAL_USE, hours(3), approved("prorata", 968, BALANCE)),
                row("cooling-off-prorata refund process: yearly 99.5 days → 100 → 12000 × 100 ÷ 365 = 3287.67 → 3288 → 6712",
                        Given.yearlySubscription().used(300), PARTIAL_USE, hours(99 * 24 + 12),
                        approved("prorata", 6712, BALANCE)),
                row("cooling-off-prorata refund process: 20 % coupon (800), 10.2 days → 11 → 354.84 → 355 → 445",
                        Given.monthlySubscription().couponPercentOff(20).used(5), PARTIAL_USE,
                        Duration.ofMinutes(10 * 24 * 60 + 288), approved("prorata", 445, BALANCE)),
                row("cooling-off-prorata refund process: asked about the charge that paid the period",
                        Given.monthlySubscription().aboutTheCharge().used(1), PARTIAL_USE, days(2),
                        approved("prorata", 935, BALANCE)),
                row("cooling-off-prorata refund process: what was refunded before counts against what is owed (935 − 500)",
                        Given.monthlySubscription().refunded(500), PARTIAL_USE, days(2),
                        approved("prorata", 435, BALANCE)),
                row("cooling-off-prorata refund process: after a pro-rata refund of 968 the 935 owed two days in is paid",
                        Given.monthlySubscription().refunded(968), PARTIAL_USE, days(2),
                        denied("prorata-nothing-left")),
                row("cooling-off-prorata refund process: yearly after 320 days, the penalty eats it all → nothing left",
                        Given.yearlySubscription().used(900), PARTIAL_USE, days(320), denied("prorata-nothing-left")),
                row("cooling-off-prorata: only subscriptions to a paid plan are refunded, not a credit pack",
                        Given.creditPack(), COOLING_OFF, hours(1), denied("not-a-subscription")),
                row("cooling-off-prorata: a reason the template does not list is denied by its final-sale clause",
                        Given.monthlySubscription(), DISSATISFIED, days(1), denied("final-sale")),
                row("cooling-off-prorata: outages are not a refund reason of this template",
                        Given.monthlySubscription().incident(Given.START, hours(30)), SERVICE_UNAVAILABLE, days(2),
                        denied("final-sale")));
    }

    @Test
    void theProRataExplanationShowsTheArithmetic() {
        Given given = Given.yearlySubscription().used(300);
        Decision decision = decide(given, given.asking(PARTIAL_USE), hours(99 * 24 + 12));

        assertThat(decision.explanation()).contains("You used 100 of the 365 days",
                "undiscounted price of 120.00 EUR", "come to 32.88 EUR", "the 100.00 EUR you paid, less anything "
                        + "already refunded for it, is 67.12 EUR,");
    }

    @Test
    void aSmallerRequestedAmountIsWhatIsApproved() {
        Given given = Given.monthlySubscription();
        Decision decision = decide(given, given.asking(COOLING_OFF, Given.eur(300)), days(1));

        assertThat(decision.amount()).isEqualTo(Given.eur(300));
    }
}
