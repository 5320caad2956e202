package dev.fairbill.refund.policy;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.fairbill.contracts.refund.RefundReason;
import dev.fairbill.refund.policy.Decision.Destination;
import dev.fairbill.refund.policy.Decision.Outcome;

/**
 * One rule of a policy. The engine takes the clauses in order; the first whose {@code reasons} include the request's
 * reason (absent: any reason) and whose {@code when} holds (absent: always) decides. An {@code APPROVED} clause, or a
 * {@code REMEDY} clause with a calculation, that comes to zero does not decide: the next clause is tried.
 *
 * @param source      where the rule comes from, e.g. {@code exceptions-within-7-days part 4}
 * @param reasons     the reasons it answers, or {@code null} for any reason
 * @param when        the condition, or {@code null} for always
 * @param amount      for {@code APPROVED}: the calculation of the amount
 * @param destination for {@code APPROVED}: where the money goes; for {@code NEEDS_REVIEW}: where a reviewer's
 *                    approval sends it unless the reviewer names another destination
 * @param remedy      for {@code REMEDY}: what is done instead
 * @param calculation for {@code REMEDY}: how much of it, when it has a quantity ({@code null} otherwise)
 * @param explanation plain language for the customer, with {@code {placeholders}} (see {@link Explanations})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Clause(String id, String source, List<RefundReason> reasons, Condition when, Outcome outcome,
                     Calculation amount, Destination destination, RemedyKind remedy, Calculation calculation,
                     String explanation) {

    public Clause {
        reasons = reasons == null ? null : List.copyOf(reasons);
    }

    public boolean answers(RefundReason reason) {
        return reasons == null || reasons.contains(reason);
    }

    /** The calculation whose result the clause gives, if any. */
    Calculation gives() {
        return outcome == Outcome.APPROVED ? amount : calculation;
    }
}
