package dev.fairbill.billing.query;

import java.time.Instant;

import dev.fairbill.platform.money.Money;

/** A dispute as the read model holds it; {@code status} is OPEN or CLOSED, {@code outcome} WON, LOST or null. */
public record DisputeView(String id, String tenant, String processor, String processorDisputeId, String chargeId,
                          String accountId, Money amount, String reason, String status, Instant dueBy,
                          String outcome, boolean fundsWithdrawn, Instant openedAt, Instant closedAt) {
}
