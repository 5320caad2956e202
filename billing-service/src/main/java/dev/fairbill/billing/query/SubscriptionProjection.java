package dev.fairbill.billing.query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.fairbill.billing.account.SuspensionReason;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionCancellationScheduled;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionCancellationWithdrawn;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionCancelled;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionChargeRequested;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionCreated;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionChargeVoided;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionExpired;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionSuspensionLifted;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionSuspensionPlaced;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionPaymentFailed;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionPaymentMethodChanged;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionPlanChangeScheduled;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionRenewed;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionStarted;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionTerminated;
import dev.fairbill.billing.subscription.SubscriptionSuspension;
import dev.fairbill.billing.subscription.SubscriptionPeriod;
import dev.fairbill.billing.subscription.SubscriptionStatus;
import dev.fairbill.platform.money.Money;

/**
 * Keeps the {@code subscriptions} and {@code subscription_holds} tables in the command's transaction (subscribing,
 * ADR 0003). A suspended subscription stays SUSPENDED in the table whatever happens underneath; the lift that
 * reinstates it names the state it returns to. Replaying an event changes nothing.
 */
@Component
@ProcessingGroup(SubscriptionProjection.PROCESSING_GROUP)
public class SubscriptionProjection {

    public static final String PROCESSING_GROUP = "subscription-projection";

    /**
     * Sets the status the event says the subscription shows (first parameter); an event recorded before events carried
     * it names only the status it moved to (second parameter), which a suspension keeps hidden.
     */
    private static final String STATUS = "status = COALESCE(?, CASE WHEN status = 'SUSPENDED' THEN status ELSE ? END)";

    private final JdbcClient jdbc;

    public SubscriptionProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(SubscriptionCreated e) {
        jdbc.sql("""
                        INSERT INTO subscriptions (id, tenant, account_id, plan_id, status, period_start, period_end,
                                                   trial_ends_at, currency, list_price_amount, price_amount,
                                                   coupon_percent_off, payment_method, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (id) DO NOTHING""")
                .params(e.subscriptionId().value(), e.tenant(), e.accountId().value(), e.plan().planId(),
                        e.status().name(), ts(e.period().start()), ts(e.period().end()), ts(e.trialEndsAt()),
                        e.price().currency().getCurrencyCode(), e.plan().listPrice().amount(), e.price().amount(),
                        e.couponPercentOff(), e.paymentMethod(), ts(e.createdAt()))
                .update();
    }

    @EventHandler
    void on(SubscriptionChargeRequested e) {
        jdbc.sql("""
                        UPDATE subscriptions SET latest_charge_id = ?, plan_id = ?, next_plan_id = NULL,
                               period_start = ?, period_end = ?, list_price_amount = ?, price_amount = ?,
                               awaiting_charge = TRUE
                        WHERE id = ?""")
                .params(e.chargeId().value(), e.plan().planId(), ts(e.period().start()), ts(e.period().end()),
                        e.plan().listPrice().amount(), e.amount().amount(), e.subscriptionId().value())
                .update();
    }

    @EventHandler
    void on(SubscriptionStarted e) {
        status(e.subscriptionId().value(), e.statusAfter(), e.status());
        if (e.chargeId() != null) {
            chargeAnswered(e.subscriptionId().value());
        }
    }

    @EventHandler
    void on(SubscriptionRenewed e) {
        // a renewal recorded before renewals carried the status: worked out as the subscription did then
        jdbc.sql("UPDATE subscriptions SET status = COALESCE(?, CASE WHEN status = 'SUSPENDED' THEN status"
                        + " WHEN cancel_at IS NOT NULL THEN 'CANCELLATION_SCHEDULED' ELSE 'ACTIVE' END) WHERE id = ?")
                .params(name(e.statusAfter()), e.subscriptionId().value())
                .update();
        chargeAnswered(e.subscriptionId().value());
    }

    @EventHandler
    void on(SubscriptionPaymentFailed e) {
        status(e.subscriptionId().value(), e.statusAfter(), SubscriptionStatus.PAST_DUE);
        chargeAnswered(e.subscriptionId().value());
    }

    @EventHandler
    void on(SubscriptionChargeVoided e) {
        chargeAnswered(e.subscriptionId().value());
    }

    /** The charge the subscription asked for was answered; a test clock waits for this before it moves on. */
    private void chargeAnswered(String subscriptionId) {
        jdbc.sql("UPDATE subscriptions SET awaiting_charge = FALSE WHERE id = ?").param(subscriptionId).update();
    }

    /** How many live subscriptions of the accounts still wait for the answer to a charge they asked for. */
    public int awaitingCharges(List<String> accountIds) {
        return jdbc.sql("""
                        SELECT count(*) FROM subscriptions WHERE account_id = ANY (?) AND awaiting_charge
                          AND status NOT IN ('CANCELLED', 'EXPIRED', 'TERMINATED')""")
                .param(accountIds.toArray(String[]::new))
                .query(Integer.class).single();
    }

    @EventHandler
    void on(SubscriptionExpired e) {
        jdbc.sql("UPDATE subscriptions SET status = 'EXPIRED' WHERE id = ?").param(e.subscriptionId().value())
                .update();
    }

    @EventHandler
    void on(SubscriptionCancellationScheduled e) {
        jdbc.sql("UPDATE subscriptions SET cancel_at = ?, " + STATUS + " WHERE id = ?")
                .params(ts(e.cancelAt()), name(e.statusAfter()), SubscriptionStatus.CANCELLATION_SCHEDULED.name(),
                        e.subscriptionId().value())
                .update();
    }

    @EventHandler
    void on(SubscriptionCancellationWithdrawn e) {
        jdbc.sql("UPDATE subscriptions SET cancel_at = NULL, " + STATUS + " WHERE id = ?")
                .params(name(e.statusAfter()), e.status().name(), e.subscriptionId().value())
                .update();
    }

    @EventHandler
    void on(SubscriptionCancelled e) {
        jdbc.sql("UPDATE subscriptions SET status = 'CANCELLED', cancel_at = ? WHERE id = ?")
                .params(ts(e.cancelledAt()), e.subscriptionId().value())
                .update();
    }

    @EventHandler
    void on(SubscriptionSuspensionPlaced e) {
        jdbc.sql("""
                        INSERT INTO subscription_holds (subscription_id, reason, reference) VALUES (?, ?, ?)
                        ON CONFLICT DO NOTHING""")
                .params(e.subscriptionId().value(), e.reason().name(), e.reference())
                .update();
        if (e.suspended()) {
            jdbc.sql("UPDATE subscriptions SET status = 'SUSPENDED' WHERE id = ?").param(e.subscriptionId().value())
                    .update();
        }
    }

    @EventHandler
    void on(SubscriptionSuspensionLifted e) {
        jdbc.sql("DELETE FROM subscription_holds WHERE subscription_id = ? AND reason = ? AND reference = ?")
                .params(e.subscriptionId().value(), e.reason().name(), e.reference())
                .update();
        if (e.reinstatedTo() != null) {
            jdbc.sql("UPDATE subscriptions SET status = ? WHERE id = ?")
                    .params(e.reinstatedTo().name(), e.subscriptionId().value())
                    .update();
        }
    }

    @EventHandler
    void on(SubscriptionTerminated e) {
        jdbc.sql("UPDATE subscriptions SET status = 'TERMINATED' WHERE id = ?").param(e.subscriptionId().value())
                .update();
    }

    @EventHandler
    void on(SubscriptionPlanChangeScheduled e) {
        jdbc.sql("UPDATE subscriptions SET next_plan_id = ? WHERE id = ?")
                .params(e.plan().planId(), e.subscriptionId().value())
                .update();
    }

    @EventHandler
    void on(SubscriptionPaymentMethodChanged e) {
        jdbc.sql("UPDATE subscriptions SET payment_method = ? WHERE id = ?")
                .params(e.paymentMethod(), e.subscriptionId().value())
                .update();
    }

    /** The subscription if it belongs to {@code tenant}; another tenant's is as absent as an unknown one. */
    public Optional<SubscriptionView> find(String tenant, String subscriptionId) {
        return jdbc.sql("""
                        SELECT s.*,
                               ARRAY(SELECT reason FROM subscription_holds WHERE subscription_id = s.id
                                     ORDER BY reason, reference) AS hold_reasons,
                               ARRAY(SELECT reference FROM subscription_holds WHERE subscription_id = s.id
                                     ORDER BY reason, reference) AS hold_references
                        FROM subscriptions s WHERE s.id = ? AND s.tenant = ?""")
                .params(subscriptionId, tenant)
                .query(SubscriptionProjection::view)
                .optional();
    }

    /** The account's subscriptions that have not ended, which an account hold suspends. */
    public List<String> ongoingIdsOfAccount(String accountId) {
        return jdbc.sql("""
                        SELECT id FROM subscriptions
                        WHERE account_id = ? AND status NOT IN ('CANCELLED', 'EXPIRED', 'TERMINATED')
                        ORDER BY created_at, id""")
                .param(accountId)
                .query(String.class)
                .list();
    }

    private void status(String subscriptionId, SubscriptionStatus statusAfter, SubscriptionStatus movedTo) {
        jdbc.sql("UPDATE subscriptions SET " + STATUS + " WHERE id = ?")
                .params(name(statusAfter), movedTo.name(), subscriptionId)
                .update();
    }

    private static String name(SubscriptionStatus status) {
        return status == null ? null : status.name();
    }

    /** A row of {@link #find}'s query, its holds included: no query runs while the result is open. */
    private static SubscriptionView view(ResultSet row, int n) throws SQLException {
        String id = row.getString("id");
        Currency currency = Currency.getInstance(row.getString("currency"));
        String[] reasons = (String[]) row.getArray("hold_reasons").getArray();
        String[] references = (String[]) row.getArray("hold_references").getArray();
        List<SubscriptionSuspension> holds = new ArrayList<>(reasons.length);
        for (int i = 0; i < reasons.length; i++) {
            holds.add(new SubscriptionSuspension(SuspensionReason.valueOf(reasons[i]), references[i]));
        }
        return new SubscriptionView(id, row.getString("tenant"), row.getString("account_id"),
                row.getString("plan_id"), row.getString("next_plan_id"),
                SubscriptionStatus.valueOf(row.getString("status")),
                new SubscriptionPeriod(instant(row, "period_start"), instant(row, "period_end")),
                instant(row, "trial_ends_at"), instant(row, "cancel_at"), row.getString("latest_charge_id"),
                new Money(row.getLong("list_price_amount"), currency), new Money(row.getLong("price_amount"), currency),
                (Integer) row.getObject("coupon_percent_off"), row.getString("payment_method"), holds,
                instant(row, "created_at"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
