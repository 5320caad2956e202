package dev.fairbill.localstack;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import dev.fairbill.localstack.LoadFixtures.PoolAccount;
import tools.jackson.databind.JsonNode;

/**
 * Opens the load's account pool through the gateway before the load: per tenant, accounts with a monthly subscription
 * on {@code pm_card_ok} (its first period charged) and a large {@code GOODWILL} grant, so that consumptions and holds
 * are not refused for want of credits. It waits until the ledger and the refund service know each account, so that
 * the load finds nothing missing. A write that fails is sent again with its idempotency key.
 */
final class LoadSetup {

    private static final long GRANT = 1_000_000_000L;
    /** Few enough parallel requests not to be a load test of their own. */
    private static final int PARALLEL = 4;
    private static final int ATTEMPTS = 3;
    private static final Duration AWAIT = Duration.ofSeconds(60);

    private final LoadGateway gateway;
    private final PrintStream out;

    LoadSetup(LoadGateway gateway, PrintStream out) {
        this.gateway = gateway;
        this.out = out;
    }

    LoadFixtures open(int accountsPerTenant) throws InterruptedException {
        out.printf("Opening %d accounts per tenant through the gateway (subscription, %,d GOODWILL credits) ...%n",
                accountsPerTenant, GRANT);
        Instant start = Instant.now();
        Map<String, List<Future<PoolAccount>>> opening = new LinkedHashMap<>();
        List<LoadFixtures.Tenant> tenants = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(PARALLEL)) {
            for (String tenant : LocalStack.TENANTS) {
                List<Future<PoolAccount>> accounts = new ArrayList<>();
                for (int i = 0; i < accountsPerTenant; i++) {
                    accounts.add(pool.submit(() -> openAccount(tenant)));
                }
                opening.put(tenant, accounts);
            }
            for (var tenant : opening.entrySet()) {
                List<PoolAccount> accounts = new ArrayList<>();
                for (Future<PoolAccount> account : tenant.getValue()) {
                    accounts.add(result(account));
                }
                var charges = new IdPool();
                accounts.forEach(account -> charges.add(account.subscriptionChargeId()));
                tenants.add(new LoadFixtures.Tenant(tenant.getKey(), List.copyOf(accounts), charges, new IdPool()));
            }
        }
        out.printf("  ready after %d s%n", Duration.between(start, Instant.now()).toSeconds());
        return new LoadFixtures(tenants);
    }

    private PoolAccount openAccount(String tenant) {
        String reference = "load-pool-" + UUID.randomUUID();
        String id = created(tenant, "/api/v1/accounts", """
                {"externalRef": "%s", "role": "CUSTOMER", "defaultPaymentMethod": "pm_card_ok"}"""
                .formatted(reference)).get("id").asString();
        JsonNode subscription = created(tenant, "/api/v1/subscriptions", """
                {"accountId": "%s", "planId": "monthly", "paymentMethod": "pm_card_ok"}""".formatted(id));
        var account = new PoolAccount(id, subscription.get("id").asString(),
                subscription.get("latestChargeId").asString());
        awaitSuccess(tenant, "ledger of " + id, () -> gateway.get(tenant, "/api/v1/ledgers/" + id));
        created(tenant, "/api/v1/ledgers/" + id + "/grants", """
                {"amount": %d, "source": "GOODWILL", "reference": "load pool"}""".formatted(GRANT));
        TrafficMix.refundRequest(tenant, account).ifPresent(request -> awaitSuccess(tenant, "refund facts of " + id,
                () -> gateway.post(tenant, "/api/v1/refund-requests/preview", request)));
        return account;
    }

    /** The created resource; a failed attempt is repeated with the same idempotency key. */
    private JsonNode created(String tenant, String path, String body) {
        String idempotencyKey = UUID.randomUUID().toString();
        Answer answer = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            answer = gateway.post(tenant, path, body, idempotencyKey);
            if (answer.status() == 201) {
                return gateway.json(answer);
            }
            LocalStack.sleep(Duration.ofSeconds(attempt));
        }
        throw new IllegalStateException("setup: POST " + path + " (" + tenant + ") answered " + answer.summary());
    }

    /** Sends {@code request} until it succeeds, e.g. a read of what another service learns over Kafka. */
    private void awaitSuccess(String tenant, String what, Supplier<Answer> request) {
        Instant deadline = Instant.now().plus(AWAIT);
        Answer answer = request.get();
        while (!answer.succeeded()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("setup: the " + what + " (" + tenant + ") was not there within "
                        + AWAIT.toSeconds() + " s; last answer " + answer.summary());
            }
            LocalStack.sleep(Duration.ofMillis(200));
            answer = request.get();
        }
    }

    private static PoolAccount result(Future<PoolAccount> account) throws InterruptedException {
        try {
            return account.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
    }
}
