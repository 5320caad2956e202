package dev.fairbill.billing.account;

import dev.fairbill.billing.ids.AccountId;
import dev.fairbill.platform.rules.RuleViolation.Kind;
import dev.fairbill.platform.rules.RuleViolation;

/** A terminated account (a lost dispute, final-sale-reseller §9) accepts no more holds or lifts; answered with 409. */
public class AccountIsTerminated extends RuleViolation {

    public AccountIsTerminated(AccountId accountId) {
        super(Kind.CONFLICT, "account-terminated", "Account terminated",
                "Account " + accountId + " is terminated and accepts no holds or lifts.");
    }
}
