package dev.fairbill.contracts.ledger;

import dev.fairbill.contracts.MoneyAmount;

/**
 * A request from billing (on {@link dev.fairbill.contracts.Topics#LEDGER_REQUESTS}, CloudEvents type {@value #TYPE},
 * subject = account id) to pay up to {@code amount} of a new charge from the account's cash balance. Answered with
 * {@link CashBalanceAppliedV1}, once per charge.
 */
public record ApplyCashBalanceRequestedV1(String chargeId, String accountId, String tenant, MoneyAmount amount) {

    public static final String TYPE = "fairbill.ledger.apply-cash-balance-requested.v1";
}
