package dev.fairbill.billing.process;

import static dev.fairbill.billing.BillingApi.admin;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.fairbill.billing.BillingApi;
import dev.fairbill.billing.payment.FakeStripe;
import dev.fairbill.billing.process.ProcessorReconciliation.Difference;
import dev.fairbill.platform.testsupport.IntegrationTest;
import tools.jackson.databind.JsonNode;

/**
 * The daily reconciliation compares a Stripe tenant's charges with the PaymentIntents Stripe lists for the last 48
 * hours: each kind of difference is counted and shown by the gauge the alert watches, and a run that finds none sets
 * it back to zero.
 */
@IntegrationTest
class ProcessorReconciliationIT {

    @RegisterExtension
    static final FakeStripe STRIPE = FakeStripe.start();

    @LocalServerPort int port;
    @Autowired ProcessorReconciliation reconciliation;
    @Autowired MeterRegistry meters;
    @Autowired JdbcClient jdbc;
    private BillingApi api;

    @DynamicPropertySource
    static void stripeForImaging(DynamicPropertyRegistry properties) {
        STRIPE.serve("imaging", properties);
    }

    @BeforeEach
    void setUp() {
        api = new BillingApi(port);
        STRIPE.answer("POST", "/v1/payment_intents", 200, "payment_intent_succeeded.json");
    }

    @Test
    void eachDifferenceIsCountedAndARunWithoutAnySetsTheGaugeBackToZero() {
        JsonNode refundedThere = charge();
        JsonNode onlyHere = charge();
        Instant now = Instant.now();
        STRIPE.answerWith("GET", "/v1/payment_intents", 200, list(
                intent(refundedThere, 100),
                intent("pi_3Elsewhere", "ch_0000000000000000000000ELSE", 1000, 0, now),
                intent("pi_3Merchant", null, 500, 0, now)));

        Map<Difference, Long> found = reconciliation.reconcile(now.plus(Duration.ofHours(1))).get("imaging");

        assertThat(found).containsEntry(Difference.CAPTURED_ONLY_AT_PROCESSOR, 1L)
                .containsEntry(Difference.CAPTURED_ONLY_IN_FAIRBILL, 1L)
                .containsEntry(Difference.REFUNDS_DIFFER, 1L)
                .containsEntry(Difference.AMOUNTS_DIFFER, 0L);
        assertThat(gauge(Difference.CAPTURED_ONLY_IN_FAIRBILL)).isEqualTo(1);
        assertThat(gauge(Difference.REFUNDS_DIFFER)).isEqualTo(1);
        var listed = STRIPE.received().getLast();
        assertThat(listed.method()).isEqualTo("GET");
        assertThat(listed.authorization()).isEqualTo("Bearer sk_test_imaging");
        assertThat(listed.form()).containsEntry("created[gte]",
                String.valueOf(now.plus(Duration.ofHours(1)).minus(Duration.ofHours(48)).getEpochSecond()))
                .containsValue("data.latest_charge");
        assertThat(onlyHere.get("processor").asString()).isEqualTo("stripe");

        STRIPE.reset();
        STRIPE.answerWith("GET", "/v1/payment_intents", 200, list(intent(refundedThere, 0), intent(onlyHere, 0)));
        found = reconciliation.reconcile(now.plus(Duration.ofHours(1))).get("imaging");

        assertThat(found.values()).containsOnly(0L);
        assertThat(gauge(Difference.CAPTURED_ONLY_IN_FAIRBILL)).isZero();
        assertThat(gauge(Difference.REFUNDS_DIFFER)).isZero();
    }

    @Test
    void paymentsOfTheLastFifteenMinutesWaitForTheNextRun() {
        charge();
        STRIPE.answerWith("GET", "/v1/payment_intents", 200, list());

        assertThat(reconciliation.reconcile(Instant.now()).get("imaging").values()).containsOnly(0L);
    }

    /** Two replicas fire the daily run: one runs it; every replica's gauge shows what it found. */
    @Test
    void theDailyRunRunsOnceAndEveryReplicaShowsWhatItFound() {
        STRIPE.answerWith("GET", "/v1/payment_intents", 200, list());
        jdbc.sql("DELETE FROM job_runs").update();

        reconciliation.daily();
        reconciliation.daily();
        assertThat(STRIPE.received()).filteredOn(request -> request.method().equals("GET")).hasSize(1);

        // what another replica's run found reaches this replica's gauge
        jdbc.sql("""
                        UPDATE reconciliation_differences SET differences = 3
                         WHERE tenant = 'imaging' AND kind = 'AMOUNTS_DIFFER'""").update();
        reconciliation.refreshGauges();
        assertThat(gauge(Difference.AMOUNTS_DIFFER)).isEqualTo(3);
    }

    private double gauge(Difference kind) {
        return meters.get(ProcessorReconciliation.DIFFERENCES).tags("tenant", "imaging", "kind", kind.name()).gauge()
                .value();
    }

    private JsonNode charge() {
        String account = api.openCustomer("imaging", UUID.randomUUID().toString());
        return BillingApi.created(api.post("/api/v1/charges", """
                {"accountId": "%s", "amount": {"amount": 1000, "currency": "EUR"}, "description": "Prints",
                 "paymentMethod": "pm_card_visa"}""".formatted(account), admin("imaging")));
    }

    private static String intent(JsonNode charge, long refunded) {
        return intent(charge.get("processorChargeId").asString(), charge.get("id").asString(), 1000, refunded,
                Instant.now());
    }

    /** A PaymentIntent with its latest charge expanded, as Stripe lists it. */
    private static String intent(String id, String chargeId, long amount, long refunded, Instant created) {
        String metadata = chargeId == null ? "{}" : "{\"fairbill_charge_id\": \"" + chargeId + "\"}";
        return """
                {"id": "%s", "object": "payment_intent", "amount": %d, "amount_received": %d, "currency": "eur",
                 "status": "succeeded", "created": %d, "livemode": false, "metadata": %s,
                 "latest_charge": {"id": "ch_3%s", "object": "charge", "amount": %d, "amount_refunded": %d,
                  "currency": "eur", "refunded": %b}}""".formatted(id, amount, amount, created.getEpochSecond(),
                metadata, UUID.randomUUID().toString().replace("-", ""), amount, refunded, refunded == amount);
    }

    private static String list(String... intents) {
        return """
                {"object": "list", "url": "/v1/payment_intents", "has_more": false, "data": [%s]}"""
                .formatted(String.join(", ", intents));
    }
}
