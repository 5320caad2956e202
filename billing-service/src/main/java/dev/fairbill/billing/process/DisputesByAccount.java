package dev.fairbill.billing.process;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.springframework.stereotype.Component;

import dev.fairbill.billing.dispute.DisputeEvents.DisputeClosed;
import dev.fairbill.billing.dispute.DisputeEvents.DisputeEvidenceAttached;
import dev.fairbill.billing.dispute.DisputeEvents.DisputeOpened;
import dev.fairbill.billing.dispute.DisputeEvents.DisputeUpdated;

/**
 * Orders a dispute's consequences per account instead of per dispute: every dispute of one account is handled in one
 * segment, in order, so the processor can work on several segments at once without two of them changing the same
 * account (its holds) or charge at the same time. Other events keep their aggregate's order.
 */
@Component(DisputesByAccount.BEAN)
public final class DisputesByAccount implements SequencingPolicy<EventMessage<?>> {

    /** The name the processor's settings refer to it by. */
    public static final String BEAN = "disputesByAccount";

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        return switch (event.getPayload()) {
            case DisputeOpened opened -> opened.accountId().value();
            case DisputeUpdated updated -> updated.accountId().value();
            case DisputeClosed closed -> closed.accountId().value();
            case DisputeEvidenceAttached attached -> attached.accountId().value();
            default -> SequentialPerAggregatePolicy.instance().getSequenceIdentifierFor(event);
        };
    }
}
