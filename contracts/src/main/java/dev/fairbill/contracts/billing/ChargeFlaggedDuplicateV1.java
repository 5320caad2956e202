package dev.fairbill.contracts.billing;

import java.time.Instant;

import dev.fairbill.contracts.MoneyAmount;

/**
 * A captured charge repeats an earlier one (final-sale-reseller §8, final-sale-duplicates-refunded §4.3,
 * exceptions-within-7-days
 * part 3). The refund saga reverses {@code chargeId}, never {@code duplicateOf}. Published on
 * {@link dev.fairbill.contracts.Topics#BILLING_EVENTS} with CloudEvents type {@value #TYPE} and subject = account id.
 *
 * @param duplicateOf the original charge, which stays
 * @param rule        {@code SAME_SUBSCRIPTION_PERIOD}, {@code SAME_PURCHASE} or {@code SAME_ACCOUNT_AMOUNT_DESCRIPTION}
 */
public record ChargeFlaggedDuplicateV1(String chargeId, String accountId, String tenant, String duplicateOf,
                                       String rule, MoneyAmount amount, Instant flaggedAt) {

    public static final String TYPE = "fairbill.billing.charge-flagged-duplicate.v1";
}
