package dev.fairbill.billing.webhook;

import static dev.fairbill.billing.webhook.WebhookTestSupport.JSON;
import static dev.fairbill.billing.webhook.WebhookTestSupport.stripeDisputeEvent;
import static dev.fairbill.billing.webhook.WebhookTestSupport.stripeSignature;
import static dev.fairbill.platform.testsupport.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.fairbill.billing.BillingTestClient;
import dev.fairbill.contracts.MoneyAmount;
import dev.fairbill.contracts.billing.RefundChargeRequestedV1;
import dev.fairbill.platform.id.IdPrefix;
import dev.fairbill.platform.id.Ids;
import dev.fairbill.platform.testsupport.IntegrationTest;
import dev.fairbill.platform.testsupport.TestJwts;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;

/**
 * A dispute lost after a partial refund: the processor took back the whole charge, so what we had refunded went to
 * the customer twice. The loss is recorded all the same, the charge is a DOUBLE_PAYOUT, and the lost dispute's
 * consequences run: the account is terminated.
 */
@IntegrationTest
class DoublePayoutIT {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired MeterRegistry meters;
    private WebhookTestSupport webhooks;
    private BillingTestClient billing;

    @BeforeEach
    void client() {
        webhooks = new WebhookTestSupport(port);
        billing = new BillingTestClient(port, jdbc);
    }

    @Test
    void aDisputeLostAfterARefundIsRecordedAsADoublePayoutAndTerminatesTheAccount() {
        String account = webhooks.openCustomer("studio");
        JsonNode charge = webhooks.capturedCharge("studio", account);
        String chargeId = charge.get("id").asString();
        BillingTestClient.request(RefundChargeRequestedV1.TYPE, account, new RefundChargeRequestedV1(
                Ids.generate(IdPrefix.REFUND), chargeId, account, "studio", new MoneyAmount(700, "EUR"),
                "DISSATISFIED"));
        billing.awaitCharge("studio", chargeId, read -> BillingTestClient.amountRefunded(read) == 700);
        double before = meters.counter("fairbill.charges.double.payouts", "tenant", "studio").count();

        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String disputeId = "du_" + UUID.randomUUID();
        String processorChargeId = charge.get("processorChargeId").asString();
        String opened = stripeDisputeEvent("evt_" + UUID.randomUUID(), "charge.dispute.created", disputeId,
                processorChargeId, "needs_response", now);
        assertThat(webhooks.postStripe("studio", opened, stripeSignature("studio", opened, now)).status())
                .isEqualTo(200);
        billing.awaitAccount("studio", account, read -> BillingTestClient.status(read).equals("SUSPENDED"));
        String lost = stripeDisputeEvent("evt_" + UUID.randomUUID(), "charge.dispute.closed", disputeId,
                processorChargeId, "lost", now.plusSeconds(1));
        assertThat(webhooks.postStripe("studio", lost, stripeSignature("studio", lost, now.plusSeconds(1))).status())
                .isEqualTo(200);

        JsonNode doublePaid = billing.awaitCharge("studio", chargeId,
                read -> BillingTestClient.status(read).equals("DOUBLE_PAYOUT"));
        assertThat(doublePaid.get("doublePayout").get("amount").asLong()).isEqualTo(700);
        assertThat(doublePaid.get("amountRefunded").get("amount").asLong()).isEqualTo(700);
        assertThat(doublePaid.get("dispute").get("status").asString()).isEqualTo("LOST");
        billing.awaitAccount("studio", account, read -> BillingTestClient.status(read).equals("TERMINATED"));
        assertThat(meters.counter("fairbill.charges.double.payouts", "tenant", "studio").count())
                .isEqualTo(before + 1);

        String ourDispute = doublePaid.get("dispute").get("id").asString();
        JsonNode evidence = JSON.readTree(webhooks.api().get("/api/v1/disputes/" + ourDispute + "/evidence",
                bearer(TestJwts.readOnly("studio"))).body());
        assertThat(evidence.get("items").findValuesAsString("type")).contains("ChargeDoublePaidOut");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                billing.eventsOf(chargeId, "ChargeDoublePaidOut") == 1);

        // the account's timeline tells the story, the double payout with its excess included
        JsonNode timeline = JSON.readTree(webhooks.api().get("/api/v1/accounts/" + account + "/timeline",
                bearer(TestJwts.readOnly("studio"))).body());
        assertThat(timeline.get("data").findValuesAsString("action")).containsSubsequence("charge.refunded",
                "dispute.opened", "account.hold-placed", "dispute.closed", "charge.double-payout",
                "account.terminated");
        assertThat(timeline.get("data").valueStream()
                .filter(entry -> entry.get("action").asString().equals("charge.double-payout")))
                .singleElement().satisfies(entry -> {
                    assertThat(entry.get("resource").asString()).isEqualTo(chargeId);
                    assertThat(entry.get("detail").asString()).startsWith("700 EUR paid out twice");
                });
        assertThat(webhooks.api().get("/api/v1/accounts/" + account + "/timeline",
                bearer(TestJwts.readOnly("panel"))).status()).as("another tenant's account").isEqualTo(404);
    }
}
