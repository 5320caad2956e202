package dev.fairbill.billing.webhook;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;

import dev.fairbill.billing.charge.ChargeCommands.RecordCaptureOutcome;
import dev.fairbill.billing.charge.ChargeCommands.RecordProcessorRefund;
import dev.fairbill.billing.charge.ChargeCommands.RecordProcessorRefundFailure;
import dev.fairbill.billing.dispute.Dispute;
import dev.fairbill.billing.dispute.DisputeCommands.ReportDispute;
import dev.fairbill.billing.dispute.DisputeCommands.ReportDisputeClosed;
import dev.fairbill.billing.dispute.DisputeCommands.ReportDisputeFunds;
import dev.fairbill.billing.dispute.DisputeFacts;
import dev.fairbill.billing.dispute.DisputeOutcome;
import dev.fairbill.billing.payment.AdyenPaymentGateway;
import dev.fairbill.platform.id.IdPrefix;
import dev.fairbill.platform.id.Ids;
import dev.fairbill.platform.money.Money;
import tools.jackson.databind.JsonNode;

/**
 * Turns a stored Adyen notification item into commands. For disputes Adyen's {@code pspReference} names the dispute
 * and {@code originalReference} the disputed payment (our {@code processorChargeId}). {@code CHARGEBACK} debits the
 * funds (and closes the dispute as lost when {@code additionalData.disputeStatus} says it is over);
 * {@code CHARGEBACK_REVERSED} returns them and closes it as won.
 * <p>
 * Payments and refunds (ADR 0046): {@code AUTHORISATION} decides a capture Adyen had not decided when it answered
 * ({@code merchantReference} is our charge id). {@code REFUND} decides a refund Adyen received: {@code pspReference}
 * is the refund's, {@code originalReference} the payment's and {@code merchantReference} our refund id; one made in
 * Adyen's Customer Area carries a reference of the operator's and is recorded under a refund id of its own.
 * {@code REFUND_FAILED} and {@code REFUNDED_REVERSED} report a refund that failed after Adyen had paid it: the charge
 * reverses it. {@code CAPTURE} confirms what the charge already recorded (the merchant account captures
 * immediately), so it is stored for the record (ADR 0008).
 */
@Component
class AdyenNotifications {

    static final Set<String> HANDLED = Set.of("NOTIFICATION_OF_CHARGEBACK", "CHARGEBACK", "CHARGEBACK_REVERSED",
            "REFUND", "CAPTURE", "AUTHORISATION", "REFUND_FAILED", "REFUNDED_REVERSED");
    /** Adyen's refusal reasons, named as billing names declines everywhere. */
    private static final Map<String, String> REFUSALS = Map.of("Not enough balance", "insufficient_funds",
            "Expired Card", "expired_card", "Blocked Card", "card_blocked", "CVC Declined", "incorrect_cvc",
            "FRAUD", "fraudulent", "Authentication required", "authentication_required",
            "3D Not Authenticated", "authentication_required");
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
            return payment(tenant, code, item).stream().toList();
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

    /** The command an item about a payment or a refund asks for, if it names one of the tenant's charges. */
    private Optional<Object> payment(String tenant, String code, JsonNode item) {
        boolean success = "true".equals(item.path("success").asString(""));
        String psp = item.path("pspReference").asString("");
        String reference = item.path("merchantReference").asString("");
        String ours = Ids.isValid(IdPrefix.REFUND, reference) ? reference : null;
        return switch (code) {
            case "AUTHORISATION" -> charges.ours(tenant, reference).map(charge -> success
                    ? new RecordCaptureOutcome(charge.chargeId(), AdyenPaymentGateway.NAME, psp, null)
                    : new RecordCaptureOutcome(charge.chargeId(), AdyenPaymentGateway.NAME, null,
                            REFUSALS.getOrDefault(item.path("reason").asString(""), "card_declined")));
            case "REFUND" -> charges.find(tenant, item.path("originalReference").asString("")).map(charge -> success
                    ? new RecordProcessorRefund(charge.chargeId(), tenant, psp, amount(item), ours)
                    : new RecordProcessorRefundFailure(charge.chargeId(), tenant, psp, ours, "refund_failed"));
            case "REFUND_FAILED", "REFUNDED_REVERSED" -> charges.find(tenant,
                            item.path("originalReference").asString(""))
                    .map(charge -> new RecordProcessorRefundFailure(charge.chargeId(), tenant, psp, ours,
                            code.toLowerCase(Locale.ROOT)));
            default -> Optional.empty();
        };
    }

    private static Money amount(JsonNode item) {
        JsonNode amount = item.path("amount");
        return Money.of(amount.path("value").asLong(), amount.path("currency").asString());
    }

    private DisputeFacts facts(String tenant, JsonNode item) {
        var charge = charges.byProcessorChargeId(tenant, item.path("originalReference").asString(""));
        JsonNode additional = item.path("additionalData");
        return new DisputeFacts(tenant, PaymentProvider.ADYEN.label(), item.path("pspReference").asString(),
                charge.chargeId(), charge.accountId(), amount(item),
                additional.path("chargebackReasonCode").isString()
                        ? additional.path("chargebackReasonCode").asString() : null,
                instant(additional.path("defensePeriodEndsAt")),
                instant(item.path("eventDate")));
    }

    private static Instant instant(JsonNode value) {
        return value.isString() ? OffsetDateTime.parse(value.asString()).toInstant() : null;
    }
}
