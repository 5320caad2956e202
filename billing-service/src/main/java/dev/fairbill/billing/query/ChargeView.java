package dev.fairbill.billing.query;

import java.time.Instant;

import dev.fairbill.platform.money.Money;

/**
 * A charge as the read model holds it.
 *
 * @param status          {@code PENDING} while the ledger has not answered how much cash balance pays it, then
 *                        {@code SUCCEEDED}, {@code FAILED}, {@code PARTIALLY_REFUNDED} or {@code REFUNDED}
 * @param paidFromBalance the part of {@code amount} paid from the account's cash balance; zero when none
 * @param dispute         the charge's latest dispute, or {@code null}
 * @param seq             its position in the list of charges, for paging
 */
public record ChargeView(String id, String tenant, String accountId, String status, Money amount,
                         Money amountRefunded, Money paidFromBalance, String description, String subscriptionId,
                         String purchaseId, String processor, String processorChargeId, String failureCode,
                         String duplicateOf, Dispute dispute, Money doublePayout, Instant createdAt, long seq) {

    /**
     * @param status {@code OPEN}, {@code WON} or {@code LOST}
     * @param dueBy  the processor's evidence deadline, or {@code null}
     */
    public record Dispute(String id, String status, String reason, Money amount, Instant dueBy) {
    }
}
