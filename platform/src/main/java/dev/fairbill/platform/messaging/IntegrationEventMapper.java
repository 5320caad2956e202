package dev.fairbill.platform.messaging;

import java.util.Optional;

/**
 * Maps a service's domain events to its public contract. Events that are internal to the service map to empty and are
 * not published. Each service declares one bean.
 */
@FunctionalInterface
public interface IntegrationEventMapper {

    Optional<IntegrationMessage> toIntegrationMessage(Object domainEvent);
}
