package dev.fairbill.ledger.query;

import java.sql.Timestamp;
import java.util.Optional;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.fairbill.ledger.domain.LedgerOpened;

/** Keeps the {@code ledgers} table; replaying an event changes nothing. */
@Component
@ProcessingGroup(LedgerProjection.PROCESSING_GROUP)
public class LedgerProjection {

    public static final String PROCESSING_GROUP = "ledger-projection";

    private final JdbcClient jdbc;

    public LedgerProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(LedgerOpened event) {
        jdbc.sql("""
                        INSERT INTO ledgers (account_id, tenant, parent_account_id, balance, frozen, tier, opened_at)
                        VALUES (?, ?, ?, 0, FALSE, NULL, ?)
                        ON CONFLICT (account_id) DO NOTHING""")
                .params(event.ledgerId().accountId(), event.tenant(), event.parentAccountId(),
                        Timestamp.from(event.openedAt()))
                .update();
    }

    public Optional<LedgerView> find(String tenant, String accountId) {
        return jdbc.sql("""
                        SELECT account_id, tenant, balance, frozen, tier, opened_at
                        FROM ledgers WHERE account_id = ? AND tenant = ?""")
                .params(accountId, tenant)
                .query((row, n) -> new LedgerView(row.getString("account_id"), row.getString("tenant"),
                        row.getLong("balance"), row.getBoolean("frozen"), row.getString("tier"),
                        row.getTimestamp("opened_at").toInstant()))
                .optional();
    }
}
