package dev.fairbill.refund.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every policy document is validated when it is loaded; a bad one throws an {@link InvalidPolicyException} naming the
 * file and the clause, so the service refuses to start. One small invalid document per kind of mistake.
 */
class PolicyValidationTest {

    private static final PolicyReader READER = new PolicyReader();

    @Test
    void aValidFixtureLoadsAfterTheRulesEveryTemplateObeys() {
        PolicyDocument document = READER.read("policy-fixtures/valid-minimal.yaml");

        assertThat(document.clauses()).extracting(Clause::id).containsExactly("charge-disputed", "already-refunded",
                "duplicate-flagged", "outside-window", "final-sale");
    }

    @ParameterizedTest(name = "{0}: clause ''{1}'' — {2}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown-reason               | bad-reason         | unknown reason 'REFUND_ME'
            unknown-outcome              | bad-outcome        | unknown outcome 'MAYBE'
            unknown-calculation          | bad-calculation    | unknown calculation 'half' (known: full, duplicate-only
            unknown-remedy               | bad-remedy         | unknown remedy 'VOUCHER'
            unknown-destination          | bad-destination    | unknown destination 'CASH'
            missing-explanation          | no-explanation     | missing explanation
            missing-source               | no-source          | missing source
            missing-outcome              | no-outcome         | missing outcome
            missing-clause-id            | #1                 | missing id
            approved-without-destination | no-destination     | an APPROVED clause needs a destination
            approved-without-amount      | no-amount          | an APPROVED clause needs an amount
            count-as-amount              | refill-as-money    | amount 'refill-quantity' is a count, not money
            remedy-without-kind          | no-kind            | a REMEDY clause needs a remedy kind
            denied-with-amount           | denied-with-amount | a DENIED clause has no amount
            syntax-error                 | broken-syntax      | bad expression 'sinceStart >'
            undeclared-variable          | unknown-variable   | undeclared reference to 'hoursSincePurchase'
            unknown-parameter            | unknown-parameter  | undeclared reference to 'params'
            not-a-condition              | not-bool           | expected type 'bool' but found 'int'
            bad-duration-literal         | bad-literal        | invalid duration format
            always-false                 | never              | can never match: its condition is always false
            no-reasons                   | no-reasons         | can never match: it lists no reasons
            shadowed-by-final-sale       | too-late           | can never match: earlier clause(s) [early-final-sale]
            shadowed-by-reasons          | shadowed           | earlier clause(s) [change-of-mind, unused-credits]
            unknown-field                | typo               | unknown field(s) [reason]
            unknown-placeholder          | denied-amount      | the explanation uses [amount]
            duplicate-clause-id          | twice              | the clause id is used twice
            common-clause-id-reused      | charge-disputed    | the clause id is used twice
            not-kebab-case               | OutsideWindow      | the id must be kebab-case
            """)
    void aBadClauseIsRefusedNamingTheFileAndTheClause(String fixture, String clauseId, String problem) {
        InvalidPolicyException failure = loading(fixture);

        assertThat(failure.clauseId()).isEqualTo(clauseId);
        assertThat(failure).hasMessageContaining(problem)
                .hasMessageContaining("policy-fixtures/" + fixture + ".yaml, clause '" + clauseId + "'");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            no-final-sale      | no clause decides [
            bad-parameter      | parameter requestWindow: 'seven days' is not an ISO-8601 duration
            bad-holiday        | parameter holidays: '2026-13-45' is not a date
            missing-review-sla | parameter reviewSlaBusinessDays must be a positive number of business days
            unquoted-seed      | seed must be the seed's three-digit number in quotes
            id-mismatch        | id 'something-else' must match the file name
            not-yaml           | is not valid YAML
            does-not-exist     | cannot be read
            """)
    void aBadDocumentIsRefusedNamingTheFile(String fixture, String problem) {
        InvalidPolicyException failure = loading(fixture);

        assertThat(failure.file()).isEqualTo("policy-fixtures/" + fixture + ".yaml");
        assertThat(failure.clauseId()).isNull();
        assertThat(failure).hasMessageContaining(problem);
    }

    private static InvalidPolicyException loading(String fixture) {
        return catchThrowableOfType(InvalidPolicyException.class,
                () -> READER.read("policy-fixtures/" + fixture + ".yaml"));
    }
}
