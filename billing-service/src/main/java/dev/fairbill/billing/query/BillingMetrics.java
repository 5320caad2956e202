package dev.fairbill.billing.query;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.fairbill.billing.account.AccountSuspensions.AccountSuspensionPlaced;
import dev.fairbill.billing.charge.ChargeEvents.ChargeFlaggedDuplicate;
import dev.fairbill.billing.dispute.DisputeEvents.DisputeClosed;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Billing's business metrics: suspensions, duplicate charges, disputes open, closed
 * and with evidence due soon. Counted in the transaction of the command that caused them (subscribing), so a
 * replay of the event store does not count again.
 */
@Component
@ProcessingGroup(BillingMetrics.PROCESSING_GROUP)
public class BillingMetrics {

    public static final String PROCESSING_GROUP = "billing-metrics";
    /** Evidence due within this is "due soon" (alert: the response must reach the processor in time). */
    static final Duration EVIDENCE_DUE_SOON = Duration.ofHours(48);

    private final MeterRegistry meters;

    public BillingMetrics(MeterRegistry meters, JdbcClient jdbc, Clock clock) {
        this.meters = meters;
        Gauge.builder("fairbill_disputes_open", () -> jdbc.sql("SELECT COUNT(*) FROM disputes WHERE status = 'OPEN'")
                        .query(Long.class).single())
                .description("Disputes (chargebacks) open at the processors").register(meters);
        Gauge.builder("fairbill_dispute_evidence_due_soon", () -> jdbc.sql("""
                                SELECT COUNT(*) FROM disputes WHERE status = 'OPEN' AND due_by IS NOT NULL AND due_by < ?""")
                        .param(Timestamp.from(clock.instant().plus(EVIDENCE_DUE_SOON))).query(Long.class).single())
                .description("Open disputes whose evidence is due within 48 hours").register(meters);
    }

    @EventHandler
    void on(AccountSuspensionPlaced placed) {
        if (placed.suspended()) {
            Counter.builder("fairbill_account_suspensions_total").description("Accounts suspended by a first hold")
                    .tag("tenant", placed.tenant()).tag("reason", placed.reason().name()).register(meters).increment();
        }
    }

    @EventHandler
    void on(ChargeFlaggedDuplicate flagged) {
        Counter.builder("fairbill_duplicate_charges_total").description("Captures flagged as duplicates")
                .tag("tenant", flagged.tenant()).register(meters).increment();
    }

    @EventHandler
    void on(DisputeClosed closed) {
        Counter.builder("fairbill_disputes_closed_total").description("Disputes closed, by outcome")
                .tag("tenant", closed.tenant()).tag("outcome", closed.outcome().name()).register(meters).increment();
    }
}
