package dev.fairbill.contracts.ledger;

import java.time.Instant;

import dev.fairbill.contracts.MoneyAmount;

/**
 * The account's cash balance in one currency (its {@code REFUND_BALANCE} lots) is now {@code balance}. Billing reads
 * it to pay the next charges from balance first. Published on {@link dev.fairbill.contracts.Topics#LEDGER_EVENTS}
 * with CloudEvents type {@value #TYPE} and subject = account id.
 *
 * @param version grows with every change of the ledger, so a reader can ignore an older message
 */
public record CashBalanceChangedV1(String accountId, String tenant, MoneyAmount balance, long version,
                                   Instant changedAt) {

    public static final String TYPE = "fairbill.ledger.cash-balance-changed.v1";
}
