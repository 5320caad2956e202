package dev.fairbill.billing.messaging;

import static dev.fairbill.billing.BillingTestClient.amountRefunded;
import static dev.fairbill.billing.BillingTestClient.deadLetter;
import static dev.fairbill.billing.BillingTestClient.request;
import static dev.fairbill.billing.BillingTestClient.status;
import static dev.fairbill.platform.testsupport.KafkaTestMessages.header;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import dev.fairbill.billing.BillingTestClient;
import dev.fairbill.billing.payment.SandboxPaymentProcessor;
import dev.fairbill.contracts.MoneyAmount;
import dev.fairbill.contracts.billing.RefundChargeRequestedV1;
import dev.fairbill.platform.id.IdPrefix;
import dev.fairbill.platform.id.Ids;
import dev.fairbill.platform.money.Money;
import dev.fairbill.platform.testsupport.IntegrationTest;

/**
 * Refund requests the charge refuses, from the real broker: the invariant refunded + lost in dispute ≤ captured
 * (DOMAIN.md, Charges and purchases) holds, the request is parked on the dead-letter topic for an operator and nothing
 * is refunded. Retries are shortened so parking takes a second.
 */
@IntegrationTest
@TestPropertySource(properties = {"fairbill.messaging.retry-initial=50ms", "fairbill.messaging.retry-max=100ms"})
class RefusedRefundRequestIT {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired SandboxPaymentProcessor sandbox;
    private BillingTestClient billing;

    @BeforeEach
    void client() {
        billing = new BillingTestClient(port, jdbc);
    }

    @Test
    void refundAboveTheCapturedAmountIsParkedAndRefundsNothing() { // DOMAIN.md: refunded ≤ captured
        String account = billing.openCustomer("panel");
        var charge = billing.capturedCharge("panel", account, 1000);
        String chargeId = charge.get("id").asString();

        String messageId = request(RefundChargeRequestedV1.TYPE, account, refund(chargeId, account, "panel", 1001));

        var parked = deadLetter(account, RefundChargeRequestedV1.TYPE, messageId);
        assertThat(header(parked, "kafka_dlt-exception-stacktrace")).contains("is still refundable");
        var read = billing.charge("panel", chargeId);
        assertThat(amountRefunded(read)).isZero();
        assertThat(status(read)).isEqualTo("SUCCEEDED");
        assertThat(sandbox.refundsOf(charge.get("processorChargeId").asString())).isEmpty();
        assertThat(billing.inboxRows(messageId)).isZero();
        assertThat(billing.eventsOf(chargeId, "ChargeRefunded")).isZero();
        assertThat(billing.eventsOf(chargeId, "ChargeRefundFailed")).isZero();
    }

    @Test
    void refundAboveWhatIsLeftAfterAnEarlierRefundIsParkedAndRefundsNothingMore() { // DOMAIN.md: refunded ≤ captured
        String account = billing.openCustomer("studio");
        var charge = billing.capturedCharge("studio", account, 1000);
        String chargeId = charge.get("id").asString();
        request(RefundChargeRequestedV1.TYPE, account, refund(chargeId, account, "studio", 600));
        billing.awaitCharge("studio", chargeId, read -> amountRefunded(read) == 600);

        String messageId = request(RefundChargeRequestedV1.TYPE, account, refund(chargeId, account, "studio", 401));

        deadLetter(account, RefundChargeRequestedV1.TYPE, messageId);
        var read = billing.charge("studio", chargeId);
        assertThat(amountRefunded(read)).isEqualTo(600);
        assertThat(status(read)).isEqualTo("PARTIALLY_REFUNDED");
        assertThat(sandbox.refundsOf(charge.get("processorChargeId").asString()))
                .containsExactly(Money.of(600, "EUR"));
        assertThat(billing.inboxRows(messageId)).isZero();
        assertThat(billing.eventsOf(chargeId, "ChargeRefunded")).isEqualTo(1);
    }

    private static RefundChargeRequestedV1 refund(String chargeId, String account, String tenant, long amount) {
        return new RefundChargeRequestedV1(Ids.generate(IdPrefix.REFUND), chargeId, account, tenant,
                new MoneyAmount(amount, "EUR"), "DUPLICATE_CHARGE");
    }
}
