package dev.fairbill.refund.query;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.fairbill.refund.refundcase.RefundCaseEvents.RefundCaseApproved;
import dev.fairbill.refund.refundcase.RefundCaseEvents.RefundCaseOpened;
import dev.fairbill.refund.refundcase.RefundCaseEvents.RefundCaseRejected;
import dev.fairbill.refund.refundcase.RefundCaseEvents.RefundExecutionFailed;
import dev.fairbill.refund.refundcase.RefundCaseEvents.RefundPaidOut;
import dev.fairbill.refund.refundcase.RefundCaseEvents.RefundPayoutReversed;
import dev.fairbill.refund.refundcase.RefundCaseEvents.ReviewEscalated;
import dev.fairbill.refund.policy.RefundPolicyProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * refund-service's business metrics: decisions by outcome and policy, the money paid
 * out, the review queue and its SLA breaches, payouts that failed for good. Counted in the command's transaction
 * (subscribing), so a replay does not count again; the per-tenant series exist from the start, at zero.
 */
@Component
@ProcessingGroup(RefundMetrics.PROCESSING_GROUP)
public class RefundMetrics {

    public static final String PROCESSING_GROUP = "refund-metrics";

    private final MeterRegistry meters;

    public RefundMetrics(MeterRegistry meters, JdbcClient jdbc, RefundPolicyProperties tenants) {
        this.meters = meters;
        for (String tenant : tenants.tenants().keySet()) {
            Gauge.builder("fairbill_refund_review_queue", () -> jdbc.sql(
                            "SELECT COUNT(*) FROM refund_cases WHERE tenant = ? AND status = 'IN_REVIEW'")
                            .param(tenant).query(Long.class).single())
                    .description("Refund cases waiting for a reviewer").tag("tenant", tenant).register(meters);
            slaBreaches(tenant);
            failedPayouts(tenant);
        }
    }

    @EventHandler
    void on(RefundCaseOpened opened) {
        decision(opened.tenant(), opened.decision().policyId(), opened.decision().outcome().name(), "POLICY");
    }

    @EventHandler
    void on(RefundCaseApproved approved) {
        decision(approved.tenant(), approved.policyDecision().policyId(),
                approved.remedy() == null ? "APPROVED" : "REMEDY", "REVIEWER");
    }

    @EventHandler
    void on(RefundCaseRejected rejected) {
        decision(rejected.tenant(), rejected.policyDecision().policyId(), "DENIED", "REVIEWER");
    }

    @EventHandler
    void on(RefundPaidOut paid) {
        Counter.builder("fairbill_refunded_amount_total")
                .description("Money paid back by refund cases, in minor units of the currency")
                .tag("tenant", paid.tenant()).tag("currency", paid.amount().currency().getCurrencyCode())
                .tag("destination", paid.destination().name()).register(meters).increment(paid.amount().amount());
    }

    @EventHandler
    void on(ReviewEscalated escalated) {
        slaBreaches(escalated.tenant()).increment();
    }

    @EventHandler
    void on(RefundExecutionFailed failed) {
        failedPayouts(failed.tenant()).increment();
    }

    /** A payout the processor reversed failed too, only later. */
    @EventHandler
    void on(RefundPayoutReversed reversed) {
        failedPayouts(reversed.tenant()).increment();
    }

    private void decision(String tenant, String policy, String outcome, String decidedBy) {
        Counter.builder("fairbill_refund_decisions_total").description("Refund decisions, by policy and outcome")
                .tag("tenant", tenant).tag("policy", policy).tag("outcome", outcome).tag("decided_by", decidedBy)
                .register(meters).increment();
    }

    private Counter slaBreaches(String tenant) {
        return Counter.builder("fairbill_refund_review_sla_breaches_total")
                .description("Refund cases still in review when their review was due").tag("tenant", tenant)
                .register(meters);
    }

    private Counter failedPayouts(String tenant) {
        return Counter.builder("fairbill_refund_payouts_failed_total")
                .description("Approved refunds whose payout failed for good and went back to review")
                .tag("tenant", tenant).register(meters);
    }
}
