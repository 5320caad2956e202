package dev.fairbill.contracts.billing;

import java.time.Instant;

/**
 * An account was terminated, e.g. by a lost dispute (final-sale-reseller §9); it takes no holds or lifts any more.
 * Published on {@link dev.fairbill.contracts.Topics#BILLING_EVENTS} with CloudEvents type {@value #TYPE} and
 * subject = account id.
 *
 * @param role      {@code CUSTOMER}, {@code RESELLER} or {@code SUB_RESELLER}
 * @param reason    {@code DISPUTE} or {@code OPERATOR}
 * @param reference what the termination is about, e.g. the lost dispute's id
 */
public record AccountTerminatedV1(String accountId, String tenant, String role, String reason, String reference,
                                  Instant terminatedAt) {

    public static final String TYPE = "fairbill.billing.account-terminated.v1";
}
