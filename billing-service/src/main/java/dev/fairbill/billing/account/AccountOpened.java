package dev.fairbill.billing.account;

import java.time.Instant;

import org.axonframework.serialization.Revision;

import dev.fairbill.billing.ids.AccountId;
import dev.fairbill.platform.axon.naming.StoredAs;

@StoredAs("billing.AccountOpened")
@Revision("1")
/** @param testClock the test clock the account lives on (its time is then {@code openedAt}), or null */
public record AccountOpened(AccountId accountId, String tenant, String externalRef, AccountRole role,
                            AccountId parentAccountId, String email, String defaultPaymentMethod,
                            Instant openedAt, String testClock) {

    public AccountOpened(AccountId accountId, String tenant, String externalRef, AccountRole role,
                         AccountId parentAccountId, String email, String defaultPaymentMethod, Instant openedAt) {
        this(accountId, tenant, externalRef, role, parentAccountId, email, defaultPaymentMethod, openedAt, null);
    }
}
