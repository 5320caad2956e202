package dev.fairbill.billing.process;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.fairbill.billing.charge.ChargeEvents.ChargeCaptureRequested;
import dev.fairbill.billing.charge.ChargeEvents.ChargeCaptured;
import dev.fairbill.billing.charge.ChargeEvents.ChargeFailed;
import dev.fairbill.billing.charge.ChargeEvents.ChargeRefundAccepted;
import dev.fairbill.billing.charge.ChargeEvents.ChargeRefundFailed;
import dev.fairbill.billing.charge.ChargeEvents.ChargeRefundRequested;
import dev.fairbill.billing.charge.ChargeEvents.ChargeRefunded;
import dev.fairbill.billing.charge.ChargeTerms;
import dev.fairbill.billing.ids.ChargeId;
import dev.fairbill.billing.payment.PaymentGateways;
import dev.fairbill.platform.money.Money;

/**
 * The {@code payment_calls} table: the processor calls that charges asked for and whose answers are not recorded yet.
 * Kept in the transaction of the charge's own events (a subscribing processor), so a request and its row commit
 * together and an answer deletes the row it answers.
 */
@Component
@ProcessingGroup(PaymentCalls.PROCESSING_GROUP)
public class PaymentCalls {

    public static final String PROCESSING_GROUP = "payment-calls";

    /**
     * One call to make: a capture under the charge's id, or a refund under the refund's id.
     *
     * @param processor  where the call goes: the tenant's processor when the capture was asked for, the one that
     *                   captured the charge for a refund
     * @param offSession a charge billing makes by itself (a subscription's period): the customer is not there
     * @param attempt    how often this key has been asked for, this request included: a refund id is asked for again
     *                   after its refund was declined or failed late, and each attempt goes to the processor under a
     *                   key of its own
     */
    public record Call(String key, Kind kind, ChargeId chargeId, String tenant, String processor, Money amount,
                       String paymentMethod, String description, String processorChargeId, boolean offSession,
                       Instant requestedAt, Instant attemptedAt, int attempt) {
    }

    public enum Kind { CAPTURE, REFUND }

    private static final String COLUMNS = """
            call_key, kind, charge_id, tenant, processor, amount, currency, payment_method, description,
            processor_charge_id, off_session, requested_at, attempted_at, attempt""";

    private static final RowMapper<Call> CALL = (row, n) -> new Call(row.getString("call_key"),
            Kind.valueOf(row.getString("kind")), ChargeId.of(row.getString("charge_id")), row.getString("tenant"),
            row.getString("processor"), Money.of(row.getLong("amount"), row.getString("currency")),
            row.getString("payment_method"), row.getString("description"), row.getString("processor_charge_id"),
            row.getBoolean("off_session"), row.getTimestamp("requested_at").toInstant(),
            row.getTimestamp("attempted_at") == null ? null : row.getTimestamp("attempted_at").toInstant(),
            row.getInt("attempt"));

    private final JdbcClient jdbc;
    private final PaymentGateways gateways;

    public PaymentCalls(JdbcClient jdbc, PaymentGateways gateways) {
        this.jdbc = jdbc;
        this.gateways = gateways;
    }

    @EventHandler
    void on(ChargeCaptureRequested requested) {
        ChargeTerms terms = requested.terms();
        insert(captureCall(terms.chargeId(), terms.tenant(), requested.toCapture(), terms.paymentMethod(),
                terms.description(), terms.subscriptionId() != null, requested.requestedAt()));
    }

    @EventHandler
    void on(ChargeRefundRequested requested) {
        insert(new Call(requested.refundId(), Kind.REFUND, requested.chargeId(), requested.tenant(),
                gateways.forTenant(requested.tenant()).name(), requested.toCard(), requested.paymentMethod(), null,
                requested.processorChargeId(), false, requested.requestedAt(), null, 1));
    }

    /**
     * The capture a charge asks for, as it waits: under the charge's id, to the tenant's processor now, off session
     * when billing makes it by itself (a subscription's period).
     */
    public Call captureCall(ChargeId chargeId, String tenant, Money amount, String paymentMethod, String description,
                            boolean forSubscription, Instant requestedAt) {
        return new Call(chargeId.value(), Kind.CAPTURE, chargeId, tenant, gateways.forTenant(tenant).name(), amount,
                paymentMethod, description, null, forSubscription, requestedAt, null, 1);
    }

    @EventHandler
    void on(ChargeCaptured captured) {
        answered(captured.chargeId().value());
    }

    @EventHandler
    void on(ChargeFailed failed) {
        answered(failed.chargeId().value());
    }

    @EventHandler
    void on(ChargeRefunded refunded) {
        answered(refunded.refundId());
    }

    @EventHandler
    void on(ChargeRefundFailed failed) {
        answered(failed.refundId());
    }

    /** The processor received the refund: the call is answered, and the processor's notification decides it. */
    @EventHandler
    void on(ChargeRefundAccepted accepted) {
        answered(accepted.refundId());
    }

    /** The call still waiting for its answer under {@code key}, if any. */
    public Optional<Call> find(String key) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM payment_calls WHERE call_key = ?").param(key).query(CALL)
                .optional();
    }

    /** Calls asked for before {@code before} and not attempted since then, oldest first. */
    public List<Call> stale(Instant before, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM payment_calls
                        WHERE requested_at < ? AND (attempted_at IS NULL OR attempted_at < ?)
                        ORDER BY requested_at LIMIT ?""")
                .params(Timestamp.from(before), Timestamp.from(before), limit)
                .query(CALL)
                .list();
    }

    /**
     * Marks a stale call as attempted now, unless someone else attempted it since it was read: whoever marks it makes
     * the call, so two sweeps (or two replicas) do not both make it.
     */
    public boolean claim(Call call, Instant now) {
        return jdbc.sql("""
                        UPDATE payment_calls SET attempted_at = ?
                         WHERE call_key = ? AND attempted_at IS NOT DISTINCT FROM ?""")
                .params(Timestamp.from(now), call.key(),
                        call.attemptedAt() == null ? null : Timestamp.from(call.attemptedAt()))
                .update() == 1;
    }

    /**
     * A refund goes to the processor that captured the charge, whatever the tenant's processor is now. Each request
     * of a refund id counts as an attempt; a charge asks for its capture once.
     */
    private void insert(Call call) {
        int attempt = call.kind() == Kind.CAPTURE ? 1 : jdbc.sql("""
                        INSERT INTO payment_call_attempts (call_key, attempts) VALUES (?, 1)
                        ON CONFLICT (call_key) DO UPDATE SET attempts = payment_call_attempts.attempts + 1
                        RETURNING attempts""")
                .param(call.key())
                .query(Integer.class)
                .single();
        jdbc.sql("""
                        INSERT INTO payment_calls (call_key, kind, charge_id, tenant, processor, amount, currency,
                                                   payment_method, description, processor_charge_id, off_session,
                                                   requested_at, attempt)
                        VALUES (?, ?, ?, ?, COALESCE((SELECT processor FROM charges WHERE id = ?
                                                        AND processor_charge_id IS NOT NULL AND ? = 'REFUND'), ?),
                                ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (call_key) DO NOTHING""")
                .params(call.key(), call.kind().name(), call.chargeId().value(), call.tenant(),
                        call.chargeId().value(), call.kind().name(), call.processor(), call.amount().amount(),
                        call.amount().currency().getCurrencyCode(), call.paymentMethod(), call.description(),
                        call.processorChargeId(), call.offSession(), Timestamp.from(call.requestedAt()), attempt)
                .update();
    }

    private void answered(String key) {
        jdbc.sql("DELETE FROM payment_calls WHERE call_key = ?").param(key).update();
    }
}
