package dev.fairbill.billing.query;

import java.time.Instant;

import dev.fairbill.platform.money.Money;

/**
 * A dispute as the read model holds it; {@code status} is OPEN or CLOSED, {@code outcome} WON, LOST or null.
 *
 * @param evidence what became of its evidence at the processor, or {@code null} while none was sent
 */
public record DisputeView(String id, String tenant, String processor, String processorDisputeId, String chargeId,
                          String accountId, Money amount, String reason, String status, Instant dueBy,
                          String outcome, boolean fundsWithdrawn, Instant openedAt, Instant closedAt,
                          Evidence evidence) {

    /**
     * @param submission {@code SUBMITTED}, {@code FOR_OPERATOR} or {@code REFUSED}
     * @param detail     the processor's refusal code, or why an operator sends it
     */
    public record Evidence(String submission, String detail, Instant at) {
    }
}
