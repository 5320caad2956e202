package dev.fairbill.billing.web;

import static dev.fairbill.billing.BillingApi.admin;
import static dev.fairbill.platform.testsupport.KafkaTestMessages.awaitRecord;
import static dev.fairbill.platform.testsupport.KafkaTestMessages.awaitRecords;
import static dev.fairbill.platform.testsupport.KafkaTestMessages.data;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.fairbill.billing.BillingApi;
import dev.fairbill.contracts.Topics;
import dev.fairbill.contracts.billing.PurchaseFulfilmentChangedV1;
import dev.fairbill.contracts.billing.PurchasePaidV1;
import dev.fairbill.contracts.billing.RefillFulfilmentChangedV1;
import dev.fairbill.contracts.refund.RefillRequestedV1;
import dev.fairbill.platform.id.IdPrefix;
import dev.fairbill.platform.id.Ids;
import dev.fairbill.platform.testsupport.ApiClient;
import dev.fairbill.platform.testsupport.IntegrationTest;
import dev.fairbill.platform.testsupport.KafkaTestMessages;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The purchases API: credit packs and delivery orders (refill-or-refund), charged at once, fulfilment reported. */
@IntegrationTest
class PurchaseApiIT {

    private static final Duration KAFKA_WAIT = Duration.ofSeconds(30);

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();
    private BillingApi api;

    @BeforeEach
    void client() {
        api = new BillingApi(port);
    }

    @Test
    void creditPackIsChargedAtOnceAndItsCreditsArePublished() {
        // final-sale-reseller §5, final-sale-duplicates-refunded §3.2: a paid credit pack grants 500 PURCHASED credits
        String account = openAccount("panel");

        var created = api.post("/api/v1/purchases", purchase(account, "credits-500", "pm_card_ok"), admin("panel"));

        assertThat(created.status()).isEqualTo(201);
        JsonNode purchase = json.readTree(created.body());
        String id = purchase.get("id").asString();
        assertThat(id).startsWith("pur_");
        assertThat(purchase.get("productId").asString()).isEqualTo("credits-500");
        assertThat(purchase.get("chargeId").asString()).startsWith("ch_");
        JsonNode paid = awaitStatus(id, "panel", "PAID");
        assertThat(paid.get("fulfilment").get("status").asString()).isEqualTo("COMPLETED");

        JsonNode charge = json.readTree(api.get("/api/v1/charges/" + purchase.get("chargeId").asString(),
                admin("panel")).body());
        assertThat(charge.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(charge.get("amount").get("amount").asLong()).isEqualTo(2500);

        // the account's only purchase
        PurchasePaidV1 published = data(awaitRecord(Topics.BILLING_EVENTS, account, PurchasePaidV1.TYPE,
                KAFKA_WAIT), PurchasePaidV1.class);
        assertThat(published.purchaseId()).isEqualTo(id);
        assertThat(published.credits()).isEqualTo(500);
        assertThat(published.kind()).isEqualTo("CREDIT_PACK");
        assertThat(published.accountId()).isEqualTo(account);
    }

    @Test
    void deliveryOrderReportsFulfilmentUntilCompleted() {
        String account = openAccount("smm");
        String id = json.readTree(api.post("/api/v1/purchases", purchase(account, "followers-2000", "pm_card_ok"),
                admin("smm")).body()).get("id").asString();
        JsonNode paid = awaitStatus(id, "smm", "PAID");
        assertThat(paid.get("fulfilment").get("status").asString()).isEqualTo("NOT_STARTED");
        assertThat(paid.get("fulfilment").get("ordered").asLong()).isEqualTo(2000);

        var progress = api.post("/api/v1/purchases/" + id + "/fulfilment", """
                {"status": "IN_PROGRESS", "delivered": 800}""", admin("smm"));
        assertThat(progress.status()).isEqualTo(200);
        JsonNode inProgress = json.readTree(progress.body()).get("fulfilment");
        assertThat(inProgress.get("status").asString()).isEqualTo("IN_PROGRESS");
        assertThat(inProgress.get("delivered").asLong()).isEqualTo(800);

        var completed = api.post("/api/v1/purchases/" + id + "/fulfilment", """
                {"status": "COMPLETED", "delivered": 2000, "currentCount": 1990}""", admin("smm"));
        JsonNode fulfilment = json.readTree(completed.body()).get("fulfilment");
        assertThat(fulfilment.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(fulfilment.get("currentCount").asLong()).isEqualTo(1990);
        assertThat(fulfilment.get("completedAt").isNull()).isFalse();

        var afterPartial = api.post("/api/v1/purchases/" + id + "/fulfilment", """
                {"status": "PARTIAL", "delivered": 2000}""", admin("smm"));
        assertThat(afterPartial.status()).isEqualTo(409);

        // two changes were accepted: IN_PROGRESS, then COMPLETED
        var published = awaitRecords(Topics.BILLING_EVENTS, account, PurchaseFulfilmentChangedV1.TYPE, 2, KAFKA_WAIT)
                .stream().map(record -> data(record, PurchaseFulfilmentChangedV1.class))
                .filter(fact -> fact.purchaseId().equals(id) && fact.status().equals("COMPLETED"))
                .findFirst().orElseThrow();
        assertThat(published.ordered()).isEqualTo(2000);
        assertThat(published.currentCount()).isEqualTo(1990);
    }

    @Test
    void fulfilmentReportedRightAfterThePurchaseIsAccepted() {
        // the 201 already shows the purchase PAID, so the delivering system may report at once (ADR 0003)
        String account = openAccount("smm");
        var created = api.post("/api/v1/purchases", purchase(account, "followers-2000", "pm_card_ok"), admin("smm"));
        assertThat(created.status()).isEqualTo(201);
        JsonNode purchase = json.readTree(created.body());
        assertThat(purchase.get("status").asString()).isEqualTo("PAID");

        var report = api.post("/api/v1/purchases/" + purchase.get("id").asString() + "/fulfilment", """
                {"status": "IN_PROGRESS", "delivered": 1}""", admin("smm"));

        assertThat(report.status()).as(report.body()).isEqualTo(200);
        assertThat(json.readTree(report.body()).get("fulfilment").get("status").asString())
                .isEqualTo("IN_PROGRESS");
    }

    @Test
    void declinedCardLeavesThePurchaseUnpaid() {
        String account = openAccount("smm");
        JsonNode created = json.readTree(api.post("/api/v1/purchases",
                purchase(account, "followers-2000", "pm_card_declined"), admin("smm")).body());
        String id = created.get("id").asString();

        assertThat(created.get("status").asString()).isEqualTo("PAYMENT_FAILED");
        var report = api.post("/api/v1/purchases/" + id + "/fulfilment", """
                {"status": "IN_PROGRESS", "delivered": 1}""", admin("smm"));
        assertThat(report.status()).isEqualTo(409);
    }

    @Test
    void badPurchasesAreProblemsAndLeaveNothingBehind() {
        String account = openAccount("panel");
        long purchasesBefore = count("SELECT count(*) FROM purchases");
        long chargesBefore = count("SELECT count(*) FROM charges");

        assertThat(api.post("/api/v1/purchases", purchase(account, "credits-9000", "pm_card_ok"), admin("panel"))
                .status()).isEqualTo(422);
        assertThat(api.post("/api/v1/purchases", purchase(account, "credits-500", "pm_card_visa"), admin("panel"))
                .status()).isEqualTo(422);
        assertThat(api.post("/api/v1/purchases", purchase(openAccount("studio"), "credits-500", "pm_card_ok"),
                admin("panel")).status()).isEqualTo(422);
        assertThat(api.post("/api/v1/purchases", """
                {"accountId": "%s", "productId": "credits-500", "paymentMethod": "pm_card_ok",
                 "backdateTo": "2999-01-01T00:00:00Z"}""".formatted(account), admin("panel")).status()).isEqualTo(400);
        // the security review's purchase: it once answered 500 after the purchase and its charge were made
        assertThat(api.post("/api/v1/purchases", """
                {"accountId": "%s", "productId": "followers-2000", "paymentMethod": "pm_card_ok",
                 "backdateTo": "-999999999-01-01T00:00:00Z"}""".formatted(account), admin("panel")).status())
                .isEqualTo(400);

        assertThat(count("SELECT count(*) FROM purchases")).isEqualTo(purchasesBefore);
        assertThat(count("SELECT count(*) FROM charges")).isEqualTo(chargesBefore);
    }

    /**
     * refill-or-refund: a refund case's refill is recorded on its purchase once, however often it is delivered; the
     * delivering system reports on it by its id, and its completion is published for the case.
     */
    @Test
    void aRefillIsRecordedOnThePurchaseAndClosedByItsFulfilmentReport() {
        String account = openAccount("smm");
        String id = json.readTree(api.post("/api/v1/purchases", purchase(account, "followers-2000", "pm_card_ok"),
                admin("smm")).body()).get("id").asString();
        awaitStatus(id, "smm", "PAID");
        api.post("/api/v1/purchases/" + id + "/fulfilment", """
                {"status": "COMPLETED", "delivered": 2000, "currentCount": 1850}""", admin("smm"));
        String refillId = Ids.generate(IdPrefix.REFUND);
        String caseId = Ids.generate(IdPrefix.REFUND_CASE);
        var requested = new RefillRequestedV1(refillId, caseId, account, "smm", id, 150, Instant.now());
        String messageId = UUID.randomUUID().toString();
        KafkaTestMessages.sendCloudEvent(Topics.REFUND_EVENTS, messageId, RefillRequestedV1.TYPE, account, requested);
        KafkaTestMessages.sendCloudEvent(Topics.REFUND_EVENTS, messageId, RefillRequestedV1.TYPE, account, requested);
        KafkaTestMessages.sendCloudEvent(Topics.REFUND_EVENTS, UUID.randomUUID().toString(), RefillRequestedV1.TYPE,
                account, requested);

        JsonNode withRefill = Awaitility.await().atMost(KAFKA_WAIT).pollInterval(Duration.ofMillis(100))
                .until(() -> json.readTree(api.get("/api/v1/purchases/" + id, admin("smm")).body()),
                        purchase -> !purchase.get("refills").isEmpty());
        assertThat(withRefill.get("refills")).singleElement().satisfies(refill -> {
            assertThat(refill.get("id").asString()).isEqualTo(refillId);
            assertThat(refill.get("caseId").asString()).isEqualTo(caseId);
            assertThat(refill.get("quantity").asLong()).isEqualTo(150);
            assertThat(refill.get("status").asString()).isEqualTo("NOT_STARTED");
            assertThat(refill.get("completedAt").isNull()).isTrue();
        });

        // more than the refill re-delivers, or completed with units missing: refused, nothing changes
        assertThat(refillReport(id, refillId, "IN_PROGRESS", 151).status()).isEqualTo(400);
        assertThat(refillReport(id, refillId, "COMPLETED", 100).status()).isEqualTo(422);
        assertThat(refillReport(id, "re_UNKNOWN", "COMPLETED", 150).status()).isEqualTo(404);

        var delivered = api.post("/api/v1/purchases/" + id + "/fulfilment", """
                {"status": "COMPLETED", "delivered": 150, "currentCount": 2000, "refillId": "%s"}"""
                .formatted(refillId), admin("smm"));
        assertThat(delivered.status()).as(delivered.body()).isEqualTo(200);
        JsonNode afterDelivery = json.readTree(delivered.body());
        assertThat(afterDelivery.get("fulfilment").get("currentCount").asLong()).isEqualTo(2000);
        assertThat(afterDelivery.get("fulfilment").get("status").asString()).isEqualTo("COMPLETED");
        assertThat(afterDelivery.get("refills").get(0).get("status").asString()).isEqualTo("COMPLETED");
        assertThat(afterDelivery.get("refills").get(0).get("completedAt").isNull()).isFalse();
        // the same report again changes nothing; another one on a delivered refill is refused
        assertThat(refillReport(id, refillId, "COMPLETED", 150).status()).isEqualTo(200);
        assertThat(refillReport(id, refillId, "FAILED", 150).status()).isEqualTo(409);

        RefillFulfilmentChangedV1 published = data(awaitRecord(Topics.BILLING_EVENTS, account,
                RefillFulfilmentChangedV1.TYPE, KAFKA_WAIT), RefillFulfilmentChangedV1.class);
        assertThat(published).isEqualTo(new RefillFulfilmentChangedV1(refillId, caseId, id, account, "smm",
                "COMPLETED", 150, 150, 2000, published.changedAt()));
        assertThat(count("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = '" + id
                + "' AND payloadtype LIKE '%RefillRequested'")).isEqualTo(1);
    }

    @Test
    void anotherTenantsPurchaseIsNotFound() {
        String id = json.readTree(api.post("/api/v1/purchases",
                purchase(openAccount("panel"), "credits-500", "pm_card_ok"), admin("panel")).body())
                .get("id").asString();

        assertThat(api.get("/api/v1/purchases/" + id, admin("studio")).status()).isEqualTo(404);
        assertThat(api.post("/api/v1/purchases/" + id + "/fulfilment", """
                {"status": "IN_PROGRESS", "delivered": 1}""", admin("studio")).status()).isEqualTo(404);
    }

    private ApiClient.Response refillReport(String purchaseId, String refillId, String status, long delivered) {
        return api.post("/api/v1/purchases/" + purchaseId + "/fulfilment", """
                {"status": "%s", "delivered": %d, "refillId": "%s"}""".formatted(status, delivered, refillId),
                admin("smm"));
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private JsonNode awaitStatus(String id, String tenant, String status) {
        return Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> json.readTree(api.get("/api/v1/purchases/" + id, admin(tenant)).body()),
                        purchase -> purchase.get("status").asString().equals(status));
    }

    private String openAccount(String tenant) {
        return api.openCustomer(tenant, "purchase-it");
    }

    private static String purchase(String account, String productId, String paymentMethod) {
        return """
                {"accountId": "%s", "productId": "%s", "paymentMethod": "%s"}""".formatted(account, productId,
                paymentMethod);
    }
}
