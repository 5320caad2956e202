package dev.fairbill.billing.query;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import dev.fairbill.billing.dispute.DisputeEvents.DisputeEvidenceAttached;

/**
 * Compiles a dispute's evidence bundle (final-sale-reseller §9: activation records, credit history, usage) from
 * billing's own
 * event history: the account's stream (opened, holds), the disputed charge's stream (captured, refunded) and the
 * dispute's. Facts other services hold (refunds, refund cases and their notes, credit usage, periods, purchases) come
 * from the refund saga's latest compilation (ADR 0015), as items of source {@code refund-service}.
 */
@Component
public class DisputeEvidence {

    public static final String REFUND_SERVICE = "refund-service";

    private final EventStore events;
    private final Clock clock;

    public DisputeEvidence(EventStore events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    public Bundle compile(DisputeView dispute) {
        List<Item> items = new ArrayList<>();
        collect("account", dispute.accountId(), items);
        collect("charge", dispute.chargeId(), items);
        DisputeEvidenceAttached refundSide = collect("dispute", dispute.id(), items);
        if (refundSide != null) {
            refundSide.items().forEach(item -> items.add(new Item(item.occurredAt(), REFUND_SERVICE,
                    item.reference(), item.kind(), item.summary())));
        }
        items.sort(Comparator.comparing(Item::occurredAt));
        return new Bundle(dispute.id(), dispute.chargeId(), dispute.accountId(), dispute.dueBy(), clock.instant(),
                refundSide == null ? null : refundSide.recommendation(), items);
    }

    /** Adds the stream's events as items, except refund-service's evidence: returns the latest compilation of it. */
    private DisputeEvidenceAttached collect(String source, String aggregateId, List<Item> items) {
        DisputeEvidenceAttached latest = null;
        for (var event : events.readEvents(aggregateId).asStream().toList()) {
            if (event.getPayload() instanceof DisputeEvidenceAttached attached) {
                latest = attached;
            } else {
                items.add(new Item(event.getTimestamp(), source, aggregateId,
                        event.getPayloadType().getSimpleName(), event.getPayload()));
            }
        }
        return latest;
    }

    /**
     * @param recommendation refund-service's advice for the response, {@code CONTEST} or {@code CONTEST_REFUNDED}
     *                       (already refunded: the refund is the evidence), or {@code null} before it compiled any
     */
    public record Bundle(String disputeId, String chargeId, String accountId, Instant dueBy, Instant compiledAt,
                         String recommendation, List<Item> items) {
    }

    /** One recorded fact: when, from which stream, what kind, and the event as recorded. */
    public record Item(Instant occurredAt, String source, String sourceId, String type, Object data) {
    }
}
