package dev.fairbill.refund.policy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A template's decision table, clause by clause (docs/domain.md): each row of {@link #clauses()}
 * is decided by the template, and every clause of the template is decided by some row.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TemplateDecisionTable {

    final TenantPolicy policy;

    TemplateDecisionTable(String template) {
        this.policy = Policies.template(template);
    }

    /** The rows, each named after the seed and section it checks (see {@link Scenario#row}). */
    abstract List<Arguments> clauses();

    @ParameterizedTest(name = "{0}")
    @MethodSource("clauses")
    void decides(Scenario scenario) {
        scenario.verify(policy);
    }

    @Test
    void everyClauseOfTheTemplateHasARow() {
        Scenario.assertEveryTemplateClauseIsCovered(policy, clauses());
    }

    Decision decide(Given given, RefundRequest request, Duration afterStart) {
        return new PolicyEngine().decide(policy, given.facts(), request, Given.START.plus(afterStart));
    }
}
