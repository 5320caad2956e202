package dev.fairbill.billing.messaging;

import static dev.fairbill.platform.testsupport.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.fairbill.billing.payment.SandboxPaymentProcessor;
import dev.fairbill.contracts.MoneyAmount;
import dev.fairbill.contracts.billing.ChargeRefundFailedV1;
import dev.fairbill.contracts.billing.ChargeRefundedV1;
import dev.fairbill.contracts.billing.RefundChargeRequestedV1;
import dev.fairbill.platform.id.IdPrefix;
import dev.fairbill.platform.id.Ids;
import dev.fairbill.platform.money.Money;
import dev.fairbill.platform.testsupport.ApiClient;
import dev.fairbill.platform.testsupport.IntegrationTest;
import dev.fairbill.platform.testsupport.TestJwts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The refund saga's refund requests, from the real broker: a redelivered request is paid once (DOMAIN.md saga 2). */
@IntegrationTest
class RefundChargeRequestIT {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired SandboxPaymentProcessor sandbox;
    private final JsonMapper json = JsonMapper.builder().build();
    private ApiClient api;
    private ChargeKafka kafka;

    @BeforeEach
    void setUp() {
        api = new ApiClient("http://localhost:" + port);
        kafka = new ChargeKafka();
    }

    @AfterEach
    void tearDown() {
        kafka.close();
    }

    @Test
    void redeliveredRefundRequestIsPaidOnce() throws Exception {
        String account = openAccount();
        JsonNode charge = charge(account, "pm_card_ok");
        String chargeId = charge.get("id").asString();
        String refundId = Ids.generate(IdPrefix.REFUND);
        var request = new RefundChargeRequestedV1(refundId, chargeId, account, "studio",
                new MoneyAmount(400, "EUR"), "DUPLICATE_CHARGE");
        String messageId = UUID.randomUUID().toString();

        kafka.request(messageId, RefundChargeRequestedV1.TYPE, account, request);
        kafka.request(messageId, RefundChargeRequestedV1.TYPE, account, request);
        kafka.request(UUID.randomUUID().toString(), RefundChargeRequestedV1.TYPE, account, request);
        // a later request on the same partition: once it is applied, every copy before it has been handled
        kafka.request(UUID.randomUUID().toString(), RefundChargeRequestedV1.TYPE, account,
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

        ChargeRefundedV1 published = kafka.awaitPublished(ChargeRefundedV1.TYPE, ChargeRefundedV1.class,
                fact -> fact.refundId().equals(refundId));
        assertThat(published.amount()).isEqualTo(new MoneyAmount(400, "EUR"));
        assertThat(published.amountRefunded()).isEqualTo(new MoneyAmount(400, "EUR"));
    }

    @Test
    void refundTheProcessorRefusesIsReportedAndRefundsNothing() throws Exception {
        String account = openAccount();
        String chargeId = charge(account, "pm_card_refund_fails").get("id").asString();
        String refundId = Ids.generate(IdPrefix.REFUND);

        kafka.request(UUID.randomUUID().toString(), RefundChargeRequestedV1.TYPE, account,
                new RefundChargeRequestedV1(refundId, chargeId, account, "studio", new MoneyAmount(1000, "EUR"),
                        "DUPLICATE_CHARGE"));

        ChargeRefundFailedV1 failed = kafka.awaitPublished(ChargeRefundFailedV1.TYPE, ChargeRefundFailedV1.class,
                fact -> fact.refundId().equals(refundId));
        assertThat(failed.failureCode()).isEqualTo("refund_failed");
        JsonNode charge = read(chargeId);
        assertThat(charge.get("amountRefunded").get("amount").asLong()).isZero();
        assertThat(charge.get("status").asString()).isEqualTo("SUCCEEDED");
    }

    private JsonNode charge(String account, String paymentMethod) {
        var created = api.post("/api/v1/charges", """
                {"accountId": "%s", "amount": {"amount": 1000, "currency": "EUR"}, "description": "Monthly",
                 "paymentMethod": "%s"}""".formatted(account, paymentMethod), bearer(TestJwts.admin("studio")));
        assertThat(created.status()).isEqualTo(201);
        return json.readTree(created.body());
    }

    private JsonNode read(String chargeId) {
        return json.readTree(api.get("/api/v1/charges/" + chargeId, bearer(TestJwts.admin("studio"))).body());
    }

    private String openAccount() {
        return json.readTree(api.post("/api/v1/accounts", """
                {"externalRef": "refund-it", "role": "CUSTOMER"}""", bearer(TestJwts.admin("studio"))).body())
                .get("id").asString();
    }
}
