package dev.fairbill.refund.query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.fairbill.platform.money.Money;
import dev.fairbill.platform.web.NotFoundException;
import dev.fairbill.platform.web.UnprocessableException;
import dev.fairbill.refund.policy.RefundFacts.ChargeFacts;
import dev.fairbill.refund.policy.RefundFacts.DisputeState;
import dev.fairbill.refund.policy.RefundFacts.IncidentFacts;
import dev.fairbill.refund.policy.RefundFacts.PurchaseFacts;
import dev.fairbill.refund.policy.RefundFacts.SubscriptionFacts;
import dev.fairbill.refund.policy.RefundFacts.UsageFacts;
import dev.fairbill.refund.policy.RefundFacts;
import dev.fairbill.refund.policy.RefundRequest.Target;

/**
 * Gathers what the policy engine needs about a request's target from refund-service's own facts. A target of another
 * tenant, or one refund-service has not heard of, is not found; one of another account of the tenant is refused.
 */
@Component
public class RefundFactsReader {

    /**
     * Refunds refund-service approved that billing's total does not show yet: to the card while approved or
     * executing (billing's total includes them once paid), as account balance always (billing never refunds those).
     */
    private static final String PENDING_REFUNDS = """
            SELECT COALESCE(SUM(r.amount), 0) FROM refund_cases r WHERE r.charge_id = c.charge_id
               AND r.amount IS NOT NULL
               AND ((r.destination = 'ORIGINAL_PAYMENT_METHOD' AND r.status IN ('APPROVED', 'EXECUTING'))
                 OR (r.destination = 'ACCOUNT_BALANCE' AND r.status IN ('APPROVED', 'EXECUTING', 'COMPLETED')))""";

    private final JdbcClient jdbc;

    public RefundFactsReader(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public RefundFacts factsFor(String tenant, String accountId, Target target, Instant now) {
        return switch (target.kind()) {
            case CHARGE -> {
                ChargeFacts charge = charge(tenant, target.id()).orElseThrow(() -> notFound("Charge", target));
                requireAccount(charge.accountId(), accountId, target);
                SubscriptionFacts subscription = subscriptionPaidBy(tenant, target.id()).orElse(null);
                PurchaseFacts purchase = purchasePaidBy(tenant, target.id()).orElse(null);
                Instant since = subscription != null ? subscription.periodStart()
                        : purchase != null ? purchase.purchasedAt() : charge.capturedAt();
                yield assemble(tenant, accountId, charge, subscription, purchase, since, now);
            }
            case PURCHASE -> {
                PurchaseFacts purchase = purchase(tenant, target.id()).orElseThrow(() -> notFound("Purchase", target));
                requireAccount(purchase.accountId(), accountId, target);
                ChargeFacts charge = charge(tenant, purchase.chargeId()).orElse(null);
                yield assemble(tenant, accountId, charge, null, purchase, purchase.purchasedAt(), now);
            }
            case SUBSCRIPTION -> {
                SubscriptionFacts subscription = subscription(tenant, target.id())
                        .orElseThrow(() -> notFound("Subscription", target));
                requireAccount(subscription.accountId(), accountId, target);
                ChargeFacts charge = subscription.latestChargeId() == null ? null
                        : charge(tenant, subscription.latestChargeId()).orElse(null);
                yield assemble(tenant, accountId, charge, subscription, null, subscription.periodStart(), now);
            }
        };
    }

    private RefundFacts assemble(String tenant, String accountId, ChargeFacts charge, SubscriptionFacts subscription,
                                 PurchaseFacts purchase, Instant since, Instant now) {
        Instant until = subscription != null && subscription.periodEnd().isBefore(now) ? subscription.periodEnd()
                : now;
        String plan = subscription == null ? null : subscription.planId();
        return new RefundFacts(charge, subscription, purchase, usage(accountId, since),
                incidents(tenant, plan, since, until));
    }

    /** Whether the tenant has subscriptions to the plan: the plans an outage can be scoped to. */
    public boolean hasPlan(String tenant, String planId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM fact_subscriptions WHERE tenant = ? AND plan_id = ?)")
                .params(tenant, planId)
                .query(Boolean.class)
                .single();
    }

    public Optional<ChargeFacts> charge(String tenant, String chargeId) {
        return jdbc.sql("SELECT c.*, (" + PENDING_REFUNDS + ") AS pending_refunds FROM fact_charges c "
                        + "WHERE c.charge_id = ? AND c.tenant = ?")
                .params(chargeId, tenant)
                .query((row, n) -> {
                    String currency = row.getString("currency");
                    return new ChargeFacts(row.getString("charge_id"), row.getString("account_id"),
                            Money.of(row.getLong("amount"), currency),
                            Money.of(row.getLong("refunded") + row.getLong("pending_refunds"), currency),
                            Money.of(row.getLong("paid_from_balance"), currency), instant(row, "captured_at"),
                            row.getString("duplicate_of"), DisputeState.valueOf(row.getString("dispute_state")));
                })
                .optional();
    }

    private Optional<SubscriptionFacts> subscription(String tenant, String subscriptionId) {
        return jdbc.sql("SELECT * FROM fact_subscriptions WHERE subscription_id = ? AND tenant = ?")
                .params(subscriptionId, tenant)
                .query(RefundFactsReader::subscription)
                .optional();
    }

    private Optional<SubscriptionFacts> subscriptionPaidBy(String tenant, String chargeId) {
        return jdbc.sql("""
                        SELECT s.* FROM fact_subscriptions s
                        JOIN fact_charges c ON c.subscription_id = s.subscription_id
                        WHERE c.charge_id = ? AND s.tenant = ?""")
                .params(chargeId, tenant)
                .query(RefundFactsReader::subscription)
                .optional();
    }

    private Optional<PurchaseFacts> purchase(String tenant, String purchaseId) {
        return jdbc.sql("SELECT * FROM fact_purchases WHERE purchase_id = ? AND tenant = ?")
                .params(purchaseId, tenant)
                .query(RefundFactsReader::purchase)
                .optional();
    }

    private Optional<PurchaseFacts> purchasePaidBy(String tenant, String chargeId) {
        return jdbc.sql("SELECT * FROM fact_purchases WHERE charge_id = ? AND tenant = ?")
                .params(chargeId, tenant)
                .query(RefundFactsReader::purchase)
                .optional();
    }

    private UsageFacts usage(String accountId, Instant since) {
        return new UsageFacts(jdbc.sql(
                        "SELECT COALESCE(SUM(amount), 0) FROM fact_usage WHERE account_id = ? AND used_at >= ?")
                .params(accountId, Timestamp.from(since))
                .query(Long.class)
                .single());
    }

    /**
     * The tenant's outages overlapping {@code from}–{@code until} that affected everyone or the plan; one still going
     * on has no end.
     */
    private List<IncidentFacts> incidents(String tenant, String planId, Instant from, Instant until) {
        return jdbc.sql("""
                        SELECT incident_id, started_at, ended_at, scope FROM incidents
                        WHERE tenant = ? AND started_at < ? AND (ended_at IS NULL OR ended_at > ?)
                          AND (scope = 'ALL' OR scope = ?)
                        ORDER BY started_at""")
                .params(tenant, Timestamp.from(until), Timestamp.from(from), planId)
                .query((row, n) -> new IncidentFacts(row.getString("incident_id"), instant(row, "started_at"),
                        instant(row, "ended_at"), row.getString("scope")))
                .list();
    }

    private static SubscriptionFacts subscription(ResultSet row, int n) throws SQLException {
        String currency = row.getString("currency");
        Instant start = instant(row, "period_start");
        Instant end = instant(row, "period_end");
        String interval = Duration.between(start, end).toDays() > 100 ? "YEAR" : "MONTH";
        Integer coupon = (Integer) row.getObject("coupon_percent_off");
        return new SubscriptionFacts(row.getString("subscription_id"), row.getString("account_id"),
                row.getString("plan_id"), interval, row.getString("status"), start, end,
                Money.of(row.getLong("list_price"), currency), Money.of(row.getLong("price"), currency), coupon,
                row.getLong("included_credits"), row.getString("latest_charge_id"));
    }

    private static PurchaseFacts purchase(ResultSet row, int n) throws SQLException {
        return new PurchaseFacts(row.getString("purchase_id"), row.getString("account_id"),
                row.getString("product_id"), row.getString("kind"),
                Money.of(row.getLong("amount"), row.getString("currency")), row.getString("charge_id"),
                instant(row, "purchased_at"), row.getLong("ordered"), row.getLong("delivered"),
                row.getLong("current_count"), row.getString("fulfilment"), instant(row, "completed_at"),
                duration(row, "max_delivery_time_s"), duration(row, "refill_window_s"));
    }

    private static void requireAccount(String owner, String accountId, Target target) {
        if (!owner.equals(accountId)) {
            throw new UnprocessableException("target-of-other-account", "Target of another account",
                    target.kind() + " " + target.id() + " does not belong to account " + accountId + ".");
        }
    }

    private static NotFoundException notFound(String what, Target target) {
        return new NotFoundException(what + " " + target.id());
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static Duration duration(ResultSet row, String column) throws SQLException {
        long seconds = row.getLong(column);
        return row.wasNull() ? null : Duration.ofSeconds(seconds);
    }
}
