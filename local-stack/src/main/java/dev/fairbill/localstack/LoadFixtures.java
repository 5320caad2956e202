package dev.fairbill.localstack;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.random.RandomGenerator;

/**
 * What the load works on: per tenant, a pool of accounts opened before the load, and the charges and refund cases the
 * load creates; across tenants, the disputes it opened and has not closed yet.
 */
final class LoadFixtures {

    /** An account opened before the load, with a monthly subscription and plenty of credits. */
    record PoolAccount(String id, String subscriptionId, String subscriptionChargeId) {
    }

    /** One tenant's share; {@code charges} starts with the subscriptions' charges. */
    record Tenant(String name, List<PoolAccount> accounts, IdPool charges, IdPool refundCases) {

        PoolAccount account(RandomGenerator random) {
            return accounts.get(random.nextInt(accounts.size()));
        }
    }

    /** A dispute the load opened by webhook, to be closed by a later one. */
    record OpenDispute(String tenant, String disputeId, String processorChargeId, long amount, long openedNanos) {
    }

    private final List<Tenant> tenants;
    private final Queue<OpenDispute> openDisputes = new ConcurrentLinkedQueue<>();

    LoadFixtures(List<Tenant> tenants) {
        this.tenants = List.copyOf(tenants);
    }

    Tenant tenant(RandomGenerator random) {
        return tenants.get(random.nextInt(tenants.size()));
    }

    Tenant tenant(String name) {
        return tenants.stream().filter(tenant -> tenant.name().equals(name)).findFirst().orElseThrow();
    }

    void disputeOpened(OpenDispute dispute) {
        openDisputes.add(dispute);
    }

    /** The oldest open dispute, taken off the list, if it has been open for {@code minimumAge}. */
    Optional<OpenDispute> disputeToClose(Duration minimumAge) {
        OpenDispute oldest = openDisputes.peek();
        if (oldest == null || System.nanoTime() - oldest.openedNanos() < minimumAge.toNanos()
                || !openDisputes.remove(oldest)) {
            return Optional.empty();
        }
        return Optional.of(oldest);
    }
}
