package dev.fairbill.refund.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import dev.fairbill.contracts.refund.RefundReason;
import org.junit.jupiter.api.Test;

class PolicyVariablesTest {

    @Test
    void everyDeclaredVariableGetsAValueAndNoOtherDoes() {
        TenantPolicy policy = Policies.template(Policies.EXCEPTIONS_WITHIN_7_DAYS);
        Given given = Given.monthlySubscription();
        Situation situation = new Situation(given.facts(), given.asking(RefundReason.CHANGE_OF_MIND), Given.START,
                policy.parameters());

        assertThat(PolicyVariables.of(situation).keySet())
                .containsExactlyElementsOf(PolicyVariables.declarations(policy.parameters()).keySet());
    }

    @Test
    void factsThatDoNotApplyAreEmptyValues() {
        Given given = Given.charge();
        Situation situation = new Situation(given.facts(), given.asking(RefundReason.FRAUDULENT_TRANSACTION,
                "BANK_PROOF"), Given.START.plus(Duration.ofHours(3)), Policies.template(Policies.REFILL_OR_REFUND)
                .parameters());

        assertThat(PolicyVariables.of(situation)).containsEntry("reason", "FRAUDULENT_TRANSACTION")
                .containsEntry("target", "CHARGE")
                .containsEntry("evidence", List.of("BANK_PROOF"))
                .containsEntry("sinceStart", Duration.ofHours(3))
                .containsEntry("charged", true)
                .containsEntry("refundable", 1000L)
                .containsEntry("dispute", "NONE")
                .containsEntry("subscribed", false)
                .containsEntry("purchaseKind", "")
                .containsEntry("fulfilment", "")
                .containsEntry("ordered", 0L)
                .containsEntry("maxDeliveryPassed", false)
                .containsEntry("refillWindowOpen", false)
                .containsEntry("incidentsInPeriod", 0L)
                .containsEntry("longestIncident", Duration.ZERO)
                .containsEntry("params.refillWindow", Duration.ofDays(30))
                .containsEntry("params.holidays", List.of());
    }
}
