package dev.fairbill.billing.webhook;

import static dev.fairbill.billing.webhook.WebhookTestSupport.stripeDisputeEvent;
import static dev.fairbill.billing.webhook.WebhookTestSupport.stripeSignature;
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
import org.springframework.test.context.TestPropertySource;

import dev.fairbill.billing.BillingTestClient;
import dev.fairbill.contracts.MoneyAmount;
import dev.fairbill.contracts.billing.ChargeRefundFailedV1;
import dev.fairbill.contracts.billing.RefundChargeRequestedV1;
import dev.fairbill.platform.id.IdPrefix;
import dev.fairbill.platform.id.Ids;
import dev.fairbill.platform.testsupport.IntegrationTest;
import dev.fairbill.platform.testsupport.ParallelCalls;
import tools.jackson.databind.JsonNode;

/**
 * A dispute webhook racing the refund saga's refund of the same charge: the money goes back once at most. Refunded
 * first, the dispute is still recorded (and contested with the refund); disputed first, the refund is refused as
 * {@code charge-disputed}. Never both paid out and refused, never more than captured.
 */
@IntegrationTest
@TestPropertySource(properties = "fairbill.billing.sandbox.latency=0ms")
class DisputeRacesRefundIT {

    private static final int RACES = 6;

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    private WebhookTestSupport webhooks;
    private BillingTestClient billing;

    @BeforeEach
    void client() {
        webhooks = new WebhookTestSupport(port);
        billing = new BillingTestClient(port, jdbc);
    }

    @Test
    void aDisputeRacingARefundOfTheSameChargeMovesTheMoneyOnce() {
        for (int race = 0; race < RACES; race++) {
            String account = webhooks.openCustomer("studio");
            JsonNode charge = webhooks.capturedCharge("studio", account);
            String chargeId = charge.get("id").asString();
            String refundId = Ids.generate(IdPrefix.REFUND);
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            String dispute = stripeDisputeEvent("evt_" + UUID.randomUUID(), "charge.dispute.created",
                    "du_" + UUID.randomUUID(), charge.get("processorChargeId").asString(), "needs_response", now);

            ParallelCalls.run(2, i -> i == 0
                    ? webhooks.postStripe("studio", dispute, stripeSignature("studio", dispute, now)).status()
                    : BillingTestClient.request(RefundChargeRequestedV1.TYPE, account, new RefundChargeRequestedV1(
                            refundId, chargeId, account, "studio", new MoneyAmount(1000, "EUR"), "DUPLICATE_CHARGE")));

            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                    events(chargeId, "ChargeDisputeRecorded") == 1
                            && events(chargeId, "ChargeRefunded") + events(chargeId, "ChargeRefundFailed") == 1);
            JsonNode settled = billing.charge("studio", chargeId);
            if (events(chargeId, "ChargeRefunded") == 1) {
                assertThat(BillingTestClient.amountRefunded(settled)).isEqualTo(1000);
            } else {
                assertThat(BillingTestClient.amountRefunded(settled)).isZero();
                assertThat(BillingTestClient.awaitFact(account, ChargeRefundFailedV1.TYPE, ChargeRefundFailedV1.class,
                        failed -> failed.refundId().equals(refundId)).failureCode()).isEqualTo("charge-disputed");
            }
            assertThat(settled.get("dispute").get("status").asString()).isEqualTo("OPEN");
        }
    }

    /** Disputed first: the refund that comes after is refused while the dispute is open, and nothing is paid. */
    @Test
    void aRefundOfAChargeWithAnOpenDisputeIsRefused() {
        String account = webhooks.openCustomer("studio");
        JsonNode charge = webhooks.capturedCharge("studio", account);
        String chargeId = charge.get("id").asString();
        dispute(charge);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> events(chargeId, "ChargeDisputeRecorded") == 1);

        String refundId = refund(account, chargeId);

        assertThat(BillingTestClient.awaitFact(account, ChargeRefundFailedV1.TYPE, ChargeRefundFailedV1.class,
                failed -> failed.refundId().equals(refundId)).failureCode()).isEqualTo("charge-disputed");
        assertThat(events(chargeId, "ChargeRefunded")).isZero();
        assertThat(BillingTestClient.amountRefunded(billing.charge("studio", chargeId))).isZero();
    }

    /** Refunded first: a dispute that opens afterwards is recorded, and the money is not paid out again. */
    @Test
    void aDisputeOfARefundedChargeIsRecordedAndPaysNothingMore() {
        String account = webhooks.openCustomer("studio");
        JsonNode charge = webhooks.capturedCharge("studio", account);
        String chargeId = charge.get("id").asString();
        refund(account, chargeId);
        billing.awaitCharge("studio", chargeId, read -> BillingTestClient.amountRefunded(read) == 1000);

        dispute(charge);

        JsonNode disputed = billing.awaitCharge("studio", chargeId, read -> !read.get("dispute").isNull());
        assertThat(disputed.get("dispute").get("status").asString()).isEqualTo("OPEN");
        assertThat(BillingTestClient.amountRefunded(disputed)).isEqualTo(1000);
        assertThat(events(chargeId, "ChargeRefunded")).isEqualTo(1);
    }

    private void dispute(JsonNode charge) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String dispute = stripeDisputeEvent("evt_" + UUID.randomUUID(), "charge.dispute.created",
                "du_" + UUID.randomUUID(), charge.get("processorChargeId").asString(), "needs_response", now);
        assertThat(webhooks.postStripe("studio", dispute, stripeSignature("studio", dispute, now)).status())
                .isEqualTo(200);
    }

    private static String refund(String account, String chargeId) {
        String refundId = Ids.generate(IdPrefix.REFUND);
        BillingTestClient.request(RefundChargeRequestedV1.TYPE, account, new RefundChargeRequestedV1(refundId,
                chargeId, account, "studio", new MoneyAmount(1000, "EUR"), "DUPLICATE_CHARGE"));
        return refundId;
    }

    private long events(String chargeId, String type) {
        return billing.eventsOf(chargeId, type);
    }
}
