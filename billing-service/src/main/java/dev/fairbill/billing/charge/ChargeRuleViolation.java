package dev.fairbill.billing.charge;

import dev.fairbill.billing.ids.ChargeId;
import dev.fairbill.billing.ids.DisputeId;
import dev.fairbill.platform.rules.RuleViolation.Kind;
import dev.fairbill.platform.rules.RuleViolation;

/** A command on a charge that its rules refuse; nothing is charged or refunded and nothing is recorded. */
public class ChargeRuleViolation extends RuleViolation {

    private ChargeRuleViolation(Kind kind, String slug, String title, String detail) {
        super(kind, slug, title, detail);
    }

    static ChargeRuleViolation paymentMethodRequired() {
        return new ChargeRuleViolation(Kind.REFUSED, "payment-method-required",
                "Payment method required", "Neither the request nor the account names a payment method.");
    }

    static ChargeRuleViolation subscriptionAndPurchase() {
        return new ChargeRuleViolation(Kind.REFUSED, "charge-rule-violated",
                "Charge rule violated", "A charge pays a subscription or a purchase, not both.");
    }

    static ChargeRuleViolation notCaptured(ChargeId id) {
        return new ChargeRuleViolation(Kind.CONFLICT, "charge-not-captured", "Charge not captured",
                "Charge " + id + " was not captured, so there is nothing to refund or dispute.");
    }

    /** refunded + lost in dispute ≤ captured, always. */
    static ChargeRuleViolation invariant(ChargeId id, Object lost, Object captured) {
        return new ChargeRuleViolation(Kind.REFUSED, "charge-invariant-violated",
                "Charge invariant violated", "A dispute loss of " + lost + " on charge " + id
                        + " is negative or exceeds what was captured (" + captured + ").");
    }

    static ChargeRuleViolation otherDisputeOpen(ChargeId id, DisputeId open) {
        return new ChargeRuleViolation(Kind.CONFLICT, "dispute-already-open", "Dispute already open",
                "Charge " + id + " already has dispute " + open + " open.");
    }

    static ChargeRuleViolation disputeExceedsCharge(ChargeId id) {
        return new ChargeRuleViolation(Kind.REFUSED, "dispute-exceeds-charge",
                "Dispute exceeds charge", "A dispute on charge " + id + " cannot exceed the captured amount.");
    }

    /** The ledger applies at most what was asked, in the charge's currency; anything else is for an operator. */
    static ChargeRuleViolation balanceExceedsCharge(ChargeId id, Object applied) {
        return new ChargeRuleViolation(Kind.REFUSED, "balance-exceeds-charge",
                "Balance exceeds charge", "The ledger applied " + applied + " of cash balance to charge " + id
                        + ", which is not between zero and the charge's amount.");
    }

    static ChargeRuleViolation originalNeverDuplicate(ChargeId id) {
        return new ChargeRuleViolation(Kind.REFUSED, "charge-rule-violated",
                "Charge rule violated", "Charge " + id + " cannot be a duplicate of itself.");
    }
}
