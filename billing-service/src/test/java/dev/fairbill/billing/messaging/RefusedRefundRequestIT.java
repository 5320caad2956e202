package dev.fairbill.billing.messaging;

import static dev.fairbill.billing.BillingTestClient.amountRefunded;
import static dev.fairbill.billing.BillingTestClient.awaitFact;
import static dev.fairbill.billing.BillingTestClient.request;
import static dev.fairbill.billing.BillingTestClient.status;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.fairbill.billing.BillingTestClient;
import dev.fairbill.billing.payment.SandboxPaymentGateway;
import dev.fairbill.contracts.MoneyAmount;
import dev.fairbill.contracts.Topics;
import dev.fairbill.contracts.billing.ChargeRefundFailedV1;
import dev.fairbill.contracts.billing.RefundChargeRequestedV1;
import dev.fairbill.platform.id.IdPrefix;
import dev.fairbill.platform.id.Ids;
import dev.fairbill.platform.money.Money;
import dev.fairbill.platform.testsupport.IntegrationTest;
import dev.fairbill.platform.testsupport.KafkaTestMessages;

/**
 * Refund requests the charge refuses, from the real broker: the invariant refunded + lost in dispute ≤ captured
 * holds, nothing is refunded, and the requester is answered with
 * {@code charge-refund-failed.v1} naming the rule instead of the request being dead-lettered (ADR 0007).
 */
@IntegrationTest
class RefusedRefundRequestIT {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired SandboxPaymentGateway sandbox;
    private BillingTestClient billing;

    @BeforeEach
    void client() {
        billing = new BillingTestClient(port, jdbc);
    }

    @Test
    void refundAboveTheCapturedAmountIsAnsweredAndRefundsNothing() { // refunded ≤ captured
        String account = billing.openCustomer("panel");
        var charge = billing.capturedCharge("panel", account, 1000);
        String chargeId = charge.get("id").asString();
        var request = refund(chargeId, account, "panel", 1001);

        String messageId = request(RefundChargeRequestedV1.TYPE, account, request);

        var failed = awaitFact(account, ChargeRefundFailedV1.TYPE, ChargeRefundFailedV1.class,
                fact -> fact.refundId().equals(request.refundId()));
        assertThat(failed.failureCode()).isEqualTo("exceeds-refundable");
        assertThat(failed.amount()).isEqualTo(new MoneyAmount(1001, "EUR"));
        var read = billing.charge("panel", chargeId);
        assertThat(amountRefunded(read)).isZero();
        assertThat(status(read)).isEqualTo("SUCCEEDED");
        assertThat(sandbox.refundsOf(charge.get("processorChargeId").asString())).isEmpty();
        assertThat(billing.inboxRows(messageId)).isEqualTo(1);
        assertThat(billing.eventsOf(chargeId, "ChargeRefunded")).isZero();
        assertThat(deadLettered(account, messageId)).isFalse();
    }

    @Test
    void refundAboveWhatIsLeftAfterAnEarlierRefundIsAnsweredAndRefundsNothingMore() { // refunded ≤ captured
        String account = billing.openCustomer("studio");
        var charge = billing.capturedCharge("studio", account, 1000);
        String chargeId = charge.get("id").asString();
        request(RefundChargeRequestedV1.TYPE, account, refund(chargeId, account, "studio", 600));
        billing.awaitCharge("studio", chargeId, read -> amountRefunded(read) == 600);
        var request = refund(chargeId, account, "studio", 401);

        String messageId = request(RefundChargeRequestedV1.TYPE, account, request);

        var failed = awaitFact(account, ChargeRefundFailedV1.TYPE, ChargeRefundFailedV1.class,
                fact -> fact.refundId().equals(request.refundId()));
        assertThat(failed.failureCode()).isEqualTo("exceeds-refundable");
        var read = billing.charge("studio", chargeId);
        assertThat(amountRefunded(read)).isEqualTo(600);
        assertThat(status(read)).isEqualTo("PARTIALLY_REFUNDED");
        assertThat(sandbox.refundsOf(charge.get("processorChargeId").asString()))
                .containsExactly(Money.of(600, "EUR"));
        assertThat(billing.inboxRows(messageId)).isEqualTo(1);
        assertThat(billing.eventsOf(chargeId, "ChargeRefunded")).isEqualTo(1);
        assertThat(deadLettered(account, messageId)).isFalse();
    }

    /** Whether the request was parked on the dead-letter topic; asked once its answer is out, so it was handled. */
    private static boolean deadLettered(String account, String messageId) {
        try {
            return KafkaTestMessages.awaitRecords(Topics.deadLetterTopic(Topics.BILLING_REQUESTS), account,
                            RefundChargeRequestedV1.TYPE, 1, Duration.ofSeconds(2)).stream()
                    .anyMatch(record -> messageId.equals(KafkaTestMessages.header(record, "ce_id")));
        } catch (ConditionTimeoutException nothingParked) {
            return false;
        }
    }

    private static RefundChargeRequestedV1 refund(String chargeId, String account, String tenant, long amount) {
        return new RefundChargeRequestedV1(Ids.generate(IdPrefix.REFUND), chargeId, account, tenant,
                new MoneyAmount(amount, "EUR"), "DUPLICATE_CHARGE");
    }
}
