package dev.fairbill.refund.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fairbill.refund.policy.Decision.Destination;
import dev.fairbill.refund.policy.Decision.Outcome;

/** The decision a table row expects: outcome and clause, plus the amount, destination or remedy it gives. */
record Expected(Outcome outcome, String clause, Long amount, Destination destination, RemedyKind remedy,
                Long credits) {

    static Expected denied(String clause) {
        return new Expected(Outcome.DENIED, clause, null, null, null, null);
    }

    static Expected review(String clause) {
        return new Expected(Outcome.NEEDS_REVIEW, clause, null, null, null, null);
    }

    /** In review, and an approval sends the money to {@code destination} unless the reviewer names another. */
    static Expected review(String clause, Destination destination) {
        return new Expected(Outcome.NEEDS_REVIEW, clause, null, destination, null, null);
    }

    static Expected approved(String clause, long amount, Destination destination) {
        return new Expected(Outcome.APPROVED, clause, amount, destination, null, null);
    }

    static Expected remedy(String clause, RemedyKind kind, Long credits) {
        return new Expected(Outcome.REMEDY, clause, null, null, kind, credits);
    }

    void verify(Decision decision, TenantPolicy policy) {
        assertThat(decision.clause()).as("clause").isEqualTo(clause);
        assertThat(decision.outcome()).as("outcome").isEqualTo(outcome);
        assertThat(decision.amount()).as("amount").isEqualTo(amount == null ? null : Given.eur(amount));
        assertThat(decision.destination()).as("destination").isEqualTo(destination);
        if (remedy == null) {
            assertThat(decision.remedy()).as("remedy").isNull();
        } else {
            assertThat(decision.remedy().kind()).as("remedy kind").isEqualTo(remedy.name());
            assertThat(decision.remedy().credits()).as("remedy credits").isEqualTo(credits);
        }
        assertThat(decision.policyId()).isEqualTo(policy.document().id());
        assertThat(decision.policyVersion()).isEqualTo(policy.document().version());
        assertThat(decision.explanation()).as("explanation").isNotBlank().doesNotContain("{", "}");
    }
}
