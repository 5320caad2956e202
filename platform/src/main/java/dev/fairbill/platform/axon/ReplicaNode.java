package dev.fairbill.platform.axon;

/**
 * This replica of the service, as the token store and {@code service_replicas} know it.
 *
 * @param name unique among the service's running replicas
 */
public record ReplicaNode(String name) {
}
