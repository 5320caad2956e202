package dev.fairbill.billing.query;

import java.time.Instant;

import dev.fairbill.platform.money.Money;

/**
 * A charge as the read model holds it.
 *
 * @param dispute the charge's latest dispute, or {@code null}
 * @param seq     its position in the list of charges, for paging
 */
public record ChargeView(String id, String tenant, String accountId, String status, Money amount,
                         Money amountRefunded, String description, String subscriptionId, String purchaseId,
                         String processor, String processorChargeId, String failureCode, String duplicateOf,
                         Dispute dispute, Instant createdAt, long seq) {

    /**
     * @param status {@code OPEN}, {@code WON} or {@code LOST}
     * @param dueBy  the processor's evidence deadline, or {@code null}
     */
    public record Dispute(String id, String status, String reason, Money amount, Instant dueBy) {
    }
}
