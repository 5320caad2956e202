package dev.fairbill.billing.web;

import java.time.Instant;

import dev.fairbill.billing.query.DisputeView;
import dev.fairbill.platform.money.Money;

/**
 * A dispute. {@code status} is OPEN or CLOSED; {@code outcome} is WON or LOST once closed, else null.
 * {@code processorDisputeId} and {@code fundsWithdrawn} are additions. {@code evidence} says what became of the
 * evidence bundle at the processor: {@code SUBMITTED}, {@code FOR_OPERATOR} (the processor takes none through its API:
 * an operator sends the bundle) or {@code REFUSED}; {@code null} while none was sent.
 */
public record DisputeResponse(String id, String chargeId, String accountId, String status, String reason,
                              Money amount, Instant dueBy, String outcome, String processor,
                              String processorDisputeId, boolean fundsWithdrawn, Instant openedAt, Instant closedAt,
                              DisputeView.Evidence evidence) {

    static DisputeResponse of(DisputeView view) {
        return new DisputeResponse(view.id(), view.chargeId(), view.accountId(), view.status(), view.reason(),
                view.amount(), view.dueBy(), view.outcome(), view.processor(), view.processorDisputeId(),
                view.fundsWithdrawn(), view.openedAt(), view.closedAt(), view.evidence());
    }
}
