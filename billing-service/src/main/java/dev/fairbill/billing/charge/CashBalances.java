package dev.fairbill.billing.charge;

import java.util.Currency;

import dev.fairbill.billing.ids.AccountId;
import dev.fairbill.platform.money.Money;

/**
 * Billing's view of each account's cash balance (its {@code REFUND_BALANCE} lots in the ledger), as the ledger last
 * reported it. Eventually consistent: it only decides whether a new charge asks the ledger first (ADR 0010).
 */
public interface CashBalances {

    /** The account's last known cash balance in {@code currency}; zero when none is known. */
    Money of(AccountId accountId, Currency currency);
}
