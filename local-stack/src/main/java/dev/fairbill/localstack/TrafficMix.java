package dev.fairbill.localstack;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

import dev.fairbill.localstack.LoadFixtures.PoolAccount;
import dev.fairbill.localstack.LoadFixtures.Tenant;
import tools.jackson.databind.JsonNode;

/**
 * A realistic mix of client traffic across the five tenants: about 70 % of the requests read (accounts,
 * subscriptions, charges, ledgers and their statements, refund cases, policies) and 30 % write (sign-ups, charges, some
 * of them sent twice to be caught as duplicates, credit consumptions, holds captured or released, refund requests,
 * dispute webhooks). Each client picks its next scenario at random by weight; a scenario is one to three requests,
 * e.g. a sign-up opens an account and subscribes it.
 */
final class TrafficMix {

    /** Its refund policy approves a cooling-off request on a subscription: money back to the card or the balance. */
    static final String COOLING_OFF_TENANT = "chat";
    /** Its refund policy sends an overcharge to review; the mix then approves part of it. */
    static final String OVERCHARGE_TENANT = "panel";
    private static final Duration DISPUTE_OPEN_AT_LEAST = Duration.ofSeconds(5);

    /**
     * What a client does with a write that got no definitive answer (no answer at all, 502/503/504, 429, an
     * Idempotency-Key still in use): keep it (the load benchmark counts it), or send the same request again with the
     * same key until it has one (the fault benchmark, as a client of a crashed service does).
     */
    @FunctionalInterface
    interface Retries {

        Retries NONE = (first, again) -> first;

        /** The answer to keep, given the first one and a way to send the same request again. */
        Answer settle(Answer first, Supplier<Answer> again);
    }

    @FunctionalInterface
    private interface Scenario {
        void run(Session session) throws InterruptedException;
    }

    private record Weighted(int weight, Scenario scenario) {
    }

    private final LoadFixtures fixtures;
    private final LoadGateway gateway;
    private final Retries retries;
    private final List<Weighted> scenarios;
    private final int totalWeight;

    TrafficMix(LoadFixtures fixtures, LoadGateway gateway) {
        this(fixtures, gateway, Retries.NONE);
    }

    TrafficMix(LoadFixtures fixtures, LoadGateway gateway, Retries retries) {
        this.fixtures = fixtures;
        this.gateway = gateway;
        this.retries = retries;
        // weights per scenario; the write scenarios send 28 requests for every 65 reads
        scenarios = List.of(
                new Weighted(10, read("GET accounts/{id}", account -> "/api/v1/accounts/" + account.id())),
                new Weighted(7, read("GET subscriptions/{id}",
                        account -> "/api/v1/subscriptions/" + account.subscriptionId())),
                new Weighted(7, read("GET charges?accountId",
                        account -> "/api/v1/charges?limit=20&accountId=" + account.id())),
                new Weighted(7, this::readCharge),
                new Weighted(12, read("GET ledgers/{id}", account -> "/api/v1/ledgers/" + account.id())),
                new Weighted(8, read("GET ledgers/{id}/entries",
                        account -> "/api/v1/ledgers/" + account.id() + "/entries?limit=20")),
                new Weighted(5, this::listRefundCases),
                new Weighted(5, this::readRefundCase),
                new Weighted(4, this::readPolicies),
                new Weighted(2, this::signUp),
                new Weighted(4, this::charge),
                new Weighted(1, this::chargeTwice),
                new Weighted(7, this::consume),
                new Weighted(2, this::holdAndSettle),
                new Weighted(1, this::requestCoolingOffRefund),
                new Weighted(1, this::requestOverchargeRefundAndApprove),
                new Weighted(1, this::disputeANewCustomersCharge),
                new Weighted(1, this::closeADispute));
        totalWeight = scenarios.stream().mapToInt(Weighted::weight).sum();
    }

    /**
     * The refund request the mix sends for a pool account of {@code tenant}, if it sends any: setup previews it until
     * the refund service knows the subscription or charge, so that no request of the load finds it unknown.
     */
    static Optional<String> refundRequest(String tenant, PoolAccount account) {
        return switch (tenant) {
            case COOLING_OFF_TENANT -> Optional.of("""
                    {"accountId": "%s", "subscriptionId": "%s", "reason": "COOLING_OFF"}"""
                    .formatted(account.id(), account.subscriptionId()));
            case OVERCHARGE_TENANT -> Optional.of("""
                    {"accountId": "%s", "chargeId": "%s", "reason": "ADMIN_OVERCHARGE",
                     "explanation": "billed above the agreed price"}"""
                    .formatted(account.id(), account.subscriptionChargeId()));
            default -> Optional.empty();
        };
    }

    /** A client of one load level; its requests are counted in {@code tally}. */
    ClosedLoopLoad.Client client(Tally tally, RandomGenerator random) {
        return () -> {
            var session = new Session(tally, random);
            pick(random).run(session);
            return session.outcome();
        };
    }

    private Scenario pick(RandomGenerator random) {
        int ticket = random.nextInt(totalWeight);
        for (Weighted weighted : scenarios) {
            ticket -= weighted.weight();
            if (ticket < 0) {
                return weighted.scenario();
            }
        }
        throw new IllegalStateException("no scenario for the ticket");
    }

    /** A read about a random pool account of a random tenant. */
    private Scenario read(String family, Function<PoolAccount, String> path) {
        return session -> {
            Tenant tenant = fixtures.tenant(session.random);
            session.get(family, tenant, path.apply(tenant.account(session.random)));
        };
    }

    private void readCharge(Session session) {
        Tenant tenant = fixtures.tenant(session.random);
        session.get("GET charges/{id}", tenant, "/api/v1/charges/" + tenant.charges().pick(session.random)
                .orElseThrow());
    }

    private void listRefundCases(Session session) {
        listRefundCases(session, fixtures.tenant(session.random));
    }

    private void listRefundCases(Session session, Tenant tenant) {
        session.get("GET refund-requests", tenant, "/api/v1/refund-requests?limit=20"
                + (session.random.nextBoolean() ? "&status=IN_REVIEW" : ""));
    }

    /** A case the mix opened; before there is one, the list. */
    private void readRefundCase(Session session) {
        Tenant tenant = fixtures.tenant(session.random.nextBoolean() ? COOLING_OFF_TENANT : OVERCHARGE_TENANT);
        Optional<String> id = tenant.refundCases().pick(session.random);
        if (id.isEmpty()) {
            listRefundCases(session, tenant);
            return;
        }
        session.get("GET refund-requests/{id}", tenant, "/api/v1/refund-requests/" + id.get());
    }

    private void readPolicies(Session session) {
        session.get("GET policies", fixtures.tenant(session.random), "/api/v1/policies");
    }

    private void signUp(Session session) {
        Tenant tenant = fixtures.tenant(session.random);
        openAccount(session, tenant).ifPresent(account -> session.post("POST subscriptions", tenant,
                "/api/v1/subscriptions", """
                        {"accountId": "%s", "planId": "monthly", "paymentMethod": "pm_card_ok"}""".formatted(account)));
    }

    private void charge(Session session) {
        Tenant tenant = fixtures.tenant(session.random);
        charge(session, tenant, tenant.account(session.random).id(), 100 + session.random.nextInt(4900),
                "order " + UUID.randomUUID());
    }

    /**
     * The same charge twice, as a client that retries without its idempotency key: billing flags the second, and the
     * refund service reverses it. Not for the cooling-off tenant: its accounts hold cash balances from refunds, and a
     * charge paid partly from a balance cannot be reversed to the card yet.
     */
    private void chargeTwice(Session session) {
        Tenant tenant = fixtures.tenant(session.random);
        while (tenant.name().equals(COOLING_OFF_TENANT)) {
            tenant = fixtures.tenant(session.random);
        }
        String account = tenant.account(session.random).id();
        long amount = 100 + session.random.nextInt(1900);
        String description = "pack " + UUID.randomUUID();
        charge(session, tenant, account, amount, description);
        charge(session, tenant, account, amount, description);
    }

    private void consume(Session session) {
        Tenant tenant = fixtures.tenant(session.random);
        session.post("POST ledgers/{id}/consumptions", tenant,
                "/api/v1/ledgers/" + tenant.account(session.random).id() + "/consumptions", """
                        {"amount": %d, "reference": "job-%s"}""".formatted(1 + session.random.nextInt(5),
                        UUID.randomUUID()));
    }

    private void holdAndSettle(Session session) {
        Tenant tenant = fixtures.tenant(session.random);
        String holds = "/api/v1/ledgers/" + tenant.account(session.random).id() + "/holds";
        long amount = 1 + session.random.nextInt(20);
        Answer held = session.post("POST ledgers/{id}/holds", tenant, holds, """
                {"amount": %d, "reference": "render-%s", "expiresIn": "PT10M"}""".formatted(amount,
                UUID.randomUUID()));
        if (!held.succeeded()) {
            return;
        }
        String hold = holds + "/" + gateway.json(held).get("id").asString();
        if (session.random.nextBoolean()) {
            session.post("POST holds/{id}/capture|release", tenant, hold + "/capture",
                    "{\"amount\": %d}".formatted(1 + session.random.nextInt((int) amount)));
        } else {
            session.post("POST holds/{id}/capture|release", tenant, hold + "/release", "");
        }
    }

    /** One request in four comes twice at once, as from a customer who clicked twice. */
    private void requestCoolingOffRefund(Session session) throws InterruptedException {
        Tenant tenant = fixtures.tenant(COOLING_OFF_TENANT);
        String request = refundRequest(tenant.name(), tenant.account(session.random)).orElseThrow();
        Thread twice = session.random.nextInt(4) == 0
                ? Thread.ofVirtual().start(() -> requestRefund(session, tenant, request)) : null;
        requestRefund(session, tenant, request);
        if (twice != null) {
            twice.join();
        }
    }

    private void requestOverchargeRefundAndApprove(Session session) {
        Tenant tenant = fixtures.tenant(OVERCHARGE_TENANT);
        requestRefund(session, tenant, refundRequest(tenant.name(), tenant.account(session.random)).orElseThrow())
                .filter(refundCase -> refundCase.get("status").asString().equals("IN_REVIEW"))
                .ifPresent(refundCase -> session.post("POST refund-requests/{id}/approve", tenant,
                        "/api/v1/refund-requests/" + refundCase.get("id").asString() + "/approve", """
                                {"amount": {"amount": %d, "currency": "EUR"}, "note": "overcharge confirmed"}"""
                                .formatted(50 + session.random.nextInt(150))));
    }

    /** A new customer pays, then the card holder disputes the charge: the account is suspended, its ledger frozen. */
    private void disputeANewCustomersCharge(Session session) {
        Tenant tenant = fixtures.tenant(session.random);
        Optional<JsonNode> charge = openAccount(session, tenant).flatMap(account -> charge(session, tenant, account,
                500 + session.random.nextInt(2500), "annual licence"));
        if (charge.isEmpty()) {
            return;
        }
        String disputeId = "du_load_" + UUID.randomUUID();
        String processorChargeId = charge.get().get("processorChargeId").asString();
        long amount = charge.get().get("amount").get("amount").asLong();
        Answer delivered = session.webhook(tenant, StripeWebhooks.disputeEvent("charge.dispute.created", disputeId,
                processorChargeId, amount, "needs_response"));
        if (delivered.succeeded()) {
            fixtures.disputeOpened(new LoadFixtures.OpenDispute(tenant.name(), disputeId, processorChargeId, amount,
                    System.nanoTime()));
        }
    }

    /** The processor closes a dispute the load opened a while ago, won or lost; without one, a new dispute. */
    private void closeADispute(Session session) {
        Optional<LoadFixtures.OpenDispute> open = fixtures.disputeToClose(DISPUTE_OPEN_AT_LEAST);
        if (open.isEmpty()) {
            disputeANewCustomersCharge(session);
            return;
        }
        LoadFixtures.OpenDispute dispute = open.get();
        session.webhook(fixtures.tenant(dispute.tenant()), StripeWebhooks.disputeEvent("charge.dispute.closed",
                dispute.disputeId(), dispute.processorChargeId(), dispute.amount(),
                session.random.nextBoolean() ? "won" : "lost"));
    }

    private Optional<String> openAccount(Session session, Tenant tenant) {
        String reference = UUID.randomUUID().toString();
        return session.created("POST accounts", tenant, "/api/v1/accounts", """
                {"externalRef": "load-%s", "role": "CUSTOMER", "email": "load-%s@example.com",
                 "defaultPaymentMethod": "pm_card_ok"}""".formatted(reference, reference.substring(0, 8)))
                .map(account -> account.get("id").asString());
    }

    private Optional<JsonNode> charge(Session session, Tenant tenant, String account, long amount,
                                      String description) {
        Optional<JsonNode> charge = session.created("POST charges", tenant, "/api/v1/charges", """
                {"accountId": "%s", "amount": {"amount": %d, "currency": "EUR"}, "description": "%s",
                 "paymentMethod": "pm_card_ok"}""".formatted(account, amount, description));
        charge.ifPresent(created -> tenant.charges().add(created.get("id").asString()));
        return charge;
    }

    private Optional<JsonNode> requestRefund(Session session, Tenant tenant, String request) {
        Optional<JsonNode> refundCase = session.created("POST refund-requests", tenant, "/api/v1/refund-requests",
                request);
        refundCase.ifPresent(opened -> tenant.refundCases().add(opened.get("id").asString()));
        return refundCase;
    }

    /** One scenario of one client: sends its requests, counts them, and remembers the first the target forbids. */
    private final class Session {

        private final Tally tally;
        private final RandomGenerator random;
        private String firstFailure;
        private Answer.Kind firstFailureKind;

        Session(Tally tally, RandomGenerator random) {
            this.tally = tally;
            this.random = random;
        }

        Answer get(String family, Tenant tenant, String path) {
            return counted(family, gateway.get(tenant.name(), path));
        }

        Answer post(String family, Tenant tenant, String path, String body) {
            String key = UUID.randomUUID().toString();
            return counted(family, retries.settle(gateway.post(tenant.name(), path, body, key),
                    () -> gateway.post(tenant.name(), path, body, key)));
        }

        /** The body of a 201, if the write created something. */
        Optional<JsonNode> created(String family, Tenant tenant, String path, String body) {
            Answer answer = post(family, tenant, path, body);
            return answer.status() == 201 ? Optional.of(gateway.json(answer)) : Optional.empty();
        }

        Answer webhook(Tenant tenant, String event) {
            return counted("POST webhooks/stripe/{tenant}", retries.settle(gateway.stripeWebhook(tenant.name(), event),
                    () -> gateway.stripeWebhook(tenant.name(), event)));
        }

        private synchronized Answer counted(String family, Answer answer) {
            tally.record(family, answer);
            if (!answer.acceptable() && firstFailure == null) {
                firstFailureKind = answer.kind();
                firstFailure = family + ": " + answer.summary();
            }
            return answer;
        }

        synchronized ClosedLoopLoad.Outcome outcome() {
            return firstFailure == null ? ClosedLoopLoad.Outcome.OK
                    : ClosedLoopLoad.Outcome.failed(firstFailureKind.column, firstFailure);
        }
    }
}
