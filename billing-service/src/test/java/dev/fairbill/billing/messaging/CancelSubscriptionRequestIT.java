package dev.fairbill.billing.messaging;

import static dev.fairbill.billing.BillingTestClient.WAIT;
import static dev.fairbill.billing.BillingTestClient.amountRefunded;
import static dev.fairbill.billing.BillingTestClient.awaitFact;
import static dev.fairbill.billing.BillingTestClient.redeliver;
import static dev.fairbill.billing.BillingTestClient.request;
import static dev.fairbill.billing.BillingTestClient.status;
import static dev.fairbill.platform.testsupport.KafkaTestMessages.awaitRecords;
import static dev.fairbill.platform.testsupport.KafkaTestMessages.header;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.fairbill.billing.BillingTestClient;
import dev.fairbill.billing.payment.SandboxPaymentGateway;
import dev.fairbill.contracts.Topics;
import dev.fairbill.contracts.billing.CancelSubscriptionRequestedV1;
import dev.fairbill.contracts.billing.ChargeRefundedV1;
import dev.fairbill.contracts.billing.SubscriptionCancelledV1;
import dev.fairbill.contracts.billing.SubscriptionStartedV1;
import dev.fairbill.platform.testsupport.IntegrationTest;

/**
 * A saga's request to cancel a subscription immediately, from the real broker: it ends the subscription now, refunds
 * nothing (final-sale-duplicates-refunded §1.3, final-sale-reseller §10: a cancellation never creates a refund by
 * itself) and is applied once however
 * often it is delivered.
 */
@IntegrationTest
class CancelSubscriptionRequestIT {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired SandboxPaymentGateway sandbox;
    private BillingTestClient billing;

    @BeforeEach
    void client() {
        billing = new BillingTestClient(port, jdbc);
    }

    @Test
    void cancelRequestEndsTheSubscriptionNowRefundsNothingAndIsAppliedOnce() { // final-sale-duplicates-refunded §1.3
        String account = billing.openCustomer("smm");
        StartedSubscription cancelled = startedSubscription("smm", account);
        StartedSubscription marker = startedSubscription("smm", account);
        var cancel = new CancelSubscriptionRequestedV1(cancelled.id(), "smm", "REFUND_APPROVED");

        String messageId = request(CancelSubscriptionRequestedV1.TYPE, account, cancel);
        redeliver(messageId, CancelSubscriptionRequestedV1.TYPE, account, cancel);
        // a later request on the same partition: once it is applied, both copies before it have been handled
        request(CancelSubscriptionRequestedV1.TYPE, account,
                new CancelSubscriptionRequestedV1(marker.id(), "smm", "REFUND_APPROVED"));

        billing.awaitSubscription("smm", marker.id(), read -> status(read).equals("CANCELLED"));
        assertThat(status(billing.subscription("smm", cancelled.id()))).isEqualTo("CANCELLED");
        var fact = awaitFact(account, SubscriptionCancelledV1.TYPE, SubscriptionCancelledV1.class,
                published -> published.subscriptionId().equals(cancelled.id()));
        assertThat(fact.mode()).isEqualTo("IMMEDIATE");
        assertThat(fact.reason()).isEqualTo("REFUND_APPROVED");
        assertThat(fact.refundRequested()).isFalse();
        assertThat(billing.inboxRows(messageId)).isEqualTo(1);
        assertThat(billing.eventsOf(cancelled.id(), "SubscriptionCancelled")).isEqualTo(1);

        var charge = billing.charge("smm", cancelled.chargeId());
        assertThat(amountRefunded(charge)).isZero();
        assertThat(status(charge)).isEqualTo("SUCCEEDED");
        assertThat(sandbox.refundsOf(charge.get("processorChargeId").asString())).isEmpty();
        assertThat(billing.eventsOf(cancelled.chargeId(), "ChargeRefunded")).isZero();
        // every fact about the account up to the marker's cancellation, in order: no refund among them
        var types = awaitRecords(Topics.BILLING_EVENTS, account, null, 7, WAIT).stream()
                .map(record -> header(record, "ce_type")).toList();
        assertThat(types).filteredOn(SubscriptionCancelledV1.TYPE::equals).hasSize(2);
        assertThat(types).doesNotContain(ChargeRefundedV1.TYPE);
    }

    @Test
    void cancelRequestForAnotherTenantsSubscriptionLeavesItAsItIs() {
        String account = billing.openCustomer("chat");
        StartedSubscription subscription = startedSubscription("chat", account);
        StartedSubscription marker = startedSubscription("chat", account);

        String foreign = request(CancelSubscriptionRequestedV1.TYPE, account,
                new CancelSubscriptionRequestedV1(subscription.id(), "panel", "REFUND_APPROVED"));
        request(CancelSubscriptionRequestedV1.TYPE, account,
                new CancelSubscriptionRequestedV1(marker.id(), "chat", "REFUND_APPROVED"));

        billing.awaitSubscription("chat", marker.id(), read -> status(read).equals("CANCELLED"));
        assertThat(billing.inboxRows(foreign)).isEqualTo(1);
        assertThat(status(billing.subscription("chat", subscription.id()))).isEqualTo("ACTIVE");
        assertThat(billing.eventsOf(subscription.id(), "SubscriptionCancelled")).isZero();
    }

    private StartedSubscription startedSubscription(String tenant, String account) {
        String id = billing.subscribe(tenant, account, "monthly").get("id").asString();
        var started = awaitFact(account, SubscriptionStartedV1.TYPE, SubscriptionStartedV1.class,
                fact -> fact.subscriptionId().equals(id));
        return new StartedSubscription(id, started.chargeId());
    }

    private record StartedSubscription(String id, String chargeId) {
    }
}
