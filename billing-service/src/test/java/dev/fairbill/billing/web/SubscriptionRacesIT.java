package dev.fairbill.billing.web;

import static dev.fairbill.billing.BillingApi.admin;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import dev.fairbill.billing.BillingApi;
import dev.fairbill.billing.BillingTestClient;
import dev.fairbill.platform.testsupport.ApiClient;
import dev.fairbill.platform.testsupport.IntegrationTest;
import dev.fairbill.platform.testsupport.ParallelCalls;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests that race on one subscription: parallel cancellations cancel it once, and a cancellation racing the
 * renewal never keeps money for a period that is not served, whichever lands first.
 */
@IntegrationTest
@TestPropertySource(properties = "fairbill.billing.sandbox.latency=300ms")
class SubscriptionRacesIT {

    private static final int PARALLEL = 8;

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();
    private BillingApi api;
    private BillingTestClient billing;

    @BeforeEach
    void client() {
        api = new BillingApi(port);
        billing = new BillingTestClient(port, jdbc);
    }

    @Test
    void parallelImmediateCancellationsCancelOnceAndNameOneRefundCase() {
        String account = billing.openCustomer("chat");
        String subscription = billing.subscribe("chat", account, "monthly").get("id").asString();

        List<ApiClient.Response> answers = ParallelCalls.run(PARALLEL, i -> post("chat", "/api/v1/subscriptions/"
                + subscription + "/cancel", "{\"mode\": \"IMMEDIATE\", \"requestRefund\": true, "
                + "\"refundReason\": \"COOLING_OFF\"}", i % 2 == 0));

        assertThat(answers).filteredOn(answer -> answer.status() == 200).singleElement()
                .satisfies(cancelled -> assertThat(json.readTree(cancelled.body()).get("refundCaseId").asString())
                        .startsWith("rc_"));
        assertThat(answers).filteredOn(answer -> answer.status() != 200).hasSize(PARALLEL - 1)
                .allSatisfy(refused -> assertThat(refused.status()).as(refused.body()).isEqualTo(409));
        assertThat(billing.eventsOf(subscription, "SubscriptionCancelled")).isOne();
    }

    /**
     * The renewal charge is requested at the period's end and captured 300 ms later; cancellations land before, in
     * and after that window. Renewed first: the new period is paid and an immediate cancellation refunds nothing.
     * Cancelled first: a renewal charge captured anyway is refunded in full.
     */
    @Test
    void aCancellationRacingTheRenewalNeverKeepsMoneyForAPeriodThatIsNotServed() throws InterruptedException {
        List<Instant> ends = new ArrayList<>();
        List<String[]> subscriptions = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String account = billing.openCustomer("studio");
            JsonNode subscription = api.subscribeEndingIn(account, "studio", Duration.ofSeconds(6));
            subscriptions.add(new String[] {account, subscription.get("id").asString()});
            ends.add(Instant.parse(subscription.get("currentPeriod").get("end").asString()));
        }
        for (int i = 0; i < subscriptions.size(); i++) {
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), ends.get(i).plusMillis(250L * i)).toMillis()));
            String id = subscriptions.get(i)[1];
            assertThat(post("studio", "/api/v1/subscriptions/" + id + "/cancel", "{\"mode\": \"IMMEDIATE\"}", true)
                    .status()).isEqualTo(200);
        }

        for (int i = 0; i < subscriptions.size(); i++) {
            String account = subscriptions.get(i)[0];
            String id = subscriptions.get(i)[1];
            Instant settledAfter = ends.get(i).plusSeconds(3);
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                    events(id, "SubscriptionRenewed") + events(id, "SubscriptionChargeVoided") == 1
                            || events(id, "SubscriptionChargeRequested") == 1 && Instant.now().isAfter(settledAfter));
            boolean renewed = events(id, "SubscriptionRenewed") == 1;
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertThat(renewalCharges(account))
                            .allSatisfy(charge -> assertThat(charge.get("amountRefunded").get("amount").asLong())
                                    .as("renewal charge %s of %s, renewed %s", charge.get("id"), id, renewed)
                                    .isEqualTo(renewed ? 0 : charge.get("amount").get("amount").asLong())));
            assertThat(billing.subscription("studio", id).get("status").asString()).isEqualTo("CANCELLED");
        }
    }

    private long events(String subscription, String type) {
        return billing.eventsOf(subscription, type);
    }

    /** The subscription's captured charges after the first. */
    private List<JsonNode> renewalCharges(String account) {
        JsonNode charges = json.readTree(api.get("/api/v1/charges?accountId=" + account, admin("studio")).body());
        List<JsonNode> renewals = new ArrayList<>();
        charges.get("data").forEach(charge -> renewals.add(charge));
        return renewals.stream()
                .filter(charge -> "SUCCEEDED".equals(charge.get("status").asString())
                        || charge.get("status").asString().contains("REFUNDED"))
                .skip(1)
                .toList();
    }

    private ApiClient.Response post(String tenant, String path, String body, boolean withIdempotencyKey) {
        Map<String, String> headers = new HashMap<>(admin(tenant));
        if (withIdempotencyKey) {
            headers.put("Idempotency-Key", UUID.randomUUID().toString());
        }
        return api.send("POST", path, body, headers);
    }
}
