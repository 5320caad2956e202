package dev.fairbill.refund.policy;

import dev.fairbill.platform.money.Money;

/**
 * What the policy decided about a refund request (a refund case's {@code decision}). A pure function of (policy, facts,
 * request, now): the same inputs always give the same decision.
 *
 * @param amount      for {@code APPROVED}: the money to pay back; otherwise {@code null}
 * @param destination for {@code APPROVED}: where it goes; for {@code NEEDS_REVIEW}: where an approval sends it
 *                    by default ({@code null}: the original payment method); otherwise {@code null}
 * @param remedy      for {@code REMEDY}: what is done instead of money; otherwise {@code null}
 * @param clause      the id of the clause that produced the decision, e.g. {@code duplicate-flagged}
 * @param explanation plain language a support agent can paste to the customer
 */
public record Decision(Outcome outcome, Money amount, Destination destination, Remedy remedy, String policyId,
                       int policyVersion, String clause, String explanation) {

    public enum Outcome {
        DENIED,
        APPROVED,
        REMEDY,
        NEEDS_REVIEW
    }

    public enum Destination {
        ORIGINAL_PAYMENT_METHOD,
        ACCOUNT_BALANCE
    }

    /**
     * @param kind    {@code REFILL}, {@code SERVICE_CREDIT}, {@code SUBSCRIPTION_EXTENSION},
     *                {@code ACCOUNT_CORRECTION} or {@code OPERATIONAL_FIX}
     * @param amount  money, when the remedy has a value in money; else {@code null}
     * @param credits credits (service credits) or quantity (refill), when it has one; else {@code null}
     */
    public record Remedy(String kind, Money amount, Long credits) {
    }
}
