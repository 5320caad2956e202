package dev.fairbill.billing.query;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * Compiles a dispute's evidence bundle (seed 000 §9: activation records, credit history, usage) from billing's own
 * event history: the account's stream (opened, holds), the disputed charge's stream (captured, refunded) and the
 * dispute's. Facts other services hold (ledger usage, refund cases) are added by the refund saga.
 */
@Component
public class DisputeEvidence {

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
        collect("dispute", dispute.id(), items);
        items.sort(Comparator.comparing(Item::occurredAt));
        return new Bundle(dispute.id(), dispute.chargeId(), dispute.accountId(), dispute.dueBy(), clock.instant(),
                items);
    }

    private void collect(String source, String aggregateId, List<Item> items) {
        events.readEvents(aggregateId).asStream().forEach(event -> items.add(new Item(event.getTimestamp(), source,
                aggregateId, event.getPayloadType().getSimpleName(), event.getPayload())));
    }

    public record Bundle(String disputeId, String chargeId, String accountId, Instant dueBy, Instant compiledAt,
                         List<Item> items) {
    }

    /** One recorded fact: when, from which stream, what kind, and the event as recorded. */
    public record Item(Instant occurredAt, String source, String sourceId, String type, Object data) {
    }
}
