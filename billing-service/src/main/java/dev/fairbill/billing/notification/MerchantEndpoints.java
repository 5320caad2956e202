package dev.fairbill.billing.notification;

import java.security.SecureRandom;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import dev.fairbill.platform.id.IdPrefix;
import dev.fairbill.platform.id.Ids;
import dev.fairbill.platform.web.page.PageRequest;

/**
 * Merchants' webhook endpoints and their signing secrets ({@code merchant_endpoints}, {@code merchant_endpoint_secrets}).
 * Endpoints are a tenant's settings, not facts of its accounts: they are rows, changed in place, and every change is
 * in the audit trail.
 */
public class MerchantEndpoints {

    public static final String ENABLED = "ENABLED";
    public static final String DISABLED = "DISABLED";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String COLUMNS = """
            id, tenant, url, description, enabled_events, low_balance_threshold, status, disabled_reason, created_at""";

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;

    public MerchantEndpoints(JdbcClient jdbc, TransactionTemplate transaction, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** An endpoint as its tenant sees it; {@code secret} only right after it was made. */
    public record Endpoint(String id, String tenant, String url, String description, List<String> enabledEvents,
                           Long lowBalanceThreshold, String status, String disabledReason, Instant createdAt) {

        boolean wants(MerchantEventType type) {
            return enabledEvents.contains(MerchantEventType.ALL) || enabledEvents.contains(type.wireName());
        }
    }

    /** An endpoint with the secret it was given, shown once. */
    public record WithSecret(Endpoint endpoint, String secret) {
    }

    /**
     * A new endpoint with a new secret, unless the tenant has {@code max} endpoints already: the tenant's creations
     * take turns, so parallel ones cannot pass the limit together.
     */
    public Optional<WithSecret> create(String tenant, String url, String description, List<String> events,
                                       Long threshold, int max) {
        String id = Ids.generate(IdPrefix.WEBHOOK_ENDPOINT);
        String secret = newSecret();
        Instant now = clock.instant();
        boolean created = Boolean.TRUE.equals(transaction.execute(status -> {
            jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('merchant-endpoints:' || ?))").param(tenant)
                    .query((row, n) -> true).single();
            if (count(tenant) >= max) {
                return false;
            }
            jdbc.sql("""
                            INSERT INTO merchant_endpoints (id, tenant, url, description, enabled_events,
                                                            low_balance_threshold, status, created_at)
                            VALUES (?, ?, ?, ?, ?::text[], ?, ?, ?)""")
                    .params(id, tenant, url, description, textArray(events), threshold, ENABLED, Timestamp.from(now))
                    .update();
            jdbc.sql("INSERT INTO merchant_endpoint_secrets (endpoint_id, secret, created_at) VALUES (?, ?, ?)")
                    .params(id, secret, Timestamp.from(now)).update();
            return true;
        }));
        return created ? Optional.of(new WithSecret(find(tenant, id).orElseThrow(), secret)) : Optional.empty();
    }

    int count(String tenant) {
        return jdbc.sql("SELECT count(*) FROM merchant_endpoints WHERE tenant = ? AND deleted_at IS NULL")
                .param(tenant).query(Integer.class).single();
    }

    public Optional<Endpoint> find(String tenant, String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM merchant_endpoints WHERE tenant = ? AND id = ? AND deleted_at IS NULL")
                .params(tenant, id).query(MerchantEndpoints::endpoint).optional();
    }

    public List<Endpoint> list(String tenant, PageRequest page) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM merchant_endpoints WHERE tenant = ? AND deleted_at IS NULL AND id > ?"
                        + " ORDER BY id LIMIT ?")
                .params(tenant, page.after().orElse(""), page.fetchSize()).query(MerchantEndpoints::endpoint).list();
    }

    /** The tenant's enabled endpoints; the caller picks those that want an event. */
    List<Endpoint> enabled(String tenant) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM merchant_endpoints WHERE tenant = ? AND status = ? AND deleted_at IS NULL")
                .params(tenant, ENABLED).query(MerchantEndpoints::endpoint).list();
    }

    /** Deletes the endpoint: nothing more is sent to it, pending deliveries included. */
    public boolean delete(String tenant, String id) {
        return jdbc.sql("UPDATE merchant_endpoints SET deleted_at = ? WHERE tenant = ? AND id = ? AND deleted_at IS NULL")
                .params(Timestamp.from(clock.instant()), tenant, id).update() == 1;
    }

    /**
     * A new secret for the endpoint; the current one stays valid for {@code overlap} (events are signed with both
     * meanwhile), older ones end now.
     */
    public String rotate(String id, Duration overlap) {
        String secret = newSecret();
        Instant now = clock.instant();
        transaction.executeWithoutResult(status -> {
            jdbc.sql("SELECT id FROM merchant_endpoints WHERE id = ? FOR UPDATE").param(id).query(String.class).single();
            jdbc.sql("""
                            UPDATE merchant_endpoint_secrets SET expires_at = CASE WHEN expires_at IS NULL THEN ?
                                                                                   ELSE LEAST(expires_at, ?) END
                            WHERE endpoint_id = ? AND (expires_at IS NULL OR expires_at > ?)""")
                    .params(Timestamp.from(now.plus(overlap)), Timestamp.from(now), id, Timestamp.from(now)).update();
            jdbc.sql("INSERT INTO merchant_endpoint_secrets (endpoint_id, secret, created_at) VALUES (?, ?, ?)")
                    .params(id, secret, Timestamp.from(now)).update();
        });
        return secret;
    }

    /** The secrets events are signed with now: the current one first, then one still in its overlap. */
    List<String> activeSecrets(String id) {
        return jdbc.sql("""
                        SELECT secret FROM merchant_endpoint_secrets
                        WHERE endpoint_id = ? AND (expires_at IS NULL OR expires_at > ?)
                        ORDER BY created_at DESC""")
                .params(id, Timestamp.from(clock.instant())).query(String.class).list();
    }

    /** Enables the endpoint again; its waiting deliveries are tried at once, each with a new retry window. */
    public void enable(String id) {
        transaction.executeWithoutResult(status -> {
            jdbc.sql("UPDATE merchant_endpoints SET status = ?, disabled_reason = NULL WHERE id = ?")
                    .params(ENABLED, id).update();
            jdbc.sql("""
                            UPDATE merchant_deliveries SET first_attempt_at = NULL, next_attempt_at = ?
                            WHERE endpoint_id = ? AND status = 'PENDING'""")
                    .params(Timestamp.from(clock.instant()), id).update();
        });
    }

    /** Returns whether the endpoint was enabled until now. */
    boolean disable(String id, String reason) {
        return jdbc.sql("UPDATE merchant_endpoints SET status = ?, disabled_reason = ? WHERE id = ? AND status = ?")
                .params(DISABLED, reason, id, ENABLED).update() == 1;
    }

    long disabledCount() {
        return jdbc.sql("SELECT count(*) FROM merchant_endpoints WHERE status = ? AND deleted_at IS NULL")
                .param(DISABLED).query(Long.class).single();
    }

    private static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String textArray(List<String> values) {
        return "{" + String.join(",", values.stream().map(value -> "\"" + value + "\"").toList()) + "}";
    }

    private static Endpoint endpoint(ResultSet row, int n) throws SQLException {
        Array events = row.getArray("enabled_events");
        long value = row.getLong("low_balance_threshold");
        Long threshold = row.wasNull() ? null : value;
        return new Endpoint(row.getString("id"), row.getString("tenant"), row.getString("url"),
                row.getString("description"), List.of((String[]) events.getArray()),
                threshold, row.getString("status"), row.getString("disabled_reason"),
                row.getTimestamp("created_at").toInstant());
    }
}
