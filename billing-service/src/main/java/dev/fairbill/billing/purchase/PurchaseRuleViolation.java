package dev.fairbill.billing.purchase;

import dev.fairbill.billing.ids.PurchaseId;
import dev.fairbill.platform.rules.RuleViolation.Kind;
import dev.fairbill.platform.rules.RuleViolation;

/** A purchase command its rules refuse; nothing changes. */
public class PurchaseRuleViolation extends RuleViolation {

    private PurchaseRuleViolation(Kind kind, String slug, String title, String detail) {
        super(kind, slug, title, detail);
    }

    static PurchaseRuleViolation notADeliveryOrder(PurchaseId id) {
        return new PurchaseRuleViolation(Kind.REFUSED, "not-a-delivery-order",
                "Not a delivery order",
                "Purchase " + id + " is a credit pack; only delivery orders report fulfilment.");
    }

    static PurchaseRuleViolation notPaid(PurchaseId id) {
        return new PurchaseRuleViolation(Kind.CONFLICT, "purchase-not-paid", "Purchase not paid",
                "Purchase " + id + " is not paid, so delivery cannot have started.");
    }

    static PurchaseRuleViolation fulfilmentFinal(PurchaseId id, PurchaseFulfilmentStatus status) {
        return new PurchaseRuleViolation(Kind.CONFLICT, "fulfilment-final", "Fulfilment is final",
                "Fulfilment of purchase " + id + " is " + status + " and cannot change any more.");
    }

    static PurchaseRuleViolation inconsistent(String detail) {
        return new PurchaseRuleViolation(Kind.REFUSED, "fulfilment-inconsistent",
                "Fulfilment report inconsistent", detail);
    }

    static PurchaseRuleViolation refillNotFound(PurchaseId id, String refillId) {
        return new PurchaseRuleViolation(Kind.NOT_FOUND, "not-found", "Not found",
                "Purchase " + id + " has no refill " + refillId + ".");
    }

    static PurchaseRuleViolation refillOutsideDelivery(PurchaseId id) {
        return new PurchaseRuleViolation(Kind.CONFLICT, "refill-not-possible", "Refill not possible",
                "Purchase " + id + " is not a paid delivery order, so nothing can be re-delivered on it.");
    }
}
