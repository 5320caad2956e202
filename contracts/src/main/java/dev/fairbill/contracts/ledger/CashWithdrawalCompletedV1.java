package dev.fairbill.contracts.ledger;

import java.time.Instant;

import dev.fairbill.contracts.MoneyAmount;

/**
 * Cash balance was paid back to the original payment method. Published on
 * {@link dev.fairbill.contracts.Topics#LEDGER_EVENTS} with CloudEvents type {@value #TYPE} and subject = account id.
 */
public record CashWithdrawalCompletedV1(String withdrawalId, String accountId, String tenant, MoneyAmount amount,
                                        Instant completedAt) {

    public static final String TYPE = "fairbill.ledger.cash-withdrawal-completed.v1";
}
