package dev.fairbill.contracts.ledger;

import java.time.Instant;

import dev.fairbill.contracts.MoneyAmount;

/**
 * The ledger's answer to {@link ApplyCashBalanceRequestedV1}: {@code applied} (possibly zero) of the account's cash
 * balance now pays the charge; billing charges the rest to the payment method. Published on
 * {@link dev.fairbill.contracts.Topics#LEDGER_EVENTS} with CloudEvents type {@value #TYPE} and subject = account id.
 */
public record CashBalanceAppliedV1(String chargeId, String accountId, String tenant, MoneyAmount requested,
                                   MoneyAmount applied, Instant appliedAt) {

    public static final String TYPE = "fairbill.ledger.cash-balance-applied.v1";
}
