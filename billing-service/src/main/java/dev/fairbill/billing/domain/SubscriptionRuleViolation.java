package dev.fairbill.billing.domain;

import org.springframework.http.HttpStatus;

import dev.fairbill.platform.web.ProblemException;

/** A subscription command the subscription's state or rules refuse; nothing changes. */
public class SubscriptionRuleViolation extends ProblemException {

    private SubscriptionRuleViolation(HttpStatus status, String slug, String title, String detail) {
        super(status, slug, title, detail);
    }

    /** 409: the command is illegal in the subscription's current state. */
    public static SubscriptionRuleViolation illegalTransition(String slug, String detail) {
        return new SubscriptionRuleViolation(HttpStatus.CONFLICT, slug, "Illegal subscription transition", detail);
    }

    /** 422: the command is well-formed but a subscription rule refuses it. */
    public static SubscriptionRuleViolation refused(String slug, String detail) {
        return new SubscriptionRuleViolation(HttpStatus.UNPROCESSABLE_CONTENT, slug, "Subscription rule violated",
                detail);
    }
}
