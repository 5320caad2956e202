package dev.fairbill.platform.messaging;

import java.util.List;
import java.util.Optional;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;

/**
 * Orders the Kafka publisher's events by the subject of the message each becomes: the account id, which is also the
 * message's key. One account's messages are sent by one segment, in the order their events were stored, so they reach
 * their partition in that order even while other segments (on this replica or another) send other accounts' messages.
 * An event that becomes no message keeps its aggregate's order.
 */
public final class ByMessageSubject implements SequencingPolicy<EventMessage<?>> {

    /** The name processors' settings refer to it by ({@code sequencing-policy: byMessageSubject}). */
    public static final String BEAN = "byMessageSubject";

    private final List<IntegrationEventMapper> mappers;

    public ByMessageSubject(List<IntegrationEventMapper> mappers) {
        this.mappers = List.copyOf(mappers);
    }

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        for (IntegrationEventMapper mapper : mappers) {
            Optional<IntegrationMessage> message = mapper.toIntegrationMessage(event.getPayload());
            if (message.isPresent()) {
                return message.get().subject();
            }
        }
        return SequentialPerAggregatePolicy.instance().getSequenceIdentifierFor(event);
    }
}
