package dev.fairbill.billing.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import dev.fairbill.billing.ids.AccountId;

/**
 * Opens an account for a tenant.
 *
 * @param parentAccountId the reseller or sub-reseller above it; required for a sub-reseller
 * @param testClock       the test clock the account lives on, or null for the wall clock
 */
public record OpenAccount(@TargetAggregateIdentifier AccountId accountId, String tenant, String externalRef,
                          AccountRole role, AccountId parentAccountId, String email,
                          String defaultPaymentMethod, String testClock) {

    public OpenAccount(AccountId accountId, String tenant, String externalRef, AccountRole role,
                       AccountId parentAccountId, String email, String defaultPaymentMethod) {
        this(accountId, tenant, externalRef, role, parentAccountId, email, defaultPaymentMethod, null);
    }
}
