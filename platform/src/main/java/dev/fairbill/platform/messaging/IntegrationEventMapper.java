package dev.fairbill.platform.messaging;

import java.util.Optional;

/**
 * Maps a service's domain events to its public contract. Events that are internal to the service map to empty and are
 * not published. A service declares one bean per aggregate (or one for all); every message any of them returns is
 * published.
 */
@FunctionalInterface
public interface IntegrationEventMapper {

    Optional<IntegrationMessage> toIntegrationMessage(Object domainEvent);
}
