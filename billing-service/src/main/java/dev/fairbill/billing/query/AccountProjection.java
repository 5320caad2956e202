package dev.fairbill.billing.query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.fairbill.billing.account.AccountSuspensions.AccountSuspensionLifted;
import dev.fairbill.billing.account.AccountSuspensions.AccountSuspensionPlaced;
import dev.fairbill.billing.account.AccountSuspensions.AccountTerminated;
import dev.fairbill.billing.account.AccountOpened;
import dev.fairbill.billing.account.AccountRole;
import dev.fairbill.platform.testclock.TestClockAccounts;
import dev.fairbill.platform.web.ConflictException;
import dev.fairbill.platform.web.UnprocessableException;

/**
 * Keeps the {@code accounts} and {@code account_holds} tables. Runs in the command's own transaction (a subscribing
 * processor, see ADR 0003), so an account can be read back as soon as it was created. Replaying an event changes
 * nothing.
 */
@Component
@ProcessingGroup(AccountProjection.PROCESSING_GROUP)
public class AccountProjection {

    public static final String PROCESSING_GROUP = "account-projection";

    private final JdbcClient jdbc;
    private final TestClockAccounts testClocks;

    public AccountProjection(JdbcClient jdbc, TestClockAccounts testClocks) {
        this.jdbc = jdbc;
        this.testClocks = testClocks;
    }

    /** An account opened on a test clock lives at that clock's time from now on. */
    @EventHandler
    void on(AccountOpened event) {
        jdbc.sql("""
                        INSERT INTO accounts (id, tenant, external_ref, role, parent_account_id, email,
                                              default_payment_method, status, created_at, test_clock_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?, 'ACTIVE', ?, ?)
                        ON CONFLICT (id) DO NOTHING""")
                .params(event.accountId().value(), event.tenant(), event.externalRef(), event.role().name(),
                        event.parentAccountId() == null ? null : event.parentAccountId().value(), event.email(),
                        event.defaultPaymentMethod(), Timestamp.from(event.openedAt()), event.testClock())
                .update();
        if (event.testClock() != null) {
            testClocks.attach(event.accountId().value(), event.testClock(), event.tenant(), event.openedAt());
        }
    }

    @EventHandler
    void on(AccountSuspensionPlaced event) {
        jdbc.sql("""
                        INSERT INTO account_holds (account_id, reason, reference, placed_at) VALUES (?, ?, ?, ?)
                        ON CONFLICT DO NOTHING""")
                .params(event.accountId().value(), event.reason().name(), event.reference(),
                        Timestamp.from(event.placedAt()))
                .update();
        jdbc.sql("UPDATE accounts SET status = 'SUSPENDED' WHERE id = ? AND status = 'ACTIVE'")
                .param(event.accountId().value())
                .update();
    }

    @EventHandler
    void on(AccountSuspensionLifted event) {
        jdbc.sql("DELETE FROM account_holds WHERE account_id = ? AND reason = ? AND reference = ?")
                .params(event.accountId().value(), event.reason().name(), event.reference())
                .update();
        jdbc.sql("""
                        UPDATE accounts SET status = 'ACTIVE'
                        WHERE id = ? AND status = 'SUSPENDED'
                          AND NOT EXISTS (SELECT 1 FROM account_holds WHERE account_id = accounts.id)""")
                .param(event.accountId().value())
                .update();
    }

    @EventHandler
    void on(AccountTerminated event) {
        jdbc.sql("UPDATE accounts SET status = 'TERMINATED' WHERE id = ?").param(event.accountId().value()).update();
    }

    /**
     * The account a create request names, in the caller's tenant. An unknown account (or another tenant's) makes the
     * request unprocessable: 422 {@code unknown-account}, the same answer for every resource created for an account.
     */
    public AccountView referencedBy(String tenant, String accountId) {
        return find(tenant, accountId).orElseThrow(() -> new UnprocessableException("unknown-account",
                "Unknown account", "Account " + accountId + " not found."));
    }

    /**
     * The account a request that charges it or grows its tree names, which must be {@code ACTIVE}: a suspended or
     * terminated account answers 409 {@code account-not-active}, naming its holds, and the request changes nothing.
     */
    public AccountView active(String tenant, String accountId, String whatItCannotDo) {
        return requireActive(referencedBy(tenant, accountId), whatItCannotDo);
    }

    public static AccountView requireActive(AccountView account, String whatItCannotDo) {
        if (!"ACTIVE".equals(account.status())) {
            String holds = account.holds().isEmpty() ? "" : " (holds: " + account.holds().stream()
                    .map(hold -> hold.reason() + (hold.reference() == null ? "" : " " + hold.reference()))
                    .collect(Collectors.joining(", ")) + ")";
            throw new ConflictException("account-not-active", "Account not active",
                    "Account " + account.id() + " is " + account.status() + holds + " and cannot " + whatItCannotDo
                            + ".");
        }
        return account;
    }

    public Optional<AccountView> find(String tenant, String accountId) {
        return jdbc.sql("""
                        SELECT id, tenant, external_ref, role, parent_account_id, email, default_payment_method,
                               status, created_at, test_clock_id,
                               ARRAY(SELECT reason FROM account_holds WHERE account_id = a.id
                                     ORDER BY placed_at, reason, reference) AS hold_reasons,
                               ARRAY(SELECT reference FROM account_holds WHERE account_id = a.id
                                     ORDER BY placed_at, reason, reference) AS hold_references
                        FROM accounts a WHERE id = ? AND tenant = ?""")
                .params(accountId, tenant)
                .query(AccountProjection::view)
                .optional();
    }

    /** A row of {@link #find}'s query, its holds included: no query runs while the result is open. */
    private static AccountView view(ResultSet row, int n) throws SQLException {
        String[] reasons = (String[]) row.getArray("hold_reasons").getArray();
        String[] references = (String[]) row.getArray("hold_references").getArray();
        List<AccountView.Hold> holds = new ArrayList<>(reasons.length);
        for (int i = 0; i < reasons.length; i++) {
            holds.add(new AccountView.Hold(reasons[i], references[i]));
        }
        return new AccountView(row.getString("id"), row.getString("tenant"), row.getString("external_ref"),
                AccountRole.valueOf(row.getString("role")), row.getString("parent_account_id"),
                row.getString("email"), row.getString("default_payment_method"), row.getString("status"), holds,
                row.getTimestamp("created_at").toInstant(), row.getString("test_clock_id"));
    }

    /** The role of an account of any tenant; for messages that name an account by id alone. */
    public Optional<AccountRole> roleOf(String accountId) {
        return jdbc.sql("SELECT role FROM accounts WHERE id = ?").param(accountId)
                .query((row, n) -> AccountRole.valueOf(row.getString("role")))
                .optional();
    }

    public boolean isTerminated(String accountId) {
        return jdbc.sql("SELECT count(*) FROM accounts WHERE id = ? AND status = 'TERMINATED'").param(accountId)
                .query(Long.class).single() > 0;
    }

    /** The account's holds as they stand now, oldest first; none for an unknown account. */
    public List<AccountView.Hold> holds(String accountId) {
        return jdbc.sql("""
                        SELECT reason, reference FROM account_holds WHERE account_id = ?
                        ORDER BY placed_at, reason, reference""")
                .param(accountId)
                .query((row, n) -> new AccountView.Hold(row.getString("reason"), row.getString("reference")))
                .list();
    }
}
