package dev.fairbill.billing.query;

import java.util.Currency;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.fairbill.billing.ids.AccountId;
import dev.fairbill.platform.money.Money;

/**
 * The {@code account_cash_balances} table: each account's cash balance per currency as the ledger last reported it.
 * The ledger's version decides, so a redelivered or overtaken report changes nothing.
 */
@Component
public class AccountCashBalances {

    private final JdbcClient jdbc;

    public AccountCashBalances(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records {@code balance} unless a report with the same or a newer version was recorded; returns whether it was. */
    public boolean record(String accountId, Money balance, long version) {
        return jdbc.sql("""
                        INSERT INTO account_cash_balances (account_id, currency, amount, version) VALUES (?, ?, ?, ?)
                        ON CONFLICT (account_id, currency) DO UPDATE
                            SET amount = EXCLUDED.amount, version = EXCLUDED.version
                            WHERE account_cash_balances.version < EXCLUDED.version""")
                .params(accountId, balance.currency().getCurrencyCode(), balance.amount(), version)
                .update() > 0;
    }

    /** The account's cash balances as billing last heard them from the ledger, by currency. */
    public List<Money> all(String accountId) {
        return jdbc.sql("SELECT currency, amount FROM account_cash_balances WHERE account_id = ? ORDER BY currency")
                .param(accountId)
                .query((row, n) -> Money.of(row.getLong("amount"), row.getString("currency")))
                .list();
    }

    /**
     * The account's last known cash balance in {@code currency}; zero when none is known. Eventually consistent: it
     * only decides whether a new charge asks the ledger first (ADR 0010).
     */
    public Money of(AccountId accountId, Currency currency) {
        return jdbc.sql("SELECT amount FROM account_cash_balances WHERE account_id = ? AND currency = ?")
                .params(accountId.value(), currency.getCurrencyCode())
                .query(Long.class)
                .optional()
                .map(amount -> new Money(amount, currency))
                .orElse(Money.zero(currency));
    }
}
