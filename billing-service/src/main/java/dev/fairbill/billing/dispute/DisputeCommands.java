package dev.fairbill.billing.dispute;

import java.time.Instant;
import java.util.List;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import dev.fairbill.billing.ids.AccountId;
import dev.fairbill.billing.ids.DisputeId;

/**
 * What processors report about a dispute. Each command creates the dispute if this is the first report of it, so
 * deliveries may arrive in any order; {@link Dispute#idFor} names the aggregate.
 */
public final class DisputeCommands {

    /** The dispute was created or updated (amount, reason, evidence due date). */
    public record ReportDispute(@TargetAggregateIdentifier DisputeId disputeId, DisputeFacts facts) {
    }

    /** The disputed funds were withdrawn from ({@code withdrawn}) or reinstated to the merchant. */
    public record ReportDisputeFunds(@TargetAggregateIdentifier DisputeId disputeId, DisputeFacts facts,
                                     boolean withdrawn) {
    }

    public record ReportDisputeClosed(@TargetAggregateIdentifier DisputeId disputeId, DisputeFacts facts,
                                      DisputeOutcome outcome) {
    }

    /** refund-service's part of the evidence, for the dispute of {@code accountId} in {@code tenant}. */
    public record AttachRefundSideEvidence(@TargetAggregateIdentifier DisputeId disputeId, String tenant,
                                           AccountId accountId, String recommendation,
                                           List<DisputeEvents.EvidenceItem> items, Instant compiledAt) {
    }

    /**
     * What the processor did with the dispute's evidence bundle, reported by the process that sent it: once per
     * dispute, while it is open.
     */
    public record RecordEvidenceSubmission(@TargetAggregateIdentifier DisputeId disputeId,
                                           EvidenceSubmission submission, String detail, Instant at) {
    }

    private DisputeCommands() {
    }
}
