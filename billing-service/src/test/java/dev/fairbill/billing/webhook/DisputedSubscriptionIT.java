package dev.fairbill.billing.webhook;

import static dev.fairbill.billing.BillingTestClient.amountRefunded;
import static dev.fairbill.billing.BillingTestClient.awaitFact;
import static dev.fairbill.billing.BillingTestClient.holds;
import static dev.fairbill.billing.BillingTestClient.request;
import static dev.fairbill.billing.BillingTestClient.status;
import static dev.fairbill.billing.webhook.WebhookTestSupport.stripeDisputeEvent;
import static dev.fairbill.billing.webhook.WebhookTestSupport.stripeSignature;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import dev.fairbill.billing.BillingTestClient;
import dev.fairbill.billing.dispute.Dispute;
import dev.fairbill.billing.payment.SandboxPaymentGateway;
import dev.fairbill.contracts.MoneyAmount;
import dev.fairbill.contracts.billing.ChargeRefundFailedV1;
import dev.fairbill.contracts.billing.RefundChargeRequestedV1;
import dev.fairbill.contracts.billing.SubscriptionReinstatedV1;
import dev.fairbill.contracts.billing.SubscriptionStartedV1;
import dev.fairbill.contracts.billing.SubscriptionSuspendedV1;
import dev.fairbill.contracts.billing.SubscriptionTerminatedV1;
import dev.fairbill.platform.id.IdPrefix;
import dev.fairbill.platform.id.Ids;
import dev.fairbill.platform.testsupport.IntegrationTest;

/**
 * Saga 3 reaching a subscription, on real PostgreSQL and the embedded broker: a signed Stripe dispute on the
 * charge that paid a subscription suspends the subscription (final-sale-reseller §9, final-sale-duplicates-refunded
 * §7), the disputed charge refuses a
 * refund request (answered with {@code charge-refund-failed.v1}, ADR 0007), a won dispute reinstates the subscription
 * and a lost one terminates it.
 */
@IntegrationTest
@TestPropertySource(properties = "fairbill.webhook-processing.poll-interval=100ms")
class DisputedSubscriptionIT {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired SandboxPaymentGateway sandbox;
    private BillingTestClient billing;
    private WebhookTestSupport webhooks;

    @BeforeEach
    void client() {
        billing = new BillingTestClient(port, jdbc);
        webhooks = new WebhookTestSupport(port);
    }

    @Test
    // final-sale-reseller §9, final-sale-duplicates-refunded §7
    void disputeSuspendsTheSubscriptionItsChargeRefusesRefundsAndAWonCloseReinstatesIt() {
        String account = billing.openCustomer("panel");
        String subscription = billing.subscribe("panel", account, "monthly").get("id").asString();
        String chargeId = awaitFact(account, SubscriptionStartedV1.TYPE, SubscriptionStartedV1.class,
                started -> started.subscriptionId().equals(subscription)).chargeId();
        String processorChargeId = billing.charge("panel", chargeId).get("processorChargeId").asString();
        String stripeDispute = "du_" + UUID.randomUUID();
        String disputeId = Dispute.idFor("panel", "stripe", stripeDispute).value();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String opened = stripeDisputeEvent("evt_" + UUID.randomUUID(), "charge.dispute.created", stripeDispute,
                processorChargeId, "needs_response", now);

        assertThat(webhooks.postStripe("panel", opened, stripeSignature("panel", opened, now)).status())
                .isEqualTo(200);

        var suspended = billing.awaitSubscription("panel", subscription, read -> status(read).equals("SUSPENDED"));
        assertThat(holds(suspended)).containsExactly("DISPUTE:" + disputeId);
        var suspendedFact = awaitFact(account, SubscriptionSuspendedV1.TYPE, SubscriptionSuspendedV1.class,
                fact -> fact.subscriptionId().equals(subscription));
        assertThat(suspendedFact.reason()).isEqualTo("DISPUTE");
        assertThat(suspendedFact.reference()).isEqualTo(disputeId);
        billing.awaitCharge("panel", chargeId, charge -> !charge.get("dispute").isNull());

        // a charge under dispute is not refunded
        String refundId = Ids.generate(IdPrefix.REFUND);
        request(RefundChargeRequestedV1.TYPE, account, new RefundChargeRequestedV1(refundId, chargeId, account,
                "panel", new MoneyAmount(100, "EUR"), "DUPLICATE_CHARGE"));

        var refused = awaitFact(account, ChargeRefundFailedV1.TYPE, ChargeRefundFailedV1.class,
                fact -> fact.refundId().equals(refundId));
        assertThat(refused.failureCode()).isEqualTo("charge-disputed");
        assertThat(amountRefunded(billing.charge("panel", chargeId))).isZero();
        assertThat(sandbox.refundsOf(processorChargeId)).isEmpty();

        String closed = stripeDisputeEvent("evt_" + UUID.randomUUID(), "charge.dispute.closed", stripeDispute,
                processorChargeId, "won", now.plusSeconds(1));
        assertThat(webhooks.postStripe("panel", closed, stripeSignature("panel", closed, now)).status())
                .isEqualTo(200);

        var reinstated = billing.awaitSubscription("panel", subscription, read -> status(read).equals("ACTIVE"));
        assertThat(holds(reinstated)).isEmpty();
        assertThat(awaitFact(account, SubscriptionReinstatedV1.TYPE, SubscriptionReinstatedV1.class,
                fact -> fact.subscriptionId().equals(subscription)).status()).isEqualTo("ACTIVE");
        assertThat(status(billing.account("panel", account))).isEqualTo("ACTIVE");
    }

    @Test
    void lostDisputeTerminatesTheSubscription() { // a lost dispute terminates; final-sale-reseller §9
        String account = billing.openCustomer("studio");
        String subscription = billing.subscribe("studio", account, "monthly").get("id").asString();
        String chargeId = awaitFact(account, SubscriptionStartedV1.TYPE, SubscriptionStartedV1.class,
                started -> started.subscriptionId().equals(subscription)).chargeId();
        String processorChargeId = billing.charge("studio", chargeId).get("processorChargeId").asString();
        String stripeDispute = "du_" + UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String opened = stripeDisputeEvent("evt_" + UUID.randomUUID(), "charge.dispute.created", stripeDispute,
                processorChargeId, "needs_response", now);
        assertThat(webhooks.postStripe("studio", opened, stripeSignature("studio", opened, now)).status())
                .isEqualTo(200);
        billing.awaitSubscription("studio", subscription, read -> status(read).equals("SUSPENDED"));

        String lost = stripeDisputeEvent("evt_" + UUID.randomUUID(), "charge.dispute.closed", stripeDispute,
                processorChargeId, "lost", now.plusSeconds(1));
        assertThat(webhooks.postStripe("studio", lost, stripeSignature("studio", lost, now)).status())
                .isEqualTo(200);

        billing.awaitSubscription("studio", subscription, read -> status(read).equals("TERMINATED"));
        var terminated = awaitFact(account, SubscriptionTerminatedV1.TYPE, SubscriptionTerminatedV1.class,
                fact -> fact.subscriptionId().equals(subscription));
        assertThat(terminated.reason()).isEqualTo("DISPUTE");
        assertThat(terminated.reference()).isEqualTo(Dispute.idFor("studio", "stripe", stripeDispute).value());
        assertThat(status(billing.account("studio", account))).isEqualTo("TERMINATED");
    }
}
