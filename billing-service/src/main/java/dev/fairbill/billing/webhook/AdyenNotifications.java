package dev.fairbill.billing.webhook;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
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
 * Turns a stored Adyen notification item into commands. For disputes Adyen's {@code pspReference} names the dispute
 * and {@code originalReference} the disputed payment (our {@code processorChargeId}). {@code CHARGEBACK} debits the
 * funds (and closes the dispute as lost when {@code additionalData.disputeStatus} says it is over);
 * {@code CHARGEBACK_REVERSED} returns them and closes it as won. {@code REFUND} and {@code CAPTURE} confirm what the
 * charge already recorded and have no further effect (ADR 0008).
 */
@Component
class AdyenNotifications {

    static final Set<String> HANDLED = Set.of("NOTIFICATION_OF_CHARGEBACK", "CHARGEBACK", "CHARGEBACK_REVERSED",
            "REFUND", "CAPTURE");
    private static final Set<String> LOST_STATUSES = Set.of("Lost", "Accepted", "Expired");

    private final ProviderCharges charges;

    AdyenNotifications(ProviderCharges charges) {
        this.charges = charges;
    }

    /** Adyen repeats an item unchanged until acknowledged; these fields tell one event from another. */
    static String eventId(JsonNode item) {
        return String.join(":", item.path("eventCode").asString(), item.path("pspReference").asString(),
                item.path("eventDate").asString(""), item.path("success").asString(""));
    }

    static boolean isChargeback(String eventCode) {
        return eventCode.contains("CHARGEBACK");
    }

    List<Object> commands(String tenant, JsonNode item) {
        String code = item.path("eventCode").asString();
        if (!isChargeback(code)) {
            return List.of();
        }
        DisputeFacts facts = facts(tenant, item);
        var id = Dispute.idFor(tenant, facts.processor(), facts.processorDisputeId());
        List<Object> commands = new ArrayList<>();
        switch (code) {
            case "NOTIFICATION_OF_CHARGEBACK" -> commands.add(new ReportDispute(id, facts));
            case "CHARGEBACK" -> {
                commands.add(new ReportDisputeFunds(id, facts, true));
                if (LOST_STATUSES.contains(item.path("additionalData").path("disputeStatus").asString(""))) {
                    commands.add(new ReportDisputeClosed(id, facts, DisputeOutcome.LOST));
                }
            }
            case "CHARGEBACK_REVERSED" -> {
                commands.add(new ReportDisputeFunds(id, facts, false));
                commands.add(new ReportDisputeClosed(id, facts, DisputeOutcome.WON));
            }
            default -> {
            }
        }
        return commands;
    }

    private DisputeFacts facts(String tenant, JsonNode item) {
        var charge = charges.byProcessorChargeId(tenant, item.path("originalReference").asString(""));
        JsonNode additional = item.path("additionalData");
        JsonNode amount = item.path("amount");
        return new DisputeFacts(tenant, PaymentProvider.ADYEN.label(), item.path("pspReference").asString(),
                charge.chargeId(), charge.accountId(),
                Money.of(amount.path("value").asLong(), amount.path("currency").asString()),
                additional.path("chargebackReasonCode").isString()
                        ? additional.path("chargebackReasonCode").asString() : null,
                instant(additional.path("defensePeriodEndsAt")),
                instant(item.path("eventDate")));
    }

    private static Instant instant(JsonNode value) {
        return value.isString() ? OffsetDateTime.parse(value.asString()).toInstant() : null;
    }
}
