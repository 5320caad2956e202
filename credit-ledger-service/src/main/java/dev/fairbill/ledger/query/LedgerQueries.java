package dev.fairbill.ledger.query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.fairbill.ledger.ledger.Allocation;
import dev.fairbill.platform.collect.BoundedLruMap;
import dev.fairbill.platform.money.Money;
import dev.fairbill.platform.web.NotFoundException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Reads the ledger read model. Every lookup is scoped to the caller's tenant: another tenant's ledger is absent. */
@Component
public class LedgerQueries {

    private static final TypeReference<List<Allocation>> ALLOCATIONS = new TypeReference<>() { };

    private static final int KNOWN_TENANTS = 100_000;

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Map<String, String> tenantOfAccount = new BoundedLruMap<>(KNOWN_TENANTS);

    public LedgerQueries(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public Optional<LedgerView> ledger(String tenant, String accountId) {
        return jdbc.sql("""
                        SELECT account_id, tenant, role, parent_account_id, balance, frozen, tier, opened_at
                        FROM ledgers WHERE account_id = ? AND tenant = ?""")
                .params(accountId, tenant)
                .query((row, n) -> new LedgerView(row.getString("account_id"), row.getString("tenant"),
                        row.getString("role"), row.getString("parent_account_id"), row.getLong("balance"),
                        row.getBoolean("frozen"), row.getString("tier"), instant(row, "opened_at")))
                .optional();
    }

    /**
     * 404 unless {@code accountId} has a ledger of {@code tenant} (never 403), as {@link #require} but without reading
     * the ledger: an account's tenant never changes, so once seen it is remembered (the most recent accounts, at most
     * {@value #KNOWN_TENANTS}) and a busy account's writes skip the query.
     */
    public void requireOwned(String tenant, String accountId) {
        String owner;
        synchronized (tenantOfAccount) {
            owner = tenantOfAccount.get(accountId);
        }
        if (owner == null) {
            owner = jdbc.sql("SELECT tenant FROM ledgers WHERE account_id = ?").param(accountId)
                    .query(String.class).optional().orElse(null);
            if (owner != null) {
                synchronized (tenantOfAccount) {
                    tenantOfAccount.put(accountId, owner);
                }
            }
        }
        if (!tenant.equals(owner)) {
            throw new NotFoundException("Ledger of account " + accountId);
        }
    }

    /** The ledger of {@code accountId} when it belongs to {@code tenant}; 404 otherwise (never 403). */
    public LedgerView require(String tenant, String accountId) {
        return ledger(tenant, accountId).orElseThrow(() -> new NotFoundException("Ledger of account " + accountId));
    }

    /** The lots with something left, in consumption order (soonest expiry first, then the oldest). */
    public List<LotView> openLots(String accountId) {
        return jdbc.sql("""
                        SELECT * FROM ledger_lots
                        WHERE account_id = ? AND remaining > 0 AND closed_as IS NULL
                        ORDER BY expires_at NULLS LAST, seq""")
                .param(accountId)
                .query(LedgerQueries::lot)
                .list();
    }

    public Optional<LotView> lot(String accountId, String lotId) {
        return jdbc.sql("SELECT * FROM ledger_lots WHERE account_id = ? AND lot_id = ?")
                .params(accountId, lotId)
                .query(LedgerQueries::lot)
                .optional();
    }

    public List<Money> cashBalances(String accountId) {
        return jdbc.sql("SELECT currency, amount FROM ledger_cash_balances WHERE account_id = ? ORDER BY currency")
                .param(accountId)
                .query((row, n) -> Money.of(row.getLong("amount"), row.getString("currency")))
                .list();
    }

    public Optional<HoldView> hold(String accountId, String holdId) {
        return jdbc.sql("SELECT * FROM ledger_holds WHERE account_id = ? AND hold_id = ?")
                .params(accountId, holdId)
                .query((row, n) -> new HoldView(row.getString("hold_id"), row.getString("account_id"),
                        row.getLong("amount"), row.getLong("captured"), row.getString("status"),
                        row.getString("reference"), instant(row, "expires_at"), instant(row, "placed_at"),
                        instant(row, "settled_at")))
                .optional();
    }

    public Optional<ConsumptionView> consumption(String accountId, String consumptionId) {
        return jdbc.sql("SELECT * FROM ledger_consumptions WHERE account_id = ? AND consumption_id = ?")
                .params(accountId, consumptionId)
                .query((row, n) -> new ConsumptionView(row.getString("consumption_id"), row.getString("account_id"),
                        row.getLong("amount"), json.readValue(row.getString("allocations"), ALLOCATIONS),
                        row.getLong("balance_after")))
                .optional();
    }

    public Optional<WithdrawalView> withdrawal(String accountId, String withdrawalId) {
        return jdbc.sql("SELECT * FROM ledger_withdrawals WHERE account_id = ? AND withdrawal_id = ?")
                .params(accountId, withdrawalId)
                .query((row, n) -> {
                    String currency = row.getString("currency");
                    return new WithdrawalView(row.getString("withdrawal_id"), row.getString("account_id"),
                            Money.of(row.getLong("amount"), currency), row.getString("status"),
                            Money.of(row.getLong("paid"), currency), Money.of(row.getLong("restored"), currency),
                            row.getString("failure_code"), instant(row, "requested_at"), instant(row, "settled_at"));
                })
                .optional();
    }

    /** Statement lines after the cursor {@code afterSeq}, oldest first; {@code limit} rows at most. */
    public List<EntryView> entries(String accountId, long afterSeq, int limit) {
        return jdbc.sql("""
                        SELECT seq, entry_id, type, unit, amount, lot_id, reference, occurred_at FROM ledger_entries
                        WHERE account_id = ? AND seq > ? ORDER BY seq LIMIT ?""")
                .params(accountId, afterSeq, limit)
                .query((row, n) -> new EntryView(row.getLong("seq"), row.getString("entry_id"),
                        row.getString("type"), row.getString("unit"), row.getLong("amount"), row.getString("lot_id"),
                        row.getString("reference"), instant(row, "occurred_at")))
                .list();
    }

    private static LotView lot(ResultSet row, int n) throws SQLException {
        return new LotView(row.getString("lot_id"), row.getString("account_id"), row.getString("unit"),
                row.getString("source"), row.getLong("granted"), row.getLong("remaining"),
                instant(row, "expires_at"), row.getString("reference"), row.getString("charge_id"),
                row.getString("closed_as"), instant(row, "granted_at"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
