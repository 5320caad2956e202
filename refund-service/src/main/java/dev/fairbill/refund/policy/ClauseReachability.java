package dev.fairbill.refund.policy;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.fairbill.contracts.refund.RefundReason;
import dev.fairbill.refund.policy.ClauseReader.ReadClause;
import dev.fairbill.refund.policy.Decision.Outcome;

/**
 * Checks the clause order: every clause can match (it lists a reason, its condition is not always false, and earlier
 * clauses that always decide do not already take all its reasons), and every reason gets a decision (the last
 * clause is a final-sale clause). A clause always decides when it has no condition (or an always-true one) and does
 * not depend on a calculation: {@code APPROVED} and {@code REMEDY} clauses with a calculation let the request through
 * when they come to zero.
 */
final class ClauseReachability {

    private ClauseReachability() {
    }

    static void check(String file, List<ReadClause> clauses) {
        Map<RefundReason, String> decidedBy = new EnumMap<>(RefundReason.class);
        for (ReadClause read : clauses) {
            Clause clause = read.clause();
            Set<RefundReason> reasons = clause.reasons() == null ? EnumSet.allOf(RefundReason.class)
                    : new LinkedHashSet<>(clause.reasons());
            if (reasons.isEmpty()) {
                throw never(file, clause, "it lists no reasons");
            }
            if (read.constant().equals(Optional.of(false))) {
                throw never(file, clause, "its condition is always false");
            }
            if (decidedBy.keySet().containsAll(reasons)) {
                Set<String> earlier = new LinkedHashSet<>();
                reasons.forEach(reason -> earlier.add(decidedBy.get(reason)));
                throw never(file, clause, "earlier clause(s) " + earlier + " already decide every reason it answers");
            }
            if (alwaysDecides(read)) {
                reasons.forEach(reason -> decidedBy.putIfAbsent(reason, clause.id()));
            }
        }
        Set<RefundReason> undecided = EnumSet.allOf(RefundReason.class);
        undecided.removeAll(decidedBy.keySet());
        if (!undecided.isEmpty()) {
            throw new InvalidPolicyException(file, null, "no clause decides " + undecided + " in every case; end the "
                    + "policy with a final-sale clause (no reasons, no condition) that denies what is left");
        }
    }

    private static boolean alwaysDecides(ReadClause read) {
        Clause clause = read.clause();
        boolean unconditional = clause.when() == null || read.constant().orElse(false);
        boolean givesACalculatedValue = clause.outcome() == Outcome.APPROVED || clause.calculation() != null;
        return unconditional && !givesACalculatedValue;
    }

    private static InvalidPolicyException never(String file, Clause clause, String why) {
        return new InvalidPolicyException(file, clause.id(), "can never match: " + why);
    }
}
