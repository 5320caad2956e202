package dev.fairbill.refund.policy;

import static dev.fairbill.refund.policy.Expected.denied;
import static dev.fairbill.refund.policy.Expected.remedy;
import static dev.fairbill.refund.policy.Expected.review;
import static dev.fairbill.contracts.refund.RefundReason.ADMIN_OVERCHARGE;
import static dev.fairbill.contracts.refund.RefundReason.CHANGE_OF_MIND;
import static dev.fairbill.contracts.refund.RefundReason.COOLING_OFF;
import static dev.fairbill.contracts.refund.RefundReason.DUPLICATE_CHARGE;
import static dev.fairbill.contracts.refund.RefundReason.FAILED_ACTIVATION;
import static dev.fairbill.contracts.refund.RefundReason.NO_BENEFIT_DELIVERED;
import static dev.fairbill.contracts.refund.RefundReason.PARTIAL_USE;
import static dev.fairbill.contracts.refund.RefundReason.SERVICE_UNAVAILABLE;
import static dev.fairbill.contracts.refund.RefundReason.UNUSED_CREDITS;
import static dev.fairbill.contracts.refund.RefundReason.WRONG_RENEWAL;
import static dev.fairbill.refund.policy.Scenario.days;
import static dev.fairbill.refund.policy.Scenario.hours;
import static dev.fairbill.refund.policy.Scenario.row;

import java.util.List;

import dev.fairbill.contracts.refund.RefundReason;
import org.junit.jupiter.params.provider.Arguments;

/** The template {@code final-sale-reseller} (final-sale-reseller), clause by clause (docs/domain.md). */
class FinalSaleResellerTemplateTest extends TemplateDecisionTable {

    FinalSaleResellerTemplateTest() {
        super(Policies.FINAL_SALE_RESELLER);
    }

    @Override
    List<Arguments> clauses() {
        return List.of(
                row("final-sale-reseller §8: a duplicate the system has not flagged goes to discretionary review",
                        Given.charge(), DUPLICATE_CHARGE, hours(2), review("duplicate-unflagged")),
                row("final-sale-reseller §8: an obvious administrative overcharge goes to discretionary review",
                        Given.charge(), ADMIN_OVERCHARGE, days(3), review("discretionary-review")),
                row("final-sale-reseller §8: no benefit delivered at all goes to discretionary review",
                        Given.monthlySubscription(), NO_BENEFIT_DELIVERED, days(3), review("discretionary-review")),
                row("final-sale-reseller §8: review has no request window (a year later)",
                        Given.charge(), ADMIN_OVERCHARGE, days(365), review("discretionary-review")),
                row("final-sale-reseller §7: a failed activation goes to support first (operational fix)",
                        Given.monthlySubscription(), FAILED_ACTIVATION, hours(1),
                        remedy("failed-activation", RemedyKind.OPERATIONAL_FIX, null)),
                row("final-sale-reseller §6: a renewal on the wrong device is corrected, not refunded",
                        Given.monthlySubscription(), WRONG_RENEWAL, days(1),
                        remedy("wrong-renewal", RemedyKind.ACCOUNT_CORRECTION, null)),
                row("final-sale-reseller §1, §12: change of mind is denied by the final-sale clause",
                        Given.monthlySubscription(), CHANGE_OF_MIND, hours(1), denied("final-sale")),
                row("final-sale-reseller §5: unused reseller credits are final",
                        Given.creditPack(), UNUSED_CREDITS, hours(1), denied("final-sale")),
                row("final-sale-reseller §4: a yearly bundle used in part is final",
                        Given.yearlySubscription().used(50), PARTIAL_USE, days(30), denied("final-sale")),
                row("final-sale-reseller §10: there is no cooling-off; cancelling is forward-looking",
                        Given.monthlySubscription(), COOLING_OFF, hours(1), denied("final-sale")),
                row("final-sale-reseller §1: a reason the template does not list is denied by its final-sale clause",
                        Given.monthlySubscription(), SERVICE_UNAVAILABLE, days(1), denied("final-sale")));
    }
}
