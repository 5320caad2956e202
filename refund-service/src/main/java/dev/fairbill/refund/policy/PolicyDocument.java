package dev.fairbill.refund.policy;

import java.util.List;
import java.util.Optional;

/**
 * A refund policy as data, read from {@code policies/<id>.yaml}. Its clauses
 * start with the rules every template obeys ({@code policies/common/across-all-templates.yaml}), followed by the
 * template's own; the last one decides every reason that is left (the final-sale clause).
 *
 * @param seed       the seed the template is faithful to, e.g. {@code 002}
 * @param parameters the template's defaults; a tenant's effective values are in {@link TenantPolicy#parameters()}
 * @param approvedRefundCancelsSubscription an approved refund of a subscription also cancels it immediately
 * (cooling-off-prorata)
 */
public record PolicyDocument(String id, int version, String seed, String name, String description,
                             PolicyParameters parameters, List<Clause> clauses,
                             boolean approvedRefundCancelsSubscription) {

    public PolicyDocument {
        clauses = List.copyOf(clauses);
    }

    public Optional<Clause> clause(String clauseId) {
        return clauses.stream().filter(clause -> clause.id().equals(clauseId)).findFirst();
    }
}
