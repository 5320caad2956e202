package dev.fairbill.billing.process;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.fairbill.billing.charge.Charge;
import dev.fairbill.billing.dispute.DisputeCommands.RecordEvidenceSubmission;
import dev.fairbill.billing.dispute.DisputeEvents.DisputeClosed;
import dev.fairbill.billing.dispute.DisputeEvents.DisputeEvidenceAttached;
import dev.fairbill.billing.dispute.DisputeEvents.DisputeEvidenceSubmitted;
import dev.fairbill.billing.dispute.EvidenceSubmission;
import dev.fairbill.billing.ids.DisputeId;
import dev.fairbill.billing.payment.PaymentGateway;
import dev.fairbill.billing.payment.PaymentGateway.EvidenceRequest;
import dev.fairbill.billing.payment.PaymentGateways;
import dev.fairbill.billing.payment.ProcessorUnavailable;
import dev.fairbill.billing.query.ChargeQueries;
import dev.fairbill.billing.query.ChargeView;
import dev.fairbill.billing.query.DisputeEvidence;
import dev.fairbill.billing.query.DisputeProjection;
import dev.fairbill.billing.query.DisputeView;

/**
 * Sends a dispute's evidence to the processor that captured the disputed charge, once the refund side of the bundle
 * is compiled (refund-service's chargeback saga does that right after the dispute opens, well before its due date). The
 * compilation writes a row of {@code dispute_submissions} in its own transaction; this process makes the call outside
 * any transaction, under the dispute's id as idempotency key, and records the answer on the dispute, which removes the
 * row. A call that a crash or an unreachable processor left unanswered is made again after {@code retry-after}.
 * <p>
 * Submitting is final at the processor: a compilation that arrives after the submission is kept in the bundle
 * ({@code GET /api/v1/disputes/{id}/evidence}) but is not sent again.
 */
@Component
@ProcessingGroup(DisputeEvidenceSubmissions.PROCESSING_GROUP)
public class DisputeEvidenceSubmissions {

    public static final String PROCESSING_GROUP = "dispute-submissions";
    private static final Logger log = LoggerFactory.getLogger(DisputeEvidenceSubmissions.class);
    private static final int BATCH = 20;

    private final JdbcClient jdbc;
    private final DisputeProjection disputes;
    private final ChargeQueries charges;
    private final DisputeEvidence evidence;
    private final PaymentGateways gateways;
    private final CommandGateway commands;
    private final Clock clock;
    private final Duration retryAfter;

    public DisputeEvidenceSubmissions(JdbcClient jdbc, DisputeProjection disputes, ChargeQueries charges,
                                      DisputeEvidence evidence, PaymentGateways gateways, CommandGateway commands,
                                      Clock clock,
                                      @Value("${fairbill.billing.dispute-evidence.retry-after:5m}")
                                      Duration retryAfter) {
        this.jdbc = jdbc;
        this.disputes = disputes;
        this.charges = charges;
        this.evidence = evidence;
        this.gateways = gateways;
        this.commands = commands;
        this.clock = clock;
        this.retryAfter = retryAfter;
    }

    @EventHandler
    void on(DisputeEvidenceAttached attached) {
        jdbc.sql("""
                        INSERT INTO dispute_submissions (dispute_id, requested_at)
                        SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM disputes
                                                       WHERE id = ? AND evidence_submission IS NOT NULL)
                        ON CONFLICT (dispute_id) DO NOTHING""")
                .params(attached.disputeId().value(), Timestamp.from(attached.compiledAt()),
                        attached.disputeId().value())
                .update();
    }

    @EventHandler
    void on(DisputeEvidenceSubmitted submitted) {
        done(submitted.disputeId());
    }

    @EventHandler
    void on(DisputeClosed closed) {
        done(closed.disputeId());
    }

    /** Sends the evidence of every dispute that waits for it and was not tried within {@code retry-after}. */
    @Scheduled(fixedDelayString = "${fairbill.billing.dispute-evidence.interval:30s}",
            initialDelayString = "${fairbill.billing.dispute-evidence.interval:30s}")
    public void submitWaiting() {
        Instant now = clock.instant();
        List<Waiting> waiting = jdbc.sql("""
                        SELECT dispute_id, attempted_at FROM dispute_submissions
                         WHERE attempted_at IS NULL OR attempted_at < ?
                         ORDER BY requested_at LIMIT ?""")
                .params(Timestamp.from(now.minus(retryAfter)), BATCH)
                .query((row, n) -> new Waiting(row.getString("dispute_id"), row.getTimestamp("attempted_at")))
                .list();
        waiting.stream().filter(submission -> claim(submission, now)).forEach(submission -> submit(submission.id()));
    }

    private void submit(String disputeId) {
        DisputeView dispute = disputes.byId(disputeId).orElse(null);
        ChargeView charge = dispute == null ? null : charges.find(dispute.tenant(), dispute.chargeId()).orElse(null);
        if (charge == null) {
            return;
        }
        EvidenceSubmission submission;
        String detail;
        try {
            PaymentGateway.EvidenceResult result = Charge.BALANCE.equals(charge.processor())
                    ? new PaymentGateway.EvidenceForOperator("the charge was paid from the cash balance")
                    : gateways.of(dispute.tenant(), charge.processor()).submitDisputeEvidence(request(dispute, charge));
            switch (result) {
                case PaymentGateway.EvidenceSubmitted ignored -> {
                    submission = EvidenceSubmission.SUBMITTED;
                    detail = null;
                }
                case PaymentGateway.EvidenceForOperator operator -> {
                    submission = EvidenceSubmission.FOR_OPERATOR;
                    detail = operator.reason();
                }
                case PaymentGateway.EvidenceRefused refused -> {
                    submission = EvidenceSubmission.REFUSED;
                    detail = refused.code();
                }
            }
        } catch (ProcessorUnavailable unavailable) {
            log.warn("Dispute evidence not sent yet: dispute={} tenant={} cause={}", disputeId, dispute.tenant(),
                    unavailable.getMessage());
            return;
        }
        log.info("Dispute evidence: dispute={} tenant={} processor={} submission={} detail={}", disputeId,
                dispute.tenant(), charge.processor(), submission, detail);
        commands.sendAndWait(new RecordEvidenceSubmission(DisputeId.of(disputeId), submission, detail,
                clock.instant()));
    }

    /** The bundle as text a processor's reviewer reads: what the account did, and why the charge stands. */
    private EvidenceRequest request(DisputeView dispute, ChargeView charge) {
        DisputeEvidence.Bundle bundle = evidence.compile(dispute);
        String activity = bundle.items().stream()
                .map(item -> item.occurredAt() + " " + item.type() + " (" + item.source() + " " + item.sourceId()
                        + ")" + (DisputeEvidence.REFUND_SERVICE.equals(item.source()) ? ": " + item.data() : ""))
                .collect(Collectors.joining("\n"));
        String explanation = "CONTEST_REFUNDED".equals(bundle.recommendation())
                ? "The customer was refunded for this charge (" + charge.amountRefunded().amount() + " of "
                        + charge.amount().amount() + " minor units of " + charge.amount().currency()
                        + "), before or during the dispute; the refunds are listed in the activity log. Upholding the"
                        + " dispute would pay the customer twice."
                : "The customer opened the account and used what this charge paid for; the activity log lists the"
                        + " account's activation, the credits granted and used, and every refund request and its"
                        + " decision.";
        return new EvidenceRequest(dispute.id(), dispute.processorDisputeId(), charge.id(), charge.description(),
                charge.createdAt(), activity, explanation);
    }

    private boolean claim(Waiting submission, Instant now) {
        return jdbc.sql("""
                        UPDATE dispute_submissions SET attempted_at = ?
                         WHERE dispute_id = ? AND attempted_at IS NOT DISTINCT FROM ?""")
                .params(Timestamp.from(now), submission.id(), submission.attemptedAt())
                .update() == 1;
    }

    private void done(DisputeId disputeId) {
        jdbc.sql("DELETE FROM dispute_submissions WHERE dispute_id = ?").param(disputeId.value()).update();
    }

    private record Waiting(String id, Timestamp attemptedAt) {
    }
}
