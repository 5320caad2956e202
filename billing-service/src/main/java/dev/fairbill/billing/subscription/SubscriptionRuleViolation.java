package dev.fairbill.billing.subscription;

import dev.fairbill.platform.rules.RuleViolation;
import dev.fairbill.platform.rules.RuleViolation.Kind;

/** A subscription command the subscription's state or rules refuse; nothing changes. */
public class SubscriptionRuleViolation extends RuleViolation {

    private SubscriptionRuleViolation(Kind kind, String slug, String title, String detail) {
        super(kind, slug, title, detail);
    }

    /** 409: the command is illegal in the subscription's current state. */
    public static SubscriptionRuleViolation illegalTransition(String slug, String detail) {
        return new SubscriptionRuleViolation(Kind.CONFLICT, slug, "Illegal subscription transition", detail);
    }

    /** 422: the command is well-formed but a subscription rule refuses it. */
    public static SubscriptionRuleViolation refused(String slug, String detail) {
        return new SubscriptionRuleViolation(Kind.REFUSED, slug, "Subscription rule violated",
                detail);
    }
}
