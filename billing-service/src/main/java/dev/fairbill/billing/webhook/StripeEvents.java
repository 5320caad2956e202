package dev.fairbill.billing.webhook;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.stereotype.Component;

import dev.fairbill.billing.dispute.Dispute;
import dev.fairbill.billing.dispute.DisputeCommands.ReportDispute;
import dev.fairbill.billing.dispute.DisputeCommands.ReportDisputeClosed;
import dev.fairbill.billing.dispute.DisputeCommands.ReportDisputeFunds;
import dev.fairbill.billing.dispute.DisputeFacts;
import dev.fairbill.billing.dispute.DisputeOutcome;
import dev.fairbill.platform.money.Money;
import tools.jackson.databind.JsonNode;

/**
 * Turns a stored Stripe event into commands. Dispute events drive the Dispute aggregate; {@code charge.succeeded}
 * and {@code charge.refunded} confirm what the charge already recorded from the processor's answer, so they are
 * stored for the record and have no further effect (ADR 0008).
 */
@Component
class StripeEvents {

    static final Set<String> HANDLED = Set.of("charge.dispute.created", "charge.dispute.updated",
            "charge.dispute.closed", "charge.dispute.funds_withdrawn", "charge.dispute.funds_reinstated",
            "charge.refunded", "charge.succeeded");

    private final ProviderCharges charges;

    StripeEvents(ProviderCharges charges) {
        this.charges = charges;
    }

    static boolean isDispute(String type) {
        return type.startsWith("charge.dispute.");
    }

    List<Object> commands(String tenant, JsonNode event) {
        String type = event.path("type").asString();
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

    private DisputeFacts facts(String tenant, JsonNode event, JsonNode dispute) {
        var charge = charges.byProcessorChargeId(tenant, dispute.path("charge").asString());
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
