package dev.fairbill.billing.query;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code account_tiers} table: each reseller's tier as the ledger last published it (final-sale-reseller §5).
 * Lifetime
 * purchased credits only grow, so a fact with fewer of them than recorded is older and changes nothing.
 */
@Component
public class AccountTiers {

    private final JdbcClient jdbc;

    public AccountTiers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String accountId, String tier, boolean subResellersAllowed, long lifetimePurchased) {
        jdbc.sql("""
                        INSERT INTO account_tiers (account_id, tier, sub_resellers_allowed, lifetime_purchased)
                        VALUES (?, ?, ?, ?)
                        ON CONFLICT (account_id) DO UPDATE
                            SET tier = EXCLUDED.tier, sub_resellers_allowed = EXCLUDED.sub_resellers_allowed,
                                lifetime_purchased = EXCLUDED.lifetime_purchased
                            WHERE account_tiers.lifetime_purchased <= EXCLUDED.lifetime_purchased""")
                .params(accountId, tier, subResellersAllowed, lifetimePurchased)
                .update();
    }

    /** Whether the account's tier lets it create sub-resellers; false before it reached any tier. */
    public boolean allowsSubResellers(String accountId) {
        return jdbc.sql("SELECT sub_resellers_allowed FROM account_tiers WHERE account_id = ?")
                .param(accountId)
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }
}
