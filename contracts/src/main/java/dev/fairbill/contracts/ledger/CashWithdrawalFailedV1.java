package dev.fairbill.contracts.ledger;

import java.time.Instant;

import dev.fairbill.contracts.MoneyAmount;

/**
 * Paying cash balance back failed; {@code restored} went back to the balance. Published on
 * {@link dev.fairbill.contracts.Topics#LEDGER_EVENTS} with CloudEvents type {@value #TYPE} and subject = account id.
 */
public record CashWithdrawalFailedV1(String withdrawalId, String accountId, String tenant, MoneyAmount restored,
                                     String failureCode, Instant failedAt) {

    public static final String TYPE = "fairbill.ledger.cash-withdrawal-failed.v1";
}
