package dev.fairbill.billing.web;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.fairbill.billing.query.ChargeView;
import dev.fairbill.platform.money.Money;

/**
 * A charge: {@code dispute.dueBy} is the processor's evidence deadline, {@code null} when it names none. A charge
 * is {@code PENDING} while the ledger decides how much of it the account's cash balance pays ({@code paidFromBalance},
 * zero when none; {@code processor} is {@code null} until then, {@code balance} when the balance paid all).
 * {@code DOUBLE_PAYOUT}, with {@code doublePayout}, is a charge whose dispute was lost after a refund: the processor
 * took back more than was left, and the customer got that much twice.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ChargeResponse(String id, String accountId, String status, Money amount, Money amountRefunded,
                             Money paidFromBalance, String description, String subscriptionId, String purchaseId,
                             String processor, String processorChargeId, String failureCode, String duplicateOf,
                             Dispute dispute, Money doublePayout, Instant createdAt) {

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Dispute(String id, String status, String reason, Money amount, Instant dueBy) {
    }

    static ChargeResponse of(ChargeView view) {
        ChargeView.Dispute dispute = view.dispute();
        return new ChargeResponse(view.id(), view.accountId(), view.status(), view.amount(), view.amountRefunded(),
                view.paidFromBalance(), view.description(), view.subscriptionId(), view.purchaseId(),
                view.processor(), view.processorChargeId(), view.failureCode(), view.duplicateOf(),
                dispute == null ? null : new Dispute(dispute.id(), dispute.status(), dispute.reason(),
                        dispute.amount(), dispute.dueBy()),
                view.doublePayout(), view.createdAt());
    }
}
