package dev.fairbill.refund.policy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.fairbill.platform.money.Money;
import dev.fairbill.refund.policy.Decision.Outcome;

/**
 * Decides a refund request under a tenant's policy: the first clause that answers the reason and whose condition
 * holds decides. Pure: no I/O and no clock, so the same inputs always give the
 * same decision, and a preview is the same call.
 */
public class PolicyEngine {

    /**
     * The clause of a decision that waits for an outage still going on: what the outage is compensated with depends
     * on its length, so the case waits in review until the incident is closed.
     */
    public static final String OUTAGE_ONGOING = "outage-ongoing";

    /**
     * @param now when the request is decided; windows and days used are measured up to it
     * @throws dev.fairbill.platform.money.CurrencyMismatchException when a requested amount is in another currency
     *                                                              than the charge
     */
    public Decision decide(TenantPolicy policy, RefundFacts facts, RefundRequest request, Instant now) {
        Situation situation = new Situation(facts, request, now, policy.parameters());
        Map<String, Object> variables = PolicyVariables.of(situation);
        PolicyDocument document = policy.document();
        for (Clause clause : document.clauses()) {
            if (clause.answers(request.reason()) && holds(document, clause, variables)) {
                Optional<Decision> decision = decision(document, clause, situation);
                if (decision.isPresent()) {
                    return decision.get();
                }
            }
        }
        throw new IllegalStateException("policy " + document.id() + " has no clause for " + request.reason()
                + " (its final-sale clause should have decided)");
    }

    private static boolean holds(PolicyDocument document, Clause clause, Map<String, Object> variables) {
        try {
            return clause.when() == null || clause.when().holds(variables);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("policy " + document.id() + ", clause '" + clause.id() + "': "
                    + e.getMessage(), e);
        }
    }

    /** The clause's decision, or empty when it gives a calculated value that comes to zero. */
    private static Optional<Decision> decision(PolicyDocument document, Clause clause, Situation situation) {
        Map<String, String> values = new LinkedHashMap<>(Explanations.common(situation));
        Money amount = null;
        Long credits = null;
        if (clause.gives() != null) {
            Optional<Calculations.Result> result = Calculations.compute(clause.gives(), situation);
            if (result.isEmpty()) {
                return Optional.empty();
            }
            values.putAll(result.get().details());
            if (clause.gives().unit() == Calculation.Unit.MONEY) {
                amount = capped(result.get().money(), situation);
                values.put(Explanations.AMOUNT, Explanations.money(amount));
            } else {
                credits = result.get().count();
                values.put(Explanations.CREDITS, String.valueOf(credits));
            }
            if (amount != null ? amount.isZero() : credits == 0) {
                return Optional.empty();
            }
        }
        String explanation = Explanations.render(clause.explanation(), values);
        Decision.Remedy remedy = clause.outcome() == Outcome.REMEDY
                ? new Decision.Remedy(clause.remedy().name(), amount, credits) : null;
        Money approved = clause.outcome() == Outcome.APPROVED ? amount : null;
        return Optional.of(new Decision(clause.outcome(), approved, clause.destination(), remedy, document.id(),
                document.version(), clause.id(), explanation));
    }

    /**
     * Never more than the charge still has refundable (nothing without a charge), never more than was asked for,
     * never below zero.
     */
    private static Money capped(Money calculated, Situation situation) {
        Money cap = situation.charge().map(RefundFacts.ChargeFacts::refundable)
                .orElse(Money.zero(calculated.currency()));
        Money requested = situation.request().requestedAmount();
        if (requested != null && requested.isLessThan(cap)) {
            cap = requested;
        }
        Money amount = calculated.isGreaterThan(cap) ? cap : calculated;
        return amount.isNegative() ? Money.zero(amount.currency()) : amount;
    }
}
