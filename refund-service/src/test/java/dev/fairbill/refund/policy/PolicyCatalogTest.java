package dev.fairbill.refund.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The five built-in templates (docs/domain.md, tenants and refund policies) as the catalog serves them. */
class PolicyCatalogTest {

    @ParameterizedTest(name = "{0} follows policy {1} and cites its clauses")
    @CsvSource({"final-sale-reseller, 000, 1", "final-sale-duplicates-refunded, 001, 1",
            "exceptions-within-7-days, 002, 1", "refill-or-refund, 003, 2", "cooling-off-prorata, 004, 2"})
    void everyTemplateNamesItsSeedAndEndsWithItsFinalSaleClause(String id, String seed, int version) {
        PolicyDocument policy = Policies.CATALOG.find(id).orElseThrow();

        assertThat(policy.seed()).isEqualTo(seed);
        assertThat(policy.version()).isEqualTo(version);
        assertThat(policy.name()).isNotBlank();
        assertThat(policy.description()).isNotBlank();
        assertThat(policy.clauses().getLast().id()).isEqualTo("final-sale");
        assertThat(policy.clauses()).filteredOn(clause -> !AcrossAllTemplatesTest.COMMON_CLAUSES.contains(clause.id()))
                .allSatisfy(clause -> assertThat(clause.source()).startsWith(id));
    }

    @Test
    void theCatalogHoldsExactlyTheFiveTemplates() {
        assertThat(Policies.CATALOG.all()).extracting(PolicyDocument::id).containsExactly("cooling-off-prorata",
                "exceptions-within-7-days", "final-sale-duplicates-refunded", "final-sale-reseller",
                "refill-or-refund");
        assertThat(Policies.CATALOG.find("no-such-policy")).isEmpty();
    }

    @Test
    void seed002sParametersAreTheWindowTheOutageAndFiveBusinessDays() {
        PolicyParameters parameters = Policies.CATALOG.find(Policies.EXCEPTIONS_WITHIN_7_DAYS).orElseThrow()
                .parameters();

        assertThat(parameters.duration("requestWindow")).contains(Duration.ofDays(7));
        assertThat(parameters.duration("longOutage")).contains(Duration.ofHours(24));
        assertThat(parameters.reviewSlaBusinessDays()).isEqualTo(5);
        assertThat(parameters.holidays()).isEmpty();
    }

    @Test
    void aPolicyIsServedAsJsonWithItsClausesAsWritten() {
        PolicyDocument policy = Policies.CATALOG.find(Policies.EXCEPTIONS_WITHIN_7_DAYS).orElseThrow();

        JsonNode json = JsonMapper.builder().build().valueToTree(policy);

        assertThat(json.get("id").asString()).isEqualTo("exceptions-within-7-days");
        assertThat(json.get("version").asInt()).isEqualTo(1);
        assertThat(json.get("seed").asString()).isEqualTo("002");
        assertThat(json.get("parameters").get("requestWindow").asString()).isEqualTo("P7D");
        assertThat(json.get("parameters").get("longOutage").asString()).isEqualTo("PT24H");
        assertThat(json.get("parameters").get("reviewSlaBusinessDays").asInt()).isEqualTo(5);
        JsonNode outsideWindow = json.get("clauses").get(3);
        assertThat(outsideWindow.get("id").asString()).isEqualTo("outside-window");
        assertThat(outsideWindow.get("source").asString()).isEqualTo("exceptions-within-7-days part 4");
        assertThat(outsideWindow.get("when").asString()).isEqualTo("sinceStart > params.requestWindow");
        assertThat(outsideWindow.get("outcome").asString()).isEqualTo("DENIED");
        assertThat(outsideWindow.get("explanation").asString()).contains("{requestWindow}");
        assertThat(outsideWindow.has("reasons")).as("any reason: no reasons listed").isFalse();
        JsonNode duplicate = json.get("clauses").get(2);
        assertThat(duplicate.get("reasons").get(0).asString()).isEqualTo("DUPLICATE_CHARGE");
        assertThat(duplicate.get("amount").asString()).isEqualTo("duplicate-only");
        assertThat(duplicate.get("destination").asString()).isEqualTo("ORIGINAL_PAYMENT_METHOD");
    }
}
