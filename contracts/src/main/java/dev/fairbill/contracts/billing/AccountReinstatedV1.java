package dev.fairbill.contracts.billing;

import java.time.Instant;

/**
 * A suspended account is active again: its last hold was lifted. Published on
 * {@link dev.fairbill.contracts.Topics#BILLING_EVENTS} with CloudEvents type {@value #TYPE} and subject = account id.
 *
 * @param role      {@code CUSTOMER}, {@code RESELLER} or {@code SUB_RESELLER}
 * @param reason    the reason of the last hold lifted
 * @param reference what that hold was about
 */
public record AccountReinstatedV1(String accountId, String tenant, String role, String reason, String reference,
                                  Instant reinstatedAt) {

    public static final String TYPE = "fairbill.billing.account-reinstated.v1";
}
