package dev.fairbill.contracts.ledger;

import dev.fairbill.contracts.MoneyAmount;

/**
 * A request (on {@link dev.fairbill.contracts.Topics#LEDGER_REQUESTS}, CloudEvents type {@value #TYPE}, subject =
 * account id) to pay {@code amount} of cash balance back to the original payment method (cooling-off-prorata: balance
 * is
 * withdrawable). Answered with {@link CashWithdrawalCompletedV1} or {@link CashWithdrawalFailedV1}.
 */
public record WithdrawCashBalanceRequestedV1(String withdrawalId, String accountId, String tenant,
                                             MoneyAmount amount) {

    public static final String TYPE = "fairbill.ledger.withdraw-cash-balance-requested.v1";
}
