package dev.fairbill.billing.webhook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;

import dev.fairbill.billing.charge.ChargeCommands.RecordProcessorRefund;
import dev.fairbill.billing.charge.ChargeCommands.RecordProcessorRefundFailure;
import dev.fairbill.billing.dispute.Dispute;
import dev.fairbill.billing.dispute.DisputeCommands.ReportDispute;
import dev.fairbill.billing.dispute.DisputeCommands.ReportDisputeClosed;
import dev.fairbill.billing.dispute.DisputeCommands.ReportDisputeFunds;
import dev.fairbill.billing.dispute.DisputeFacts;
import dev.fairbill.billing.dispute.DisputeOutcome;
import dev.fairbill.platform.money.Money;
import tools.jackson.databind.JsonNode;

/**
 * Turns a stored Stripe event into commands. Dispute events drive the Dispute aggregate. Refund events
 * ({@code refund.created}, {@code refund.updated}, {@code charge.refund.updated}, and {@code charge.refunded} when it
 * lists its refunds) report each succeeded or pending refund to its charge: one Fairbill asked for (its metadata names
 * the refund id) records the answer if it is not recorded yet, one made in the dashboard is recorded once under a
 * refund id of its own. A refund that {@code failed} or was {@code canceled} after Stripe accepted it is reported as a
 * failure, which reverses it on the charge. {@code payment_intent.succeeded} and {@code payment_intent.payment_failed} have the capture
 * that waits for the decision made again ({@link #decidedCaptures}). {@code charge.succeeded} confirms what the
 * charge already recorded from the processor's answer, so it is stored for the record and has no further effect
 * (ADR 0008).
 */
@Component
class StripeEvents {

    static final Set<String> HANDLED = Set.of("charge.dispute.created", "charge.dispute.updated",
            "charge.dispute.closed", "charge.dispute.funds_withdrawn", "charge.dispute.funds_reinstated",
            "charge.refunded", "charge.refund.updated", "refund.created", "refund.updated", "charge.succeeded",
            "payment_intent.succeeded", "payment_intent.payment_failed");
    private static final Set<String> PAYMENT_DECIDED = Set.of("payment_intent.succeeded",
            "payment_intent.payment_failed");
    private static final Set<String> REFUND_OBJECTS = Set.of("charge.refund.updated", "refund.created",
            "refund.updated");

    private final ProviderCharges charges;

    StripeEvents(ProviderCharges charges) {
        this.charges = charges;
    }

    static boolean isDispute(String type) {
        return type.startsWith("charge.dispute.");
    }

    List<Object> commands(String tenant, JsonNode event) {
        String type = event.path("type").asString();
        JsonNode object = event.path("data").path("object");
        if (REFUND_OBJECTS.contains(type)) {
            return refund(tenant, object).stream().toList();
        }
        if ("charge.refunded".equals(type)) {
            List<Object> refunds = new ArrayList<>();
            object.path("refunds").path("data").forEach(refund -> refund(tenant, refund).ifPresent(refunds::add));
            return refunds;
        }
        if (!isDispute(type)) {
            return List.of();
        }
        JsonNode dispute = event.path("data").path("object");
        DisputeFacts facts = facts(tenant, event, dispute);
        var id = Dispute.idFor(tenant, facts.processor(), facts.processorDisputeId());
        return switch (type) {
            case "charge.dispute.created", "charge.dispute.updated" -> List.of(new ReportDispute(id, facts));
            case "charge.dispute.funds_withdrawn" -> List.of(new ReportDisputeFunds(id, facts, true));
            case "charge.dispute.funds_reinstated" -> List.of(new ReportDisputeFunds(id, facts, false));
            case "charge.dispute.closed" -> List.of(new ReportDisputeClosed(id, facts, outcome(dispute)));
            default -> List.of();
        };
    }

    /**
     * The charges whose capture Stripe reports decided: the ids Fairbill sent as the PaymentIntent's metadata. A
     * capture that waits for the decision (it was still processing) is made again for them, under the same key.
     */
    List<String> decidedCaptures(JsonNode event) {
        if (!PAYMENT_DECIDED.contains(event.path("type").asString())) {
            return List.of();
        }
        JsonNode charge = event.path("data").path("object").path("metadata").path("fairbill_charge_id");
        return charge.isString() && !charge.asString().isBlank() ? List.of(charge.asString()) : List.of();
    }

    /**
     * A refund reported to its charge: one that moved or is moving money back, or one that failed or was cancelled
     * (Stripe's {@code failure_reason} names why). One that waits for the customer ({@code requires_action}), or one of
     * a charge Fairbill did not make, is nothing to record.
     */
    private Optional<Object> refund(String tenant, JsonNode refund) {
        String status = refund.path("status").asString();
        boolean paid = "succeeded".equals(status) || "pending".equals(status);
        boolean failed = "failed".equals(status) || "canceled".equals(status);
        if (!paid && !failed) {
            return Optional.empty();
        }
        JsonNode metadata = refund.path("metadata").path("fairbill_refund_id");
        String ours = metadata.isString() && !metadata.asString().isBlank() ? metadata.asString() : null;
        String processorRefundId = refund.path("id").asString();
        return charges.find(tenant, text(refund, "payment_intent"), text(refund, "charge"))
                .map(charge -> paid
                        ? new RecordProcessorRefund(charge.chargeId(), tenant, processorRefundId,
                                Money.of(refund.path("amount").asLong(),
                                        refund.path("currency").asString().toUpperCase(Locale.ROOT)), ours)
                        : new RecordProcessorRefundFailure(charge.chargeId(), tenant, processorRefundId, ours,
                                refund.path("failure_reason").isString() ? refund.path("failure_reason").asString()
                                        : "refund_" + status));
    }

    private static String text(JsonNode node, String field) {
        return node.path(field).isString() ? node.path(field).asString() : null;
    }

    private DisputeFacts facts(String tenant, JsonNode event, JsonNode dispute) {
        var charge = charges.byProcessorChargeId(tenant, text(dispute, "payment_intent"), text(dispute, "charge"));
        JsonNode dueBy = dispute.path("evidence_details").path("due_by");
        return new DisputeFacts(tenant, PaymentProvider.STRIPE.label(), dispute.path("id").asString(),
                charge.chargeId(), charge.accountId(),
                Money.of(dispute.path("amount").asLong(), dispute.path("currency").asString().toUpperCase(Locale.ROOT)),
                dispute.path("reason").isString() ? dispute.path("reason").asString() : null,
                dueBy.isNumber() ? Instant.ofEpochSecond(dueBy.asLong()) : null,
                Instant.ofEpochSecond(event.path("created").asLong()));
    }

    /** Stripe closes a dispute as {@code won} or {@code lost}; an inquiry closes as {@code warning_closed}. */
    private static DisputeOutcome outcome(JsonNode dispute) {
        return switch (dispute.path("status").asString()) {
            case "won", "warning_closed" -> DisputeOutcome.WON;
            case "lost" -> DisputeOutcome.LOST;
            default -> throw new IllegalArgumentException("a closed Stripe dispute with status "
                    + dispute.path("status").asString());
        };
    }
}
