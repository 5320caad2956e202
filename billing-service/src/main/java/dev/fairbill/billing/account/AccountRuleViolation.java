package dev.fairbill.billing.account;

import dev.fairbill.platform.rules.RuleViolation;
import dev.fairbill.platform.rules.RuleViolation.Kind;

/** A command on an account that breaks a rule of the hierarchy; answered with 422 and changes nothing. */
public class AccountRuleViolation extends RuleViolation {

    public AccountRuleViolation(String detail) {
        super(Kind.REFUSED, "account-rule-violated", "Account rule violated", detail);
    }
}
