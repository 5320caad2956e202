package dev.fairbill.billing.domain;

import org.springframework.http.HttpStatus;

import dev.fairbill.platform.web.ProblemException;

/** A purchase command its rules refuse; nothing changes. */
public class PurchaseRuleViolation extends ProblemException {

    private PurchaseRuleViolation(HttpStatus status, String slug, String title, String detail) {
        super(status, slug, title, detail);
    }

    static PurchaseRuleViolation notADeliveryOrder(PurchaseId id) {
        return new PurchaseRuleViolation(HttpStatus.UNPROCESSABLE_CONTENT, "not-a-delivery-order",
                "Not a delivery order",
                "Purchase " + id + " is a credit pack; only delivery orders report fulfilment.");
    }

    static PurchaseRuleViolation notPaid(PurchaseId id) {
        return new PurchaseRuleViolation(HttpStatus.CONFLICT, "purchase-not-paid", "Purchase not paid",
                "Purchase " + id + " is not paid, so delivery cannot have started.");
    }

    static PurchaseRuleViolation fulfilmentFinal(PurchaseId id, PurchaseFulfilmentStatus status) {
        return new PurchaseRuleViolation(HttpStatus.CONFLICT, "fulfilment-final", "Fulfilment is final",
                "Fulfilment of purchase " + id + " is " + status + " and cannot change any more.");
    }

    static PurchaseRuleViolation inconsistent(String detail) {
        return new PurchaseRuleViolation(HttpStatus.UNPROCESSABLE_CONTENT, "fulfilment-inconsistent",
                "Fulfilment report inconsistent", detail);
    }

    static PurchaseRuleViolation refillNotFound(PurchaseId id, String refillId) {
        return new PurchaseRuleViolation(HttpStatus.NOT_FOUND, "not-found", "Not found",
                "Purchase " + id + " has no refill " + refillId + ".");
    }

    static PurchaseRuleViolation refillOutsideDelivery(PurchaseId id) {
        return new PurchaseRuleViolation(HttpStatus.CONFLICT, "refill-not-possible", "Refill not possible",
                "Purchase " + id + " is not a paid delivery order, so nothing can be re-delivered on it.");
    }
}
