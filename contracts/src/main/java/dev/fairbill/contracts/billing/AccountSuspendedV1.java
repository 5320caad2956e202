package dev.fairbill.contracts.billing;

import java.time.Instant;

/**
 * An account was suspended: its first hold was placed (final-sale-reseller §9, final-sale-duplicates-refunded §7). Its
 * subscriptions, access and
 * reseller privileges are suspended; a reseller's sub-resellers' allocations freeze. Published on
 * {@link dev.fairbill.contracts.Topics#BILLING_EVENTS} with CloudEvents type {@value #TYPE} and subject = account id.
 *
 * @param role      {@code CUSTOMER}, {@code RESELLER} or {@code SUB_RESELLER}
 * @param reason    the hold's reason: {@code DISPUTE} or {@code OPERATOR}
 * @param reference what the hold is about, e.g. the dispute id {@code dp_…}
 */
public record AccountSuspendedV1(String accountId, String tenant, String role, String reason, String reference,
                                 Instant suspendedAt) {

    public static final String TYPE = "fairbill.billing.account-suspended.v1";
}
