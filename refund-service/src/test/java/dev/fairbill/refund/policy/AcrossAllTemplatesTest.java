package dev.fairbill.refund.policy;

import static dev.fairbill.refund.policy.Expected.approved;
import static dev.fairbill.refund.policy.Expected.denied;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.fairbill.contracts.refund.RefundReason;
import dev.fairbill.refund.policy.Decision.Destination;
import dev.fairbill.refund.policy.RefundFacts.DisputeState;

/**
 * The rules every template obeys (docs/domain.md, refunds), checked against each of the five.
 * The requests below would be approved by their template; the rule across all templates decides first.
 */
class AcrossAllTemplatesTest {

    static final Set<String> COMMON_CLAUSES = Set.of("charge-disputed", "already-refunded", "duplicate-flagged");

    private static final Duration A_DAY = Duration.ofDays(1);

    static Stream<Arguments> rules() {
        return Stream.of(Policies.FINAL_SALE_RESELLER, Policies.FINAL_SALE_DUPLICATES_REFUNDED,
                Policies.EXCEPTIONS_WITHIN_7_DAYS, Policies.REFILL_OR_REFUND, Policies.COOLING_OFF_PRORATA)
                .flatMap(template -> Stream.of(
                        rule(template, "a charge with an open dispute is never refunded",
                                Given.charge().flaggedDuplicateOf("ch_0").dispute(DisputeState.OPEN),
                                denied("charge-disputed")),
                        rule(template, "a charge lost in a dispute is never refunded",
                                Given.charge().flaggedDuplicateOf("ch_0").dispute(DisputeState.LOST),
                                denied("charge-disputed")),
                        rule(template, "a dispute won leaves the charge refundable",
                                Given.charge().flaggedDuplicateOf("ch_0").dispute(DisputeState.WON),
                                approved("duplicate-flagged", 1000, Destination.ORIGINAL_PAYMENT_METHOD)),
                        rule(template, "a flagged duplicate is refunded, its amount, to the original method",
                                Given.charge().flaggedDuplicateOf("ch_0"),
                                approved("duplicate-flagged", 1000, Destination.ORIGINAL_PAYMENT_METHOD)),
                        rule(template, "a flagged duplicate partly refunded gets the rest",
                                Given.charge().flaggedDuplicateOf("ch_0").refunded(400),
                                approved("duplicate-flagged", 600, Destination.ORIGINAL_PAYMENT_METHOD)),
                        rule(template, "a charge refunded in full has nothing left (money never goes back twice)",
                                Given.charge().flaggedDuplicateOf("ch_0").refunded(1000),
                                denied("already-refunded"))));
    }

    private static Arguments rule(String template, String name, Given given, Expected expected) {
        Scenario scenario = new Scenario(given.facts(), given.asking(RefundReason.DUPLICATE_CHARGE),
                Given.START.plus(A_DAY), expected);
        return Arguments.of(Named.of("rules every policy obeys, " + template + ": " + name, scenario),
                template);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void decides(Scenario scenario, String template) {
        scenario.verify(Policies.template(template));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void theRulesComeFirstInEveryTemplate(Scenario ignored, String template) {
        List<String> first = Policies.template(template).document().clauses().stream().limit(COMMON_CLAUSES.size())
                .map(Clause::id).toList();

        assertThat(first).containsExactly("charge-disputed", "already-refunded", "duplicate-flagged");
    }
}
