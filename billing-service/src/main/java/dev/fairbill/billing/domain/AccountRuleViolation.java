package dev.fairbill.billing.domain;

import org.springframework.http.HttpStatus;

import dev.fairbill.platform.web.ProblemException;

/** A command on an account that breaks a rule of the hierarchy; answered with 422 and changes nothing. */
public class AccountRuleViolation extends ProblemException {

    public AccountRuleViolation(String detail) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, "account-rule-violated", "Account rule violated", detail);
    }
}
