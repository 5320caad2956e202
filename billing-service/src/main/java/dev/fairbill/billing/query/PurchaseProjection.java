package dev.fairbill.billing.query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.fairbill.billing.purchase.PurchaseProduct.Kind;
import dev.fairbill.billing.purchase.PurchaseEvents.PurchaseFulfilmentChanged;
import dev.fairbill.billing.purchase.PurchaseEvents.PurchasePaid;
import dev.fairbill.billing.purchase.PurchaseEvents.PurchasePaymentFailed;
import dev.fairbill.billing.purchase.PurchaseEvents.PurchasePlaced;
import dev.fairbill.billing.purchase.PurchaseEvents.RefillFulfilmentChanged;
import dev.fairbill.billing.purchase.PurchaseEvents.RefillRequested;
import dev.fairbill.platform.money.Money;

/**
 * Keeps the {@code purchases} table in the command's transaction (subscribing, ADR 0003); replays change nothing. A
 * credit pack is fulfilled by being paid (the ledger grants its credits): ordered = delivered = its credits.
 */
@Component
@ProcessingGroup(PurchaseProjection.PROCESSING_GROUP)
public class PurchaseProjection {

    public static final String PROCESSING_GROUP = "purchase-projection";

    private final JdbcClient jdbc;

    public PurchaseProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(PurchasePlaced event) {
        long ordered = event.kind() == Kind.CREDIT_PACK ? event.credits() : event.quantity();
        jdbc.sql("""
                        INSERT INTO purchases (id, tenant, account_id, product_id, kind, amount, currency, charge_id,
                                               status, fulfilment_status, ordered, delivered, current_count,
                                               max_delivery_time_s, refill_window_s, purchased_at, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING_PAYMENT', 'NOT_STARTED', ?, 0, 0, ?, ?, ?, ?)
                        ON CONFLICT (id) DO NOTHING""")
                .params(event.purchaseId().value(), event.tenant(), event.accountId().value(), event.productId(),
                        event.kind().name(), event.price().amount(), event.price().currency().getCurrencyCode(),
                        event.chargeId().value(), ordered, seconds(event.maxDeliveryTime()),
                        seconds(event.refillWindow()), Timestamp.from(event.purchasedAt()),
                        Timestamp.from(event.placedAt()))
                .update();
    }

    @EventHandler
    void on(PurchasePaid event) {
        jdbc.sql("""
                        UPDATE purchases SET status = 'PAID',
                               fulfilment_status = CASE WHEN kind = 'CREDIT_PACK' THEN 'COMPLETED'
                                                        ELSE fulfilment_status END,
                               delivered = CASE WHEN kind = 'CREDIT_PACK' THEN ordered ELSE delivered END,
                               current_count = CASE WHEN kind = 'CREDIT_PACK' THEN ordered ELSE current_count END,
                               completed_at = CASE WHEN kind = 'CREDIT_PACK' THEN ? ELSE completed_at END
                        WHERE id = ?""")
                .params(Timestamp.from(event.paidAt()), event.purchaseId().value())
                .update();
    }

    @EventHandler
    void on(PurchasePaymentFailed event) {
        jdbc.sql("UPDATE purchases SET status = 'PAYMENT_FAILED' WHERE id = ?")
                .params(event.purchaseId().value())
                .update();
    }

    @EventHandler
    void on(PurchaseFulfilmentChanged event) {
        jdbc.sql("""
                        UPDATE purchases SET fulfilment_status = ?, delivered = ?, current_count = ?, completed_at = ?
                        WHERE id = ?""")
                .params(event.status().name(), event.delivered(), event.currentCount(),
                        event.completedAt() == null ? null : Timestamp.from(event.completedAt()),
                        event.purchaseId().value())
                .update();
    }

    @EventHandler
    void on(RefillRequested event) {
        jdbc.sql("""
                        INSERT INTO purchase_refills (refill_id, purchase_id, case_id, quantity, delivered, status,
                                                      requested_at, changed_at)
                        VALUES (?, ?, ?, ?, 0, 'NOT_STARTED', ?, ?)
                        ON CONFLICT (refill_id) DO NOTHING""")
                .params(event.refillId(), event.purchaseId().value(), event.caseId(), event.quantity(),
                        Timestamp.from(event.requestedAt()), Timestamp.from(event.recordedAt()))
                .update();
    }

    @EventHandler
    void on(RefillFulfilmentChanged event) {
        Timestamp changedAt = Timestamp.from(event.changedAt());
        jdbc.sql("""
                        UPDATE purchase_refills SET status = ?, delivered = ?, changed_at = ?,
                               completed_at = CASE WHEN ? = 'COMPLETED' THEN ? ELSE completed_at END
                        WHERE refill_id = ?""")
                .params(event.status().name(), event.delivered(), changedAt, event.status().name(), changedAt,
                        event.refillId())
                .update();
        jdbc.sql("UPDATE purchases SET current_count = ? WHERE id = ?")
                .params(event.currentCount(), event.purchaseId().value())
                .update();
    }

    public Optional<PurchaseView> find(String tenant, String purchaseId) {
        return jdbc.sql("""
                        SELECT id, tenant, account_id, product_id, kind, amount, currency, charge_id, status,
                               fulfilment_status, ordered, delivered, current_count, max_delivery_time_s,
                               refill_window_s, completed_at, purchased_at, created_at
                        FROM purchases WHERE id = ? AND tenant = ?""")
                .params(purchaseId, tenant)
                .query((row, n) -> view(row))
                .optional()
                .map(found -> found.withRefills(refills(found.id())));
    }

    private List<PurchaseView.Refill> refills(String purchaseId) {
        return jdbc.sql("""
                        SELECT refill_id, case_id, quantity, delivered, status, requested_at, completed_at
                        FROM purchase_refills WHERE purchase_id = ? ORDER BY requested_at, refill_id""")
                .param(purchaseId)
                .query((row, n) -> {
                    Timestamp completedAt = row.getTimestamp("completed_at");
                    return new PurchaseView.Refill(row.getString("refill_id"), row.getString("case_id"),
                            row.getLong("quantity"), row.getLong("delivered"), row.getString("status"),
                            row.getTimestamp("requested_at").toInstant(),
                            completedAt == null ? null : completedAt.toInstant());
                })
                .list();
    }

    private static PurchaseView view(ResultSet row) throws SQLException {
        Timestamp completedAt = row.getTimestamp("completed_at");
        return new PurchaseView(row.getString("id"), row.getString("tenant"), row.getString("account_id"),
                row.getString("product_id"), row.getString("kind"),
                new Money(row.getLong("amount"), Currency.getInstance(row.getString("currency"))),
                row.getString("charge_id"), row.getString("status"), row.getString("fulfilment_status"),
                row.getLong("ordered"), row.getLong("delivered"), row.getLong("current_count"),
                duration(row, "max_delivery_time_s"), duration(row, "refill_window_s"),
                completedAt == null ? null : completedAt.toInstant(), row.getTimestamp("purchased_at").toInstant(),
                row.getTimestamp("created_at").toInstant(), List.of());
    }

    private static Long seconds(Duration duration) {
        return duration == null ? null : duration.toSeconds();
    }

    private static Duration duration(ResultSet row, String column) throws SQLException {
        long seconds = row.getLong(column);
        return row.wasNull() ? null : Duration.ofSeconds(seconds);
    }
}
