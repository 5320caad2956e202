package dev.fairbill.refund.policy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

/**
 * The policy a tenant runs: a template with the tenant's parameter overrides applied.
 *
 * @param parameters the effective parameters (the template's, overridden by the tenant's settings)
 */
public record TenantPolicy(String tenant, PolicyDocument document, PolicyParameters parameters) {

    /** The tenant's holidays, skipped by review deadlines besides weekends. */
    public Set<LocalDate> holidays() {
        return parameters.holidays();
    }

    /** Business days a reviewer has to decide (exceptions-within-7-days part 5: within 3–5). */
    public int reviewSlaBusinessDays() {
        return parameters.reviewSlaBusinessDays();
    }

    /** When a case that needs review must be decided: the review SLA in business days after the request. */
    public Instant reviewDueBy(Instant requestedAt) {
        return BusinessDays.add(requestedAt, reviewSlaBusinessDays(), holidays());
    }
}
