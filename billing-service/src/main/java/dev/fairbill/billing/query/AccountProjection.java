package dev.fairbill.billing.query;

import java.sql.Timestamp;
import java.util.Optional;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.fairbill.billing.domain.AccountOpened;
import dev.fairbill.billing.domain.AccountRole;

/**
 * Keeps the {@code accounts} table. Runs in the command's own transaction (a subscribing processor, see ADR 0003), so
 * an account can be read back as soon as it was created. Replaying an event changes nothing.
 */
@Component
@ProcessingGroup(AccountProjection.PROCESSING_GROUP)
public class AccountProjection {

    public static final String PROCESSING_GROUP = "account-projection";

    private final JdbcClient jdbc;

    public AccountProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(AccountOpened event) {
        jdbc.sql("""
                        INSERT INTO accounts (id, tenant, external_ref, role, parent_account_id, email,
                                              default_payment_method, status, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, 'ACTIVE', ?)
                        ON CONFLICT (id) DO NOTHING""")
                .params(event.accountId().value(), event.tenant(), event.externalRef(), event.role().name(),
                        event.parentAccountId() == null ? null : event.parentAccountId().value(), event.email(),
                        event.defaultPaymentMethod(), Timestamp.from(event.openedAt()))
                .update();
    }

    public Optional<AccountView> find(String tenant, String accountId) {
        return jdbc.sql("""
                        SELECT id, tenant, external_ref, role, parent_account_id, email, default_payment_method,
                               status, created_at
                        FROM accounts WHERE id = ? AND tenant = ?""")
                .params(accountId, tenant)
                .query((row, n) -> new AccountView(row.getString("id"), row.getString("tenant"),
                        row.getString("external_ref"),
                        AccountRole.valueOf(row.getString("role")),
                        row.getString("parent_account_id"), row.getString("email"),
                        row.getString("default_payment_method"), row.getString("status"),
                        row.getTimestamp("created_at").toInstant()))
                .optional();
    }
}
