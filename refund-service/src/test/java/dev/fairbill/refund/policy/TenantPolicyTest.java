package dev.fairbill.refund.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The review deadline of a case that needs review (3–5 business days). */
class TenantPolicyTest {

    private static final Instant MONDAY = Instant.parse("2026-03-02T10:00:00Z");

    @ParameterizedTest(name = "{0}: review due {1} business days after the request")
    @CsvSource({"final-sale-reseller, 3, 2026-03-05T10:00:00Z", "final-sale-duplicates-refunded, 3, 2026-03-05T10:00:00Z",
            "exceptions-within-7-days, 5, 2026-03-09T10:00:00Z", "refill-or-refund, 3, 2026-03-05T10:00:00Z",
            "cooling-off-prorata, 3, 2026-03-05T10:00:00Z"})
    void reviewIsDueAfterTheTemplatesSla(String template, int days, Instant due) {
        TenantPolicy policy = Policies.template(template);

        assertThat(policy.reviewSlaBusinessDays()).isEqualTo(days);
        assertThat(policy.reviewDueBy(MONDAY)).isEqualTo(due);
    }

    @Test
    void seed002Part5ReviewsWithin5BusinessDaysSkippingTheTenantsHolidays() {
        TenantPolicy template = Policies.template(Policies.EXCEPTIONS_WITHIN_7_DAYS);
        TenantPolicy imaging = new TenantPolicy("imaging", template.document(), template.parameters()
                .with(PolicyParameters.HOLIDAYS, List.of(LocalDate.parse("2026-03-04"))));

        assertThat(imaging.holidays()).containsExactly(LocalDate.parse("2026-03-04"));
        assertThat(imaging.reviewDueBy(MONDAY)).isEqualTo(Instant.parse("2026-03-10T10:00:00Z"));
    }
}
