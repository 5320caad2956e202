package dev.fairbill.billing.webhook;

import static dev.fairbill.billing.webhook.WebhookTestSupport.JSON;
import static dev.fairbill.billing.webhook.WebhookTestSupport.adyenNotification;
import static dev.fairbill.billing.webhook.WebhookTestSupport.stripeDisputeEvent;
import static dev.fairbill.billing.webhook.WebhookTestSupport.stripeSignature;
import static dev.fairbill.platform.testsupport.ApiClient.bearer;
import static dev.fairbill.platform.testsupport.KafkaTestMessages.awaitRecord;
import static dev.fairbill.platform.testsupport.KafkaTestMessages.awaitRecords;
import static dev.fairbill.platform.testsupport.KafkaTestMessages.data;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import dev.fairbill.billing.ids.AccountId;
import dev.fairbill.billing.charge.ChargeEvents.ChargeDisputeRecorded;
import dev.fairbill.billing.ids.ChargeId;
import dev.fairbill.billing.dispute.Dispute;
import dev.fairbill.billing.ids.DisputeId;
import dev.fairbill.billing.process.DisputeConsequences;
import dev.fairbill.contracts.Topics;
import dev.fairbill.contracts.billing.AccountSuspendedV1;
import dev.fairbill.contracts.billing.AccountTerminatedV1;
import dev.fairbill.contracts.billing.AttachDisputeEvidenceRequestedV1;
import dev.fairbill.contracts.billing.DisputeOpenedV1;
import dev.fairbill.platform.money.Money;
import dev.fairbill.platform.testsupport.ApiClient;
import dev.fairbill.platform.testsupport.IntegrationTest;
import dev.fairbill.platform.testsupport.KafkaTestMessages;
import dev.fairbill.platform.testsupport.TestJwts;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Saga 3 and the webhooks on real PostgreSQL and the embedded broker: a verified dispute webhook from Stripe or
 * Adyen suspends the account (final-sale-reseller §9, final-sale-duplicates-refunded §7); a redelivery has one effect;
 * a bad signature changes nothing.
 */
@IntegrationTest
@TestPropertySource(properties = {"fairbill.billing.sandbox.latency=0ms",
        "fairbill.webhook-processing.poll-interval=100ms"})
class DisputeWebhookIT {

    private static final Duration KAFKA_WAIT = Duration.ofSeconds(30);

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired MeterRegistry meters;
    @Autowired @Qualifier("eventSerializer") Serializer eventSerializer;
    private WebhookTestSupport billing;

    @BeforeEach
    void client() {
        billing = new WebhookTestSupport(port);
    }

    @Test
    void stripeDisputeSuspendsTheAccountAndAWonCloseReinstatesIt() {
        String account = billing.openCustomer("panel");
        JsonNode charge = billing.capturedCharge("panel", account);
        String disputeId = "du_" + UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String created = stripeDisputeEvent("evt_" + UUID.randomUUID(), "charge.dispute.created", disputeId,
                charge.get("processorChargeId").asString(), "needs_response", now);

        var response = billing.postStripe("panel", created, stripeSignature("panel", created, now));

        assertThat(response.status()).isEqualTo(200);
        String ourId = Dispute.idFor("panel", "stripe", disputeId).value();
        awaitStatus("panel", account, "SUSPENDED");
        JsonNode suspended = billing.account("panel", account);
        assertThat(suspended.get("holds").toString()).contains("DISPUTE").contains(ourId);
        var dispute = JSON.readTree(billing.api().get("/api/v1/disputes/" + ourId,
                bearer(TestJwts.readOnly("panel"))).body());
        assertThat(dispute.get("chargeId").asString()).isEqualTo(charge.get("id").asString());
        assertThat(dispute.get("status").asString()).isEqualTo("OPEN");
        assertThat(dispute.get("amount").get("amount").asLong()).isEqualTo(1000);
        // the charge's dispute carries the processor's evidence deadline (recorded before the hold)
        var disputedCharge = JSON.readTree(billing.api().get("/api/v1/charges/" + charge.get("id").asString(),
                bearer(TestJwts.readOnly("panel"))).body());
        assertThat(disputedCharge.get("dispute").get("id").asString()).isEqualTo(ourId);
        assertThat(Instant.parse(disputedCharge.get("dispute").get("dueBy").asString()))
                .isEqualTo(now.plus(Duration.ofDays(10)));
        var message = data(awaitRecord(Topics.BILLING_EVENTS, account, AccountSuspendedV1.TYPE, KAFKA_WAIT),
                AccountSuspendedV1.class);
        assertThat(message.reason()).isEqualTo("DISPUTE");
        assertThat(message.reference()).isEqualTo(ourId);
        assertThat(message.role()).isEqualTo("CUSTOMER");
        assertThat(awaitRecords(Topics.BILLING_EVENTS, account, DisputeOpenedV1.TYPE, 1, KAFKA_WAIT)).hasSize(1);

        // ADR 0015: the chargeback saga's part of the evidence, delivered twice, is in the bundle once
        var refundSide = new AttachDisputeEvidenceRequestedV1(ourId, charge.get("id").asString(), account, "panel",
                "CONTEST_REFUNDED", List.of(new AttachDisputeEvidenceRequestedV1.Item(now, "REFUND",
                charge.get("id").asString(), "Already refunded 1000 of 1000 EUR")), now);
        String messageId = UUID.randomUUID().toString();
        KafkaTestMessages.sendCloudEvent(Topics.BILLING_REQUESTS, messageId, AttachDisputeEvidenceRequestedV1.TYPE,
                account, refundSide);
        KafkaTestMessages.sendCloudEvent(Topics.BILLING_REQUESTS, UUID.randomUUID().toString(),
                AttachDisputeEvidenceRequestedV1.TYPE, account, refundSide);
        JsonNode bundle = Awaitility.await().atMost(KAFKA_WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> JSON.readTree(billing.api().get("/api/v1/disputes/" + ourId + "/evidence",
                        bearer(TestJwts.readOnly("panel"))).body()), b -> !b.get("recommendation").isNull());
        assertThat(bundle.get("recommendation").asString()).isEqualTo("CONTEST_REFUNDED");
        assertThat(bundle.get("items").findValuesAsString("source").stream()
                .filter("refund-service"::equals)).hasSize(1);

        String closed = stripeDisputeEvent("evt_" + UUID.randomUUID(), "charge.dispute.closed", disputeId,
                charge.get("processorChargeId").asString(), "won", now.plusSeconds(1));
        assertThat(billing.postStripe("panel", closed, stripeSignature("panel", closed, now)).status())
                .isEqualTo(200);
        awaitStatus("panel", account, "ACTIVE");
        assertThat(billing.account("panel", account).get("holds").isEmpty()).isTrue();
        var evidence = billing.api().get("/api/v1/disputes/" + ourId + "/evidence",
                bearer(TestJwts.readOnly("panel")));
        assertThat(evidence.status()).isEqualTo(200);
        assertThat(evidence.body()).contains("AccountOpened").contains("DisputeOpened").contains("DisputeClosed");
        assertThat(meters.get("fairbill_account_suspensions_total").tags("tenant", "panel", "reason", "DISPUTE")
                .counter().count()).isGreaterThanOrEqualTo(1);
        assertThat(meters.get("fairbill_disputes_closed_total").tags("tenant", "panel", "outcome", "WON")
                .counter().count()).isGreaterThanOrEqualTo(1);
        assertThat(meters.get("fairbill_disputes_open").gauge()).isNotNull();
    }

    @Test
    void chargeDisputeRecordedStoredBeforeItHadADeadlineStillLoads() {
        var event = new ChargeDisputeRecorded(ChargeId.of("ch_0000000000000000000000000C"),
                AccountId.of("acct_0000000000000000000000000A"), "panel", DisputeId.of("dp_0000000000000000000000000D"),
                Money.of(1000, "EUR"), "fraudulent", Instant.parse("2026-11-22T10:15:30Z"), null);
        var stored = (ObjectNode) JSON.readTree(eventSerializer.serialize(event, String.class).getData());
        stored.remove("dueBy");

        var loaded = eventSerializer.<String, ChargeDisputeRecorded>deserialize(new SimpleSerializedObject<>(
                stored.toString(), String.class, ChargeDisputeRecorded.class.getName(), "1"));

        assertThat(loaded).isEqualTo(event);
    }

    @Test
    void adyenChargebackSuspendsTheAccountAndALostChargebackTerminatesIt() {
        String account = billing.openCustomer("studio");
        JsonNode charge = billing.capturedCharge("studio", account);
        String disputePsp = "DP" + System.nanoTime();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String notification = adyenNotification("studio", "NOTIFICATION_OF_CHARGEBACK", disputePsp,
                charge.get("processorChargeId").asString(), "Undefended", now);

        var response = billing.postAdyen("studio", notification);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("[accepted]");
        awaitStatus("studio", account, "SUSPENDED");
        assertThat(awaitRecords(Topics.BILLING_EVENTS, account, AccountSuspendedV1.TYPE, 1, KAFKA_WAIT)).hasSize(1);

        String lost = adyenNotification("studio", "CHARGEBACK", disputePsp,
                charge.get("processorChargeId").asString(), "Lost", now.plusSeconds(60));
        assertThat(billing.postAdyen("studio", lost).status()).isEqualTo(200);
        awaitStatus("studio", account, "TERMINATED");
        assertThat(awaitRecords(Topics.BILLING_EVENTS, account, AccountTerminatedV1.TYPE, 1, KAFKA_WAIT))
                .hasSize(1);
        String ourId = Dispute.idFor("studio", "adyen", disputePsp).value();
        var dispute = JSON.readTree(billing.api().get("/api/v1/disputes/" + ourId,
                bearer(TestJwts.readOnly("studio"))).body());
        assertThat(dispute.get("outcome").asString()).isEqualTo("LOST");
        assertThat(dispute.get("fundsWithdrawn").asBoolean()).isTrue();
    }

    @Test
    void duplicateDeliveryHasOneEffect() {
        String account = billing.openCustomer("imaging");
        JsonNode charge = billing.capturedCharge("imaging", account);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String eventId = "evt_" + UUID.randomUUID();
        String event = stripeDisputeEvent(eventId, "charge.dispute.created", "du_" + UUID.randomUUID(),
                charge.get("processorChargeId").asString(), "needs_response", now);

        var first = billing.postStripe("imaging", event, stripeSignature("imaging", event, now));
        var second = billing.postStripe("imaging", event, stripeSignature("imaging", event, now.plusSeconds(5)));

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(200);
        assertThat(JSON.readTree(second.body()).get("duplicate").asBoolean()).isTrue();
        awaitStatus("imaging", account, "SUSPENDED");
        assertThat(jdbc.sql("SELECT count(*) FROM webhook_deliveries WHERE event_id = ?").param(eventId)
                .query(Long.class).single()).isEqualTo(1);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                "SELECT count(*) FROM webhook_deliveries WHERE event_id = ? AND processed_at IS NOT NULL")
                .param(eventId).query(Long.class).single() == 1);
        assertThat(eventsOf(account, "AccountHoldPlaced")).isEqualTo(1);
        assertThat(eventsOf(charge.get("id").asString(), "ChargeDisputeRecorded")).isEqualTo(1);
    }

    @Test
    void badSignatureIsUnauthorizedCountedAndChangesNothing() {
        String account = billing.openCustomer("smm");
        JsonNode charge = billing.capturedCharge("smm", account);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String event = stripeDisputeEvent("evt_" + UUID.randomUUID(), "charge.dispute.created",
                "du_" + UUID.randomUUID(), charge.get("processorChargeId").asString(), "needs_response", now);
        double failuresBefore = failures("stripe", "smm");

        var wrongSecret = billing.postStripe("smm", event, stripeSignature("chat", event, now));
        var stale = billing.postStripe("smm", event, stripeSignature("smm", event, now.minusSeconds(301)));
        var tampered = billing.postStripe("smm", event.replace("1000", "9999"), stripeSignature("smm", event, now));
        String adyen = adyenNotification("chat", "NOTIFICATION_OF_CHARGEBACK", "DP" + System.nanoTime(),
                charge.get("processorChargeId").asString(), "Undefended", now);
        var adyenWrongKey = billing.postAdyen("smm", adyen);

        for (ApiClient.Response response : List.of(
                wrongSecret, stale, tampered, adyenWrongKey)) {
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        }
        assertThat(failures("stripe", "smm") - failuresBefore).isEqualTo(3);
        assertThat(failures("adyen", "smm")).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM webhook_deliveries WHERE tenant = 'smm'").query(Long.class)
                .single()).isZero();
        assertThat(billing.account("smm", account).get("status").asString()).isEqualTo("ACTIVE");
    }

    @Test
    void unparseableBodyIsABadRequestAndUnknownEventTypeIsAcknowledgedAndIgnored() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String garbage = "this is not json";
        var unparseable = billing.postStripe("chat", garbage, stripeSignature("chat", garbage, now));
        assertThat(unparseable.status()).isEqualTo(400);
        assertThat(unparseable.header("Content-Type")).startsWith("application/problem+json");
        assertThat(billing.postAdyen("chat", "{\"notificationItems\": 5}").status()).isEqualTo(400);

        String unknown = """
                {"id": "evt_unknown_type", "type": "customer.created", "created": %d, "data": {"object": {}}}"""
                .formatted(now.getEpochSecond());
        var ignored = billing.postStripe("chat", unknown, stripeSignature("chat", unknown, now));
        assertThat(ignored.status()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT count(*) FROM webhook_deliveries WHERE event_id = 'evt_unknown_type'")
                .query(Long.class).single()).isZero();
    }

    @Test
    void anAdyenBatchOverItsCapAndAWebhookBodyOver256KbAreRefusedAndStoreNothing() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        JsonNode item = JSON.readTree(adyenNotification("chat", "CHARGEBACK", "psp_capped", "ch_capped", "Undefended",
                now)).get("notificationItems").get(0);
        String batch = "{\"live\": \"false\", \"notificationItems\": ["
                + String.join(",", java.util.Collections.nCopies(WebhookController.MAX_ADYEN_ITEMS + 1,
                        item.toString())) + "]}";

        var refused = billing.postAdyen("chat", batch);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("at most " + WebhookController.MAX_ADYEN_ITEMS + " items");

        String padded = "{\"id\": \"evt_padded\", \"type\": \"charge.dispute.created\", \"pad\": \""
                + "x".repeat(300 * 1024) + "\"}";
        var tooLarge = billing.postStripe("chat", padded, stripeSignature("chat", padded, now));

        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.header("Content-Type")).startsWith("application/problem+json");
        assertThat(jdbc.sql("""
                SELECT count(*) FROM webhook_deliveries WHERE event_id LIKE '%psp_capped%' OR event_id = 'evt_padded'""")
                .query(Long.class).single()).isZero();
    }

    @Test
    void disputesOfManyAccountsAndSeveralOfOneAccountAtOnceEachSuspendOnceAndNoneIsParked() throws Exception {
        String shared = billing.openCustomer("panel");
        List<String[]> disputes = new ArrayList<>(); // account, charge's processor id, processor dispute id
        for (int i = 0; i < 3; i++) {
            disputes.add(new String[] {shared, billing.capturedCharge("panel", shared).get("processorChargeId")
                    .asString(), "du_" + UUID.randomUUID()});
        }
        for (int i = 0; i < 6; i++) {
            String account = billing.openCustomer("panel");
            disputes.add(new String[] {account, billing.capturedCharge("panel", account).get("processorChargeId")
                    .asString(), "du_" + UUID.randomUUID()});
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            var answers = disputes.stream().map(dispute -> executor.submit(() -> {
                String created = stripeDisputeEvent("evt_" + UUID.randomUUID(), "charge.dispute.created",
                        dispute[2], dispute[1], "needs_response", now);
                return billing.postStripe("panel", created, stripeSignature("panel", created, now)).status();
            })).toList();
            for (var answer : answers) {
                assertThat(answer.get()).isEqualTo(200);
            }
        }

        for (String[] dispute : disputes) {
            String ourId = Dispute.idFor("panel", "stripe", dispute[2]).value();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                    billing.account("panel", dispute[0]).get("holds").toString().contains(ourId));
        }
        for (String[] dispute : disputes) {
            assertThat(eventsOf(dispute[0], "AccountHoldPlaced")).isEqualTo(
                    disputes.stream().filter(other -> other[0].equals(dispute[0])).count());
        }
        assertThat(billing.account("panel", shared).get("status").asString()).isEqualTo("SUSPENDED");
        assertThat(jdbc.sql("SELECT count(*) FROM deadletterentry WHERE processinggroup = ?")
                .param(DisputeConsequences.PROCESSING_GROUP).query(Long.class).single()).isZero();
    }

    private void awaitStatus(String tenant, String account, String status) {
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> billing.account(tenant, account).get("status").asString().equals(status));
    }

    private long eventsOf(String aggregateId, String eventType) {
        return jdbc.sql("""
                        SELECT count(*) FROM domainevententry
                        WHERE aggregateidentifier = ? AND payloadtype LIKE ?""")
                .params(aggregateId, "%" + eventType)
                .query(Long.class).single();
    }

    private double failures(String processor, String tenant) {
        var counter = meters.find(WebhookController.SIGNATURE_FAILURES).tags("processor", processor, "tenant", tenant)
                .counter();
        return counter == null ? 0 : counter.count();
    }
}
