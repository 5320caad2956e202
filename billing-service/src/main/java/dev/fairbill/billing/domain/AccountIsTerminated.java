package dev.fairbill.billing.domain;

import dev.fairbill.platform.web.ConflictException;

/** A terminated account (a lost dispute, seed 000 §9) accepts no more holds or lifts; answered with 409. */
public class AccountIsTerminated extends ConflictException {

    public AccountIsTerminated(AccountId accountId) {
        super("account-terminated", "Account terminated",
                "Account " + accountId + " is terminated and accepts no holds or lifts.");
    }
}
