package dev.fairbill.billing;

import static dev.fairbill.billing.BillingApi.admin;
import static dev.fairbill.billing.webhook.WebhookTestSupport.stripeDisputeEvent;
import static dev.fairbill.billing.webhook.WebhookTestSupport.stripeSignature;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.micrometer.core.instrument.MeterRegistry;

import tools.jackson.databind.JsonNode;

import dev.fairbill.billing.notification.MerchantReceiver;
import dev.fairbill.platform.testsupport.ApiClient;
import dev.fairbill.platform.testsupport.FairbillTestEnvironment;
import dev.fairbill.platform.testsupport.Replicas;

/**
 * Two replicas of billing on one database and broker, as the production overlay runs them. Their tracking processors
 * share the segments (two each); callers, webhooks and deadlines reach both, and every effect happens once: a dispute
 * delivered to both replicas opens one dispute and one hold, a charge captured twice is flagged once, a subscription
 * renews once and a declined one is retried and expires once, whichever replica's scheduler runs the deadline, and a
 * merchant's webhook endpoint hears of each capture and dispute once, whichever replica sends it. When one replica
 * stops, the other takes over all its segments within the claim interval and finishes the work.
 */
class BillingReplicasIT {

    private static final List<String> TRACKING = List.of("dispute-consequences", "duplicate-charge-detector",
            "subscription-charging", "subscription-holds", "kafka-publisher");
    private static final int SEGMENTS = 4;
    private static final int ACCOUNTS = 12;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void twoReplicasShareTheSegmentsAndEveryEffectHappensOnce() throws Exception {
        try (MerchantReceiver merchant = new MerchantReceiver()) {
            receiver = merchant;
            run();
        }
    }

    private MerchantReceiver receiver;

    private void run() throws Exception {
        String database = FairbillTestEnvironment.newDatabase();
        var a = start(database, "billing-a");
        var b = start(database, "billing-b");
        try {
            JdbcClient jdbc = a.getBean(JdbcClient.class);
            Replicas.awaitSegments(jdbc, TRACKING, Map.of("billing-a", 2L, "billing-b", 2L));
            Awaitility.await("each replica reports its share, none unprocessed").atMost(WAIT).untilAsserted(() ->
                    List.of(a, b).forEach(replica -> TRACKING.forEach(processor -> {
                        assertThat(segments(replica, "held", processor)).as(processor).isEqualTo(2);
                        assertThat(segments(replica, "unprocessed", processor)).as(processor).isZero();
                    })));

            List<BillingApi> replicas = List.of(new BillingApi(Replicas.port(a)), new BillingApi(Replicas.port(b)));
            // a merchant's endpoint hears of every capture and dispute once, whichever replica sends it
            assertThat(replicas.getFirst().post("/api/v1/webhook-endpoints", """
                    {"url": "%s", "enabledEvents": ["charge.succeeded", "dispute.opened"]}"""
                    .formatted(receiver.url("/replicas")), admin("panel")).status()).isEqualTo(201);
            List<Work> work = new ArrayList<>();
            try (ExecutorService callers = Executors.newFixedThreadPool(ACCOUNTS)) {
                List<Future<Work>> started = new ArrayList<>();
                for (int i = 0; i < ACCOUNTS; i++) {
                    int n = i;
                    started.add(callers.submit(() -> work(replicas.get(n % 2), replicas.get((n + 1) % 2), n)));
                }
                for (Future<Work> future : started) {
                    work.add(future.get());
                }
            }

            // one replica stops while deadlines and webhooks are still pending: the other finishes the work
            b.close();
            Replicas.awaitSegments(jdbc, TRACKING, Map.of("billing-a", (long) SEGMENTS));

            Awaitility.await("every effect").atMost(WAIT).untilAsserted(() -> {
                assertThat(Replicas.perAggregate(jdbc, "billing.AccountHoldPlaced")).as("holds per account")
                        .hasSize(ACCOUNTS).allSatisfy((account, holds) -> assertThat(holds).isOne());
                assertThat(Replicas.perAggregate(jdbc, "billing.ChargeFlaggedDuplicate")).as("duplicates flagged")
                        .containsOnlyKeys(work.stream().map(Work::secondCharge).toList())
                        .allSatisfy((charge, flags) -> assertThat(flags).isOne());
                assertThat(Replicas.perAggregate(jdbc, "billing.SubscriptionRenewed")).as("renewals")
                        .containsOnlyKeys(work.stream().filter(w -> !w.declined()).map(Work::subscription).toList())
                        .allSatisfy((subscription, renewals) -> assertThat(renewals).isOne());
                assertThat(Replicas.perAggregate(jdbc, "billing.SubscriptionExpired")).as("expiries after dunning")
                        .containsOnlyKeys(work.stream().filter(Work::declined).map(Work::subscription).toList())
                        .allSatisfy((subscription, expiries) -> assertThat(expiries).isOne());
            });
            assertThat(jdbc.sql("SELECT count(*) FROM domainevententry WHERE payloadtype = 'billing.DisputeOpened'")
                    .query(Long.class).single()).as("one dispute per webhook delivered to both").isEqualTo(ACCOUNTS);
            assertThat(Replicas.perAggregate(jdbc, "billing.SubscriptionPaymentFailed")).as("declined attempts, each once")
                    .allSatisfy((subscription, failures) -> assertThat(failures).isEqualTo(3));
            assertThat(jdbc.sql("SELECT count(*) FROM webhook_deliveries WHERE processed_at IS NULL")
                    .query(Long.class).single()).isZero();
            long told = jdbc.sql("SELECT count(*) FROM domainevententry WHERE payloadtype IN "
                    + "('billing.ChargeCaptured', 'billing.DisputeOpened')").query(Long.class).single();
            Awaitility.await("every capture and dispute at the merchant's endpoint").atMost(WAIT)
                    .until(() -> receiver.at("/replicas").size() >= told);
            assertThat(receiver.at("/replicas")).as("each event once").hasSize((int) told)
                    .extracting(request -> BillingApi.JSON.readTree(request.body()).get("id").asString())
                    .doesNotHaveDuplicates();
        } finally {
            b.close();
            a.close();
        }
    }

    /**
     * One account's traffic: a charge through one replica and its duplicate through the other, a dispute delivered to
     * both, and another account's subscription ending in a few seconds (every other one declined at renewal).
     */
    private static Work work(BillingApi api, BillingApi other, int n) {
        String tenant = "panel";
        String account = customer(api, tenant);
        String charge = """
                {"accountId": "%s", "amount": {"amount": 1500, "currency": "EUR"}, "description": "pack %d",
                 "paymentMethod": "pm_card_ok"}""".formatted(account, n);
        JsonNode first = BillingApi.created(api.post("/api/v1/charges", charge, admin(tenant)));
        JsonNode second = BillingApi.created(other.post("/api/v1/charges", charge, admin(tenant)));

        // a subscriber of its own: the disputed account's subscriptions are held, and would not renew
        JsonNode subscription = api.subscribeEndingIn(customer(other, tenant), tenant, Duration.ofSeconds(8));
        String subscriptionId = subscription.get("id").asString();
        boolean declined = n % 2 == 1;
        if (declined) {
            assertThat(other.post("/api/v1/subscriptions/" + subscriptionId + "/payment-method", """
                    {"paymentMethod": "pm_card_declined"}""", admin(tenant)).status()).isEqualTo(200);
        }

        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String event = stripeDisputeEvent("evt_" + UUID.randomUUID(), "charge.dispute.created",
                "du_" + UUID.randomUUID(), first.get("processorChargeId").asString(), "needs_response", now);
        for (BillingApi replica : List.of(api, other)) {
            ApiClient.Response delivered = replica.send("POST", "/webhooks/stripe/" + tenant, event,
                    Map.of("Stripe-Signature", stripeSignature(tenant, event, now)));
            assertThat(delivered.status()).isEqualTo(200);
        }
        return new Work(second.get("id").asString(), subscriptionId, declined);
    }

    private static String customer(BillingApi api, String tenant) {
        return api.openAccount(tenant, """
                {"externalRef": "replicas-%s", "role": "CUSTOMER", "defaultPaymentMethod": "pm_card_ok"}"""
                .formatted(UUID.randomUUID()));
    }

    private record Work(String secondCharge, String subscription, boolean declined) {
    }

    private static double segments(ConfigurableApplicationContext replica, String which, String processor) {
        return replica.getBean(MeterRegistry.class).get("fairbill.processor.segments." + which)
                .tag("processor", processor).gauge().value();
    }

    private static ConfigurableApplicationContext start(String database, String node) {
        return Replicas.start(BillingApplication.class, database, node, "fairbill.billing.sandbox.latency=0ms",
                "fairbill.subscriptions.dunning.retry-delays=1s,1s", "fairbill.webhook-processing.poll-interval=100ms");
    }
}
