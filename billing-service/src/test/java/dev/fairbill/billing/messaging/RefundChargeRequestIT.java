package dev.fairbill.billing.messaging;

import static dev.fairbill.billing.BillingApi.admin;
import static dev.fairbill.platform.testsupport.KafkaTestMessages.awaitRecord;
import static dev.fairbill.platform.testsupport.KafkaTestMessages.data;
import static dev.fairbill.platform.testsupport.KafkaTestMessages.sendCloudEvent;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.fairbill.billing.BillingApi;
import dev.fairbill.billing.payment.SandboxPaymentGateway;
import dev.fairbill.contracts.MoneyAmount;
import dev.fairbill.contracts.Topics;
import dev.fairbill.contracts.billing.ChargeRefundFailedV1;
import dev.fairbill.contracts.billing.ChargeRefundedV1;
import dev.fairbill.contracts.billing.RefundChargeRequestedV1;
import dev.fairbill.platform.id.IdPrefix;
import dev.fairbill.platform.id.Ids;
import dev.fairbill.platform.money.Money;
import dev.fairbill.platform.testsupport.IntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The refund saga's refund requests, from the real broker: a redelivered request is paid once (saga 2). */
@IntegrationTest
class RefundChargeRequestIT {

    private static final Duration KAFKA_WAIT = Duration.ofSeconds(30);

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired SandboxPaymentGateway sandbox;
    private final JsonMapper json = JsonMapper.builder().build();
    private BillingApi api;

    @BeforeEach
    void setUp() {
        api = new BillingApi(port);
    }

    @Test
    void redeliveredRefundRequestIsPaidOnce() {
        String account = openAccount();
        JsonNode charge = charge(account, "pm_card_ok");
        String chargeId = charge.get("id").asString();
        String refundId = Ids.generate(IdPrefix.REFUND);
        var request = new RefundChargeRequestedV1(refundId, chargeId, account, "studio",
                new MoneyAmount(400, "EUR"), "DUPLICATE_CHARGE");
        String messageId = UUID.randomUUID().toString();

        request(messageId, request);
        request(messageId, request);
        request(UUID.randomUUID().toString(), request);
        // a later request on the same partition: once it is applied, every copy before it has been handled
        request(UUID.randomUUID().toString(),
                new RefundChargeRequestedV1(Ids.generate(IdPrefix.REFUND), chargeId, account, "studio",
                        new MoneyAmount(100, "EUR"), "DUPLICATE_CHARGE"));

        JsonNode refunded = Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> read(chargeId), read -> read.get("amountRefunded").get("amount").asLong() >= 500);
        assertThat(refunded.get("amountRefunded").get("amount").asLong()).isEqualTo(500);
        assertThat(refunded.get("status").asString()).isEqualTo("PARTIALLY_REFUNDED");
        assertThat(sandbox.refundsOf(charge.get("processorChargeId").asString()))
                .containsExactly(Money.of(400, "EUR"), Money.of(100, "EUR"));
        assertThat(jdbc.sql("SELECT count(*) FROM inbox WHERE message_id = ?").param(messageId)
                .query(Long.class).single()).isEqualTo(1);

        // the account's first refund, ahead of the later one on the same partition
        ChargeRefundedV1 published = data(awaitRecord(Topics.BILLING_EVENTS, account, ChargeRefundedV1.TYPE,
                KAFKA_WAIT), ChargeRefundedV1.class);
        assertThat(published.refundId()).isEqualTo(refundId);
        assertThat(published.amount()).isEqualTo(new MoneyAmount(400, "EUR"));
        assertThat(published.amountRefunded()).isEqualTo(new MoneyAmount(400, "EUR"));
    }

    @Test
    void refundTheProcessorRefusesIsReportedAndRefundsNothing() {
        String account = openAccount();
        String chargeId = charge(account, "pm_card_refund_fails").get("id").asString();
        String refundId = Ids.generate(IdPrefix.REFUND);

        request(UUID.randomUUID().toString(),
                new RefundChargeRequestedV1(refundId, chargeId, account, "studio", new MoneyAmount(1000, "EUR"),
                        "DUPLICATE_CHARGE"));

        // the account's only refund
        ChargeRefundFailedV1 failed = data(awaitRecord(Topics.BILLING_EVENTS, account, ChargeRefundFailedV1.TYPE,
                KAFKA_WAIT), ChargeRefundFailedV1.class);
        assertThat(failed.refundId()).isEqualTo(refundId);
        assertThat(failed.failureCode()).isEqualTo("refund_failed");
        JsonNode charge = read(chargeId);
        assertThat(charge.get("amountRefunded").get("amount").asLong()).isZero();
        assertThat(charge.get("status").asString()).isEqualTo("SUCCEEDED");
    }

    /** Sends a refund request to billing as the refund saga does, keyed by the account. */
    private static void request(String messageId, RefundChargeRequestedV1 request) {
        sendCloudEvent(Topics.BILLING_REQUESTS, messageId, RefundChargeRequestedV1.TYPE, request.accountId(), request);
    }

    private JsonNode charge(String account, String paymentMethod) {
        var created = api.post("/api/v1/charges", """
                {"accountId": "%s", "amount": {"amount": 1000, "currency": "EUR"}, "description": "Monthly",
                 "paymentMethod": "%s"}""".formatted(account, paymentMethod), admin("studio"));
        assertThat(created.status()).isEqualTo(201);
        return json.readTree(created.body());
    }

    private JsonNode read(String chargeId) {
        return json.readTree(api.get("/api/v1/charges/" + chargeId, admin("studio")).body());
    }

    private String openAccount() {
        return api.openCustomer("studio", "refund-it");
    }
}
