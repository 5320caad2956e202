package dev.fairbill.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The three sagas end to end (docs/domain.md): all services, real PostgreSQL and the real broker, driven only
 * through the gateway with the fixture keys and signed processor webhooks.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SagasThroughGatewayIT {

    private static LocalStack stack;
    private static GatewayClient gateway;

    @BeforeAll
    static void start() throws IOException {
        // a refused processor refund is retried after 1 s instead of minutes
        stack = TestStacks.start("sagas-gateway-it", settings -> settings.withArguments(Service.REFUND,
                "--fairbill.refunds.execution.retry-backoff=PT1S,PT1S"));
        gateway = new GatewayClient(stack.gatewayUrl());
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    /**
     * Saga 2 (final-sale-duplicates-refunded §4.3): the later of two identical charges is refunded automatically; the
     * original stays.
     */
    @Test
    void aDuplicateChargeIsReversedAndTheOriginalIsUntouched() {
        String account = gateway.openAccount("studio", "CUSTOMER", null);
        String original = charge("studio", account, "500 credits", "pm_card_ok", 1000).get("id").asString();
        String duplicate = charge("studio", account, "500 credits", "pm_card_ok", 1000).get("id").asString();

        JsonNode reversed = gateway.awaitJson("/api/v1/charges/" + duplicate, "rk_test_studio",
                c -> c.get("status").asString().equals("REFUNDED"));
        assertThat(reversed.get("duplicateOf").asString()).isEqualTo(original);
        assertThat(reversed.get("amountRefunded").get("amount").asLong()).isEqualTo(1000);
        JsonNode untouched = gateway.ok(gateway.get("/api/v1/charges/" + original, "rk_test_studio"));
        assertThat(untouched.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(untouched.get("amountRefunded").get("amount").asLong()).isZero();
        JsonNode refundCase = onlyCaseOf("studio", account, "COMPLETED");
        assertThat(refundCase.get("reason").asString()).isEqualTo("DUPLICATE_CHARGE");
        assertThat(refundCase.get("chargeId").asString()).isEqualTo(duplicate);
    }

    /**
     * ADR 0010: a duplicate the cash balance partly paid is reversed in full, under one refund id: the card part to
     * the card, the balance part back to the balance. (It used to end FAILED with exceeds-refundable.)
     */
    @Test
    void aDuplicatePartlyPaidFromTheBalanceIsReversedToTheCardAndTheBalance() {
        String account = gateway.openAccount("studio", "CUSTOMER", null);
        String original = charge("studio", account, "1000 credits", "pm_card_ok", 1000).get("id").asString();
        String grant = """
                {"amount": 300, "source": "REFUND_BALANCE", "unit": "EUR", "chargeId": "%s"}""".formatted(original);
        gateway.awaitCreated("/api/v1/ledgers/" + account + "/grants", "sk_test_studio", grant);
        gateway.awaitJson("/api/v1/ledgers/" + account, "rk_test_studio", l -> cash(l) == 300);
        // the next charge pays from the balance billing knows of, which the ledger's fact brings a moment later
        gateway.awaitJson("/api/v1/accounts/" + account, "rk_test_studio", a -> cash(a) == 300);

        String duplicate = charge("studio", account, "1000 credits", "pm_card_ok", 1000).get("id").asString();

        JsonNode reversed = gateway.awaitJson("/api/v1/charges/" + duplicate, "rk_test_studio",
                c -> c.get("status").asString().equals("REFUNDED"));
        assertThat(reversed.get("duplicateOf").asString()).isEqualTo(original);
        assertThat(reversed.get("paidFromBalance").get("amount").asLong()).isEqualTo(300);
        assertThat(reversed.get("amountRefunded").get("amount").asLong()).isEqualTo(1000);
        JsonNode execution = onlyCaseOf("studio", account, "COMPLETED").get("execution");
        assertThat(execution.get("toPaymentMethod").get("amount").asLong()).isEqualTo(700);
        assertThat(execution.get("toBalance").get("amount").asLong()).isEqualTo(300);
        gateway.awaitJson("/api/v1/ledgers/" + account, "rk_test_studio", l -> cash(l) == 300);
    }

    /** The first cash balance of a ledger, or of an account as billing knows it (the same shape in both). */
    private static long cash(JsonNode ledgerOrAccount) {
        JsonNode balances = ledgerOrAccount.get("cashBalances");
        return balances.isEmpty() ? 0 : balances.get(0).get("amount").asLong();
    }

    /** Saga 3 (final-sale-reseller §9): a dispute suspends the account and freezes its ledger; won → all lifted. */
    @Test
    void aDisputeSuspendsAndFreezesAndAWonDisputeReinstates() {
        String account = gateway.openAccount("studio", "CUSTOMER", null);
        JsonNode charge = charge("studio", account, "yearly support", "pm_card_ok", 2500);
        String disputeId = "du_" + UUID.randomUUID();

        webhook("studio", disputeEvent("charge.dispute.created", disputeId, charge, "needs_response"));
        gateway.awaitJson("/api/v1/accounts/" + account, "rk_test_studio",
                a -> a.get("status").asString().equals("SUSPENDED"));
        gateway.awaitJson("/api/v1/ledgers/" + account, "rk_test_studio", l -> l.get("frozen").asBoolean());
        assertThat(gateway.post("/api/v1/ledgers/" + account + "/consumptions", "sk_test_studio",
                "{\"amount\": 1, \"reference\": \"job\"}").statusCode()).isEqualTo(423);

        webhook("studio", disputeEvent("charge.dispute.closed", disputeId, charge, "won"));
        gateway.awaitJson("/api/v1/accounts/" + account, "rk_test_studio",
                a -> a.get("status").asString().equals("ACTIVE"));
        gateway.awaitJson("/api/v1/ledgers/" + account, "rk_test_studio", l -> !l.get("frozen").asBoolean());
    }

    /** Saga 3: lost → terminated, and the unconsumed credits the disputed charge bought are clawed back. */
    @Test
    void aLostDisputeTerminatesTheAccountAndClawsBackTheCreditsItBought() {
        String account = gateway.openAccount("studio", "CUSTOMER", null);
        JsonNode purchase = gateway.created(gateway.post("/api/v1/purchases", "sk_test_studio", """
                {"accountId": "%s", "productId": "credits-500"}""".formatted(account)));
        gateway.awaitJson("/api/v1/ledgers/" + account, "rk_test_studio", l -> l.get("balance").asLong() == 500);
        gateway.created(gateway.post("/api/v1/ledgers/" + account + "/consumptions", "sk_test_studio",
                "{\"amount\": 120, \"reference\": \"render-1\"}"));
        JsonNode charge = gateway.ok(gateway.get("/api/v1/charges/" + purchase.get("chargeId").asString(),
                "rk_test_studio"));
        String disputeId = "du_" + UUID.randomUUID();

        webhook("studio", disputeEvent("charge.dispute.created", disputeId, charge, "needs_response"));
        gateway.awaitJson("/api/v1/ledgers/" + account, "rk_test_studio", l -> l.get("frozen").asBoolean());
        webhook("studio", disputeEvent("charge.dispute.closed", disputeId, charge, "lost"));

        gateway.awaitJson("/api/v1/accounts/" + account, "rk_test_studio",
                a -> a.get("status").asString().equals("TERMINATED"));
        gateway.awaitJson("/api/v1/ledgers/" + account, "rk_test_studio", l -> l.get("balance").asLong() == 0);
        JsonNode entries = gateway.ok(gateway.get("/api/v1/ledgers/" + account + "/entries", "rk_test_studio"));
        assertThat(entries.get("data").valueStream().filter(e -> e.get("type").asString().equals("CLAWBACK"))
                .map(e -> e.get("amount").asLong())).containsExactly(-380L);
    }

    /**
     * A dispute lost on a charge that was already refunded: the processor took the money back twice. The loss is
     * recorded as a double payout with its excess, every consequence of a lost dispute runs, and the account's
     * timeline shows it.
     */
    @Test
    void aDisputeLostAfterARefundIsADoublePayoutInTheAccountsTimeline() {
        String account = gateway.openAccount("studio", "CUSTOMER", null);
        charge("studio", account, "400 credits", "pm_card_ok", 800);
        String duplicate = charge("studio", account, "400 credits", "pm_card_ok", 800).get("id").asString();
        JsonNode refunded = gateway.awaitJson("/api/v1/charges/" + duplicate, "rk_test_studio",
                c -> c.get("status").asString().equals("REFUNDED"));
        String disputeId = "du_" + UUID.randomUUID();

        webhook("studio", disputeEvent("charge.dispute.created", disputeId, refunded, "needs_response"));
        webhook("studio", disputeEvent("charge.dispute.closed", disputeId, refunded, "lost"));

        JsonNode doublePaid = gateway.awaitJson("/api/v1/charges/" + duplicate, "rk_test_studio",
                c -> c.get("status").asString().equals("DOUBLE_PAYOUT"));
        assertThat(doublePaid.get("doublePayout").get("amount").asLong()).isEqualTo(800);
        gateway.awaitJson("/api/v1/accounts/" + account, "rk_test_studio",
                a -> a.get("status").asString().equals("TERMINATED"));
        JsonNode timeline = gateway.ok(gateway.get("/api/v1/accounts/" + account + "/timeline", "rk_test_studio"));
        assertThat(timeline.get("data").findValuesAsString("action")).contains("charge.refunded",
                "dispute.closed", "charge.double-payout", "account.terminated");
    }

    /** refill-or-refund: an order that never started is refunded in full to the account balance, as cash balance. */
    @Test
    void anApprovedAccountBalanceRefundAppearsAsCashBalance() {
        String account = gateway.openAccount("smm", "CUSTOMER", null);
        JsonNode purchase = gateway.created(gateway.post("/api/v1/purchases", "sk_test_smm", """
                {"accountId": "%s", "productId": "followers-2000"}""".formatted(account)));
        String body = """
                {"accountId": "%s", "purchaseId": "%s", "reason": "NEVER_STARTED"}"""
                .formatted(account, purchase.get("id").asString());
        gateway.awaitJson("/api/v1/refund-requests/preview", "sk_test_smm", body,
                d -> d.get("decision").get("outcome").asString().equals("APPROVED"));
        String caseId = gateway.created(gateway.post("/api/v1/refund-requests", "sk_test_smm", body)).get("id")
                .asString();

        JsonNode completed = gateway.awaitJson("/api/v1/refund-requests/" + caseId, "rk_test_smm",
                c -> c.get("status").asString().equals("COMPLETED"));
        assertThat(completed.get("execution").get("refundId").asString()).startsWith("re_");
        JsonNode ledger = gateway.awaitJson("/api/v1/ledgers/" + account, "rk_test_smm",
                l -> !l.get("cashBalances").isEmpty());
        assertThat(ledger.get("cashBalances").get(0).get("amount").asLong()).isEqualTo(2000);
        assertThat(ledger.get("cashBalances").get(0).get("currency").asString()).isEqualTo("EUR");
        // billing learns of the payout to the balance too: the charge shows it refunded
        JsonNode charge = gateway.awaitJson("/api/v1/charges/" + purchase.get("chargeId").asString(), "rk_test_smm",
                c -> c.get("amountRefunded").get("amount").asLong() == 2000);
        assertThat(charge.get("status").asString()).isEqualTo("REFUNDED");
    }

    /**
     * refill-or-refund: a count that dropped inside the refill window is refilled. The refill is recorded on the
     * purchase for
     * the delivering system, and the case is remedied when the refill is reported delivered, not when it is asked for.
     */
    @Test
    void aDroppedCountIsRefilledAndTheCaseIsRemediedWhenTheRefillIsDelivered() {
        String account = gateway.openAccount("smm", "CUSTOMER", null);
        String purchase = gateway.created(gateway.post("/api/v1/purchases", "sk_test_smm", """
                {"accountId": "%s", "productId": "followers-2000"}""".formatted(account))).get("id").asString();
        gateway.ok(gateway.post("/api/v1/purchases/" + purchase + "/fulfilment", "sk_test_smm",
                "{\"status\": \"COMPLETED\", \"delivered\": 2000, \"currentCount\": 1850}"));
        String body = """
                {"accountId": "%s", "purchaseId": "%s", "reason": "COUNT_DROPPED"}""".formatted(account, purchase);
        gateway.awaitJson("/api/v1/refund-requests/preview", "sk_test_smm", body,
                d -> d.get("decision").get("outcome").asString().equals("REMEDY"));
        String caseId = gateway.created(gateway.post("/api/v1/refund-requests", "sk_test_smm", body)).get("id")
                .asString();

        JsonNode refill = gateway.awaitJson("/api/v1/purchases/" + purchase, "rk_test_smm",
                p -> !p.get("refills").isEmpty()).get("refills").get(0);
        assertThat(refill.get("caseId").asString()).isEqualTo(caseId);
        assertThat(refill.get("quantity").asLong()).isEqualTo(150);
        assertThat(refill.get("status").asString()).isEqualTo("NOT_STARTED");
        assertThat(gateway.ok(gateway.get("/api/v1/refund-requests/" + caseId, "rk_test_smm")).get("status")
                .asString()).as("requested is not delivered").isEqualTo("EXECUTING");

        gateway.ok(gateway.post("/api/v1/purchases/" + purchase + "/fulfilment", "sk_test_smm", """
                {"status": "COMPLETED", "delivered": 150, "currentCount": 2000, "refillId": "%s"}"""
                .formatted(refill.get("id").asString())));
        gateway.awaitJson("/api/v1/refund-requests/" + caseId, "rk_test_smm",
                c -> c.get("status").asString().equals("REMEDIED"));
        // the refilled count is what a later request is decided on: nothing is missing any more
        gateway.awaitJson("/api/v1/refund-requests/preview", "sk_test_smm", body,
                d -> !d.get("decision").get("outcome").asString().equals("REMEDY"));
    }

    /**
     * refill-or-refund: a reviewer who names no destination sends the money where the policy sends it, the balance; a
     * reviewer may also approve with a remedy, service credits instead of money.
     */
    @Test
    void aReviewerApprovesToThePolicysDestinationOrWithARemedyInsteadOfMoney() {
        String account = gateway.openAccount("smm", "CUSTOMER", null);
        String toBalance = caseInReview(account, "changed my mind before delivery");
        // both orders are paid before any refund, so neither is paid from the balance the first refund fills
        String withCredits = caseInReview(account, "rather have credits");
        JsonNode approved = gateway.ok(gateway.post("/api/v1/refund-requests/" + toBalance + "/approve",
                "rv_test_smm", "{\"note\": \"caught before delivery started\"}"));
        assertThat(approved.get("review").get("destination").asString()).isEqualTo("ACCOUNT_BALANCE");
        gateway.awaitJson("/api/v1/refund-requests/" + toBalance, "rk_test_smm",
                c -> c.get("status").asString().equals("COMPLETED"));
        gateway.awaitJson("/api/v1/ledgers/" + account, "rk_test_smm", l -> cash(l) == 2000);

        JsonNode remedied = gateway.ok(gateway.post("/api/v1/refund-requests/" + withCredits + "/approve",
                "rv_test_smm", """
                {"remedy": {"kind": "SERVICE_CREDIT", "credits": 300}, "note": "credits instead of money"}"""));
        assertThat(remedied.get("review").get("remedy").get("kind").asString()).isEqualTo("SERVICE_CREDIT");
        assertThat(remedied.get("review").get("amount").isNull()).isTrue();
        gateway.awaitJson("/api/v1/refund-requests/" + withCredits, "rk_test_smm",
                c -> c.get("status").asString().equals("REMEDIED"));
        JsonNode ledger = gateway.awaitJson("/api/v1/ledgers/" + account, "rk_test_smm",
                l -> l.get("balance").asLong() == 300);
        assertThat(cash(ledger)).as("no money for the remedied case").isEqualTo(2000);
    }

    /** A new delivery order of the account and a change-of-mind request on it, waiting for a reviewer. */
    private static String caseInReview(String account, String explanation) {
        String purchase = gateway.created(gateway.post("/api/v1/purchases", "sk_test_smm", """
                {"accountId": "%s", "productId": "followers-2000"}""".formatted(account))).get("id").asString();
        String body = """
                {"accountId": "%s", "purchaseId": "%s", "reason": "CHANGE_OF_MIND", "explanation": "%s"}"""
                .formatted(account, purchase, explanation);
        gateway.awaitJson("/api/v1/refund-requests/preview", "sk_test_smm", body,
                d -> d.get("decision").get("outcome").asString().equals("NEEDS_REVIEW"));
        JsonNode opened = gateway.created(gateway.post("/api/v1/refund-requests", "sk_test_smm", body));
        assertThat(opened.get("status").asString()).isEqualTo("IN_REVIEW");
        return opened.get("id").asString();
    }

    /**
     * final-sale-duplicates-refunded §4.2: a request during an outage still going on waits in review; closing the
     * outage decides it by
     * the policy with the outage's whole length, and the service credits reach the ledger.
     */
    @Test
    void anOutageClosedLaterCompensatesTheRequestThatWaitedForIt() {
        String account = gateway.openAccount("studio", "CUSTOMER", null);
        String subscription = gateway.created(gateway.post("/api/v1/subscriptions", "sk_test_studio", """
                {"accountId": "%s", "planId": "yearly"}""".formatted(account))).get("id").asString();
        gateway.awaitJson("/api/v1/ledgers/" + account, "rk_test_studio", l -> l.get("balance").asLong() == 1200);
        String body = """
                {"accountId": "%s", "subscriptionId": "%s", "reason": "SERVICE_UNAVAILABLE"}"""
                .formatted(account, subscription);
        gateway.awaitJson("/api/v1/refund-requests/preview", "sk_test_studio", body,
                d -> d.get("decision").get("clause").asString().equals("no-recorded-outage"));
        String incident = gateway.created(gateway.post("/api/v1/incidents", "sk_test_studio", """
                {"startedAt": "%s", "scope": "yearly", "description": "render farm down"}"""
                .formatted(Instant.now()))).get("id").asString();

        JsonNode waiting = gateway.created(gateway.post("/api/v1/refund-requests", "sk_test_studio", body));
        assertThat(waiting.get("status").asString()).isEqualTo("IN_REVIEW");
        assertThat(waiting.get("decision").get("clause").asString()).isEqualTo("outage-ongoing");
        String caseId = waiting.get("id").asString();

        JsonNode closed = gateway.ok(gateway.post("/api/v1/incidents/" + incident + "/close", "sk_test_studio",
                "{}"));
        assertThat(closed.get("status").asString()).isEqualTo("CLOSED");
        JsonNode remedied = gateway.awaitJson("/api/v1/refund-requests/" + caseId, "rk_test_studio",
                c -> c.get("status").asString().equals("REMEDIED"));
        long credits = remedied.get("review").get("remedy").get("credits").asLong();
        assertThat(credits).isPositive();
        JsonNode ledger = gateway.awaitJson("/api/v1/ledgers/" + account, "rk_test_studio",
                l -> l.get("balance").asLong() == 1200 + credits);
        // the remedy's credits follow the tenant's grant expiry for service credits (90 days for studio)
        assertThat(ledger.get("lots").valueStream()
                .filter(lot -> lot.get("source").asString().equals("SERVICE_CREDIT")))
                .singleElement().satisfies(lot -> assertThat(Instant.parse(lot.get("expiresAt").asString()))
                        .isBetween(Instant.now().plus(Duration.ofDays(89)), Instant.now().plus(Duration.ofDays(90))));
    }

    /**
     * Saga 1 (cooling-off-prorata): "cancel and refund me" — the cancellation always; the refund case by the policy.
     */
    @Test
    void cancelAndRefundMeCancelsAndRefundsByPolicy() {
        String account = gateway.openAccount("chat", "CUSTOMER", null);
        JsonNode subscription = gateway.created(gateway.post("/api/v1/subscriptions", "sk_test_chat", """
                {"accountId": "%s", "planId": "monthly"}""".formatted(account)));
        String id = subscription.get("id").asString();
        gateway.awaitJson("/api/v1/refund-requests/preview", "sk_test_chat", """
                {"accountId": "%s", "subscriptionId": "%s", "reason": "COOLING_OFF"}""".formatted(account, id),
                d -> d.get("decision").get("outcome").asString().equals("APPROVED"));

        JsonNode cancelled = gateway.ok(gateway.post("/api/v1/subscriptions/" + id + "/cancel", "sk_test_chat",
                "{\"mode\": \"IMMEDIATE\", \"requestRefund\": true, \"refundReason\": \"COOLING_OFF\"}"));
        assertThat(cancelled.get("status").asString()).isEqualTo("CANCELLED");
        String caseId = cancelled.get("refundCaseId").asString();

        JsonNode completed = gateway.awaitJson("/api/v1/refund-requests/" + caseId, "rk_test_chat",
                c -> c.get("status").asString().equals("COMPLETED"));
        assertThat(completed.get("decision").get("clause").asString()).isEqualTo("cooling-off-full");
        gateway.awaitJson("/api/v1/charges/" + subscription.get("latestChargeId").asString(), "rk_test_chat",
                c -> c.get("status").asString().equals("REFUNDED"));
    }

    /** Issue: a processor refund failure retries with backoff, then the case goes FAILED to review — never paid twice. */
    @Test
    void aRefundTheProcessorKeepsRefusingFailsToReviewWithoutAPayout() {
        String account = gateway.openAccount("studio", "CUSTOMER", null);
        charge("studio", account, "render credits", "pm_card_refund_fails", 800);
        String duplicate = charge("studio", account, "render credits", "pm_card_refund_fails", 800).get("id")
                .asString();

        JsonNode failed = onlyCaseOf("studio", account, "FAILED");
        assertThat(failed.get("execution").get("attempts").asInt()).isEqualTo(3);
        assertThat(gateway.ok(gateway.get("/api/v1/refund-requests?status=FAILED", "rk_test_studio")).get("data")
                .findValuesAsString("id")).contains(failed.get("id").asString());
        JsonNode charge = gateway.ok(gateway.get("/api/v1/charges/" + duplicate, "rk_test_studio"));
        assertThat(charge.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(charge.get("amountRefunded").get("amount").asLong()).isZero();

        // the card refuses refunds: a reviewer approves the failed case again, to the account balance
        String caseId = failed.get("id").asString();
        JsonNode again = gateway.ok(gateway.post("/api/v1/refund-requests/" + caseId + "/approve", "rv_test_studio",
                "{\"destination\": \"ACCOUNT_BALANCE\", \"note\": \"card refuses refunds\"}"));
        assertThat(again.get("status").asString()).isIn("APPROVED", "EXECUTING", "COMPLETED");
        JsonNode completed = gateway.awaitJson("/api/v1/refund-requests/" + caseId, "rk_test_studio",
                c -> c.get("status").asString().equals("COMPLETED"));
        assertThat(completed.get("execution").get("toBalance").get("amount").asLong()).isEqualTo(800);
        assertThat(completed.get("execution").get("toPaymentMethod").get("amount").asLong()).isZero();
        gateway.awaitJson("/api/v1/ledgers/" + account, "rk_test_studio", l -> cash(l) == 800);
        gateway.awaitJson("/api/v1/charges/" + duplicate, "rk_test_studio",
                c -> c.get("amountRefunded").get("amount").asLong() == 800);
        assertThat(gateway.post("/api/v1/refund-requests/" + caseId + "/approve", "rv_test_studio",
                "{\"note\": \"twice?\"}").statusCode()).as("paid once: nothing left to approve").isEqualTo(409);
    }

    /** Issue: every saga step survives a restart — the refund service is down while billing flags a duplicate. */
    @Test
    void aSagaCompletesAfterItsServiceRestarted() throws IOException {
        String account = gateway.openAccount("studio", "CUSTOMER", null);
        charge("studio", account, "restart pack", "pm_card_ok", 600);
        stack.stop(Service.REFUND);
        String duplicate;
        try {
            duplicate = charge("studio", account, "restart pack", "pm_card_ok", 600).get("id").asString();
            gateway.awaitJson("/api/v1/charges/" + duplicate, "rk_test_studio", c -> !c.get("duplicateOf").isNull());
        } finally {
            stack.start(Service.REFUND);
        }

        gateway.awaitJson("/api/v1/charges/" + duplicate, "rk_test_studio",
                c -> c.get("status").asString().equals("REFUNDED"));
        assertThat(onlyCaseOf("studio", account, "COMPLETED").get("chargeId").asString()).isEqualTo(duplicate);
    }

    /**
     * Issue "Operations": every metric the alert rules and the Grafana dashboards use is exposed by the running
     * services (after the flows above ran, so the HTTP, Kafka and saga series exist too); {@code up} is Prometheus'
     * own. Every dashboard parses and every panel has a query.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void everyMetricTheAlertsAndDashboardsUseIsExposedByTheServices() throws IOException, InterruptedException {
        Set<String> scraped = new HashSet<>();
        HttpClient http = HttpClient.newHttpClient();
        for (Service service : Service.values()) {
            String body = http.send(HttpRequest.newBuilder(URI.create(stack.managementUrl(service)
                    + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString()).body();
            body.lines().filter(line -> !line.startsWith("#") && !line.isBlank())
                    .map(line -> line.split("[{ ]", 2)[0]).forEach(scraped::add);
            if (service == Service.GATEWAY) {
                // with a local Redis the stack's gateway shares its rate limits through it (ADR 0047)
                assertThat(body).contains("fairbill_gateway_rate_limit_shared " + (LocalRedis.find().isPresent()
                        ? "1.0" : "0.0"));
            }
        }
        Path ops = Path.of(System.getProperty("fairbill.root", "..")).resolve("ops");
        Set<String> used = new HashSet<>(metricsIn(ops.resolve("prometheus/rules")));
        Set<String> dashboards = metricsIn(ops.resolve("grafana/dashboards"));
        used.addAll(dashboards);
        try (var files = Files.list(ops.resolve("grafana/dashboards"))) {
            for (Path file : files.toList()) {
                JsonNode dashboard = JsonMapper.builder().build().readTree(Files.readString(file));
                assertThat(dashboard.get("panels")).as(file.toString()).isNotEmpty().allSatisfy(panel ->
                        assertThat(panel.get("targets").findValuesAsString("expr")).as(file + " " + panel.get("title"))
                                .isNotEmpty());
            }
        }
        used.remove("up");
        assertThat(dashboards).hasSizeGreaterThan(10);
        assertThat(scraped).containsAll(used);
    }

    private static Set<String> metricsIn(Path directory) throws IOException {
        Set<String> metrics = new HashSet<>();
        try (var files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Matcher selector = METRIC_SELECTOR.matcher(Files.readString(file));
                while (selector.find()) {
                    metrics.add(selector.group(1));
                }
            }
        }
        return metrics;
    }

    private static final Pattern METRIC_SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{job=");

    private JsonNode onlyCaseOf(String tenant, String account, String status) {
        return gateway.awaitJson("/api/v1/refund-requests", "rk_test_" + tenant, page -> {
            for (JsonNode item : page.get("data")) {
                if (item.get("accountId").asString().equals(account)) {
                    return item.get("status").asString().equals(status);
                }
            }
            return false;
        }).get("data").valueStream().filter(item -> item.get("accountId").asString().equals(account)).findFirst()
                .orElseThrow();
    }

    private static JsonNode charge(String tenant, String account, String description, String paymentMethod,
                                   long amount) {
        return gateway.created(gateway.post("/api/v1/charges", "sk_test_" + tenant, """
                {"accountId": "%s", "amount": {"amount": %d, "currency": "EUR"}, "description": "%s",
                 "paymentMethod": "%s"}""".formatted(account, amount, description, paymentMethod)));
    }

    private static void webhook(String tenant, String body) {
        var delivered = gateway.send("POST", "/webhooks/stripe/" + tenant, null, body,
                Map.of("Stripe-Signature", StripeWebhooks.signature(body, "whsec_test_" + tenant)));
        assertThat(delivered.statusCode()).isBetween(200, 299);
    }

    private static String disputeEvent(String type, String disputeId, JsonNode charge, String status) {
        return StripeWebhooks.disputeEvent(type, disputeId, charge.get("processorChargeId").asString(),
                charge.get("amount").get("amount").asLong(), status);
    }
}
