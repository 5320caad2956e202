package dev.fairbill.refund.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import dev.fairbill.contracts.refund.RefundReason;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;

/**
 * One row of a template's decision table: the facts, the request, how long after {@link Given#START} it is decided,
 * and the decision expected. The row's display name names the seed and section it checks.
 */
record Scenario(RefundFacts facts, RefundRequest request, Instant at, Expected expected) {

    static Arguments row(String name, Given given, RefundReason reason, Duration after, Expected expected) {
        return row(name, given, given.asking(reason), after, expected);
    }

    static Arguments row(String name, Given given, RefundRequest request, Duration after, Expected expected) {
        return Arguments.of(Named.of(name, new Scenario(given.facts(), request, Given.START.plus(after), expected)));
    }

    Decision verify(TenantPolicy policy) {
        Decision decision = new PolicyEngine().decide(policy, facts, request, at);
        expected.verify(decision, policy);
        return decision;
    }

    /** Every clause of the template (not the rules across all templates) is decided by some row of the table. */
    static void assertEveryTemplateClauseIsCovered(TenantPolicy policy, List<Arguments> rows) {
        Set<String> covered = rows.stream().map(row -> ((Scenario) ((Named<?>) row.get()[0]).getPayload()))
                .map(scenario -> scenario.expected().clause()).collect(Collectors.toSet());
        Set<String> templateClauses = policy.document().clauses().stream().map(Clause::id)
                .filter(id -> !AcrossAllTemplatesTest.COMMON_CLAUSES.contains(id))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(covered).containsAll(templateClauses);
    }

    static Duration hours(long hours) {
        return Duration.ofHours(hours);
    }

    static Duration days(long days) {
        return Duration.ofDays(days);
    }
}
