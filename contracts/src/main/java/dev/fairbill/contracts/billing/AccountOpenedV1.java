package dev.fairbill.contracts.billing;

import java.time.Instant;

/**
 * An account was opened in billing. Published on {@link dev.fairbill.contracts.Topics#BILLING_EVENTS}
 * with CloudEvents type {@value #TYPE} and subject = account id.
 *
 * @param role            {@code CUSTOMER}, {@code RESELLER} or {@code SUB_RESELLER}
 * @param parentAccountId the reseller above this account, or {@code null}
 * @param testClock       the test clock the account is on, or {@code null} for an account on the wall clock;
 *                        {@code openedAt} is then that clock's time
 */
public record AccountOpenedV1(String accountId, String tenant, String role, String parentAccountId,
                              Instant openedAt, String testClock) {

    public static final String TYPE = "fairbill.billing.account-opened.v1";

    public AccountOpenedV1(String accountId, String tenant, String role, String parentAccountId, Instant openedAt) {
        this(accountId, tenant, role, parentAccountId, openedAt, null);
    }
}
