package dev.fairbill.contracts.ledger;

import java.time.Instant;
import java.util.List;

/**
 * Credits were used: a consumption, or a hold captured. Refunds read it as usage ("used" in the refund policies).
 * Published on {@link dev.fairbill.contracts.Topics#LEDGER_EVENTS} with CloudEvents type {@value #TYPE} and
 * subject = account id.
 *
 * @param operationId the consumption id {@code cons_…} or the captured hold's id {@code hold_…}
 * @param balanceAfter the account's credit balance afterwards
 */
public record CreditsConsumedV1(String accountId, String tenant, String operationId, String reference, long amount,
                                List<LotAllocationV1> allocations, long balanceAfter, Instant consumedAt) {

    public static final String TYPE = "fairbill.ledger.credits-consumed.v1";
}
