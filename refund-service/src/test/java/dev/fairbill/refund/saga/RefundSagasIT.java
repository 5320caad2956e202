package dev.fairbill.refund.saga;

import static dev.fairbill.platform.testsupport.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import dev.fairbill.contracts.MoneyAmount;
import dev.fairbill.contracts.Topics;
import dev.fairbill.contracts.billing.AccountOpenedV1;
import dev.fairbill.contracts.billing.AttachDisputeEvidenceRequestedV1;
import dev.fairbill.contracts.billing.ChargeFlaggedDuplicateV1;
import dev.fairbill.contracts.billing.ChargeRefundFailedV1;
import dev.fairbill.contracts.billing.ChargeRefundReversedV1;
import dev.fairbill.contracts.billing.ChargeRefundedV1;
import dev.fairbill.contracts.billing.DisputeClosedV1;
import dev.fairbill.contracts.billing.DisputeOpenedV1;
import dev.fairbill.contracts.billing.RefundChargeRequestedV1;
import dev.fairbill.contracts.ledger.ClawBackCreditsRequestedV1;
import dev.fairbill.contracts.ledger.FreezeLedgerRequestedV1;
import dev.fairbill.contracts.ledger.UnfreezeLedgerRequestedV1;
import dev.fairbill.contracts.refund.RefundCaseSettledV1;
import dev.fairbill.platform.testsupport.ApiClient;
import dev.fairbill.platform.testsupport.IntegrationTest;
import dev.fairbill.platform.testsupport.KafkaTestMessages;
import dev.fairbill.platform.testsupport.TestJwts;
import dev.fairbill.refund.web.BillingFacts;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sagas against real PostgreSQL and the real broker, with billing and the ledger played by messages: a flagged
 * duplicate reversed once however often the answer is delivered, a refund that keeps failing sent back to review
 * without a second payout, a refund the processor reversed after it was paid sent back to review, and a dispute's
 * requests to the ledger and billing.
 */
@IntegrationTest
@TestPropertySource(properties = "fairbill.refunds.execution.retry-backoff=PT0.2S,PT0.2S")
class RefundSagasIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired MeterRegistry meters;
    private final JsonMapper json = JsonMapper.builder().build();
    private ApiClient api;

    @BeforeEach
    void setUp() {
        api = new ApiClient("http://localhost:" + port);
    }

    /** Saga 2, final-sale-duplicates-refunded §4.3: flagged → case → processor refund → COMPLETED; never twice. */
    @Test
    void aFlaggedDuplicateIsRefundedOnceEvenWhenTheAnswerIsRedelivered() {
        String account = BillingFacts.id("acct_");
        String original = BillingFacts.id("ch_");
        String duplicate = BillingFacts.id("ch_");
        BillingFacts.chargeCaptured("studio", account, original, 1000, Instant.now().minus(1, ChronoUnit.HOURS));
        BillingFacts.chargeCaptured("studio", account, duplicate, 1000, Instant.now());
        flag(account, duplicate, original);
        flag(account, duplicate, original);

        var request = KafkaTestMessages.data(KafkaTestMessages.awaitRecord(Topics.BILLING_REQUESTS, account,
                RefundChargeRequestedV1.TYPE, WAIT), RefundChargeRequestedV1.class);
        assertThat(request.chargeId()).isEqualTo(duplicate);
        assertThat(request.amount()).isEqualTo(new MoneyAmount(1000, "EUR"));
        JsonNode executing = onlyCase(account);
        assertThat(executing.get("status").asString()).isEqualTo("EXECUTING");
        assertThat(executing.get("reason").asString()).isEqualTo("DUPLICATE_CHARGE");

        ChargeRefundedV1 refunded = new ChargeRefundedV1(duplicate, account, "studio", request.refundId(),
                request.amount(), request.amount(), "re_sandbox_1", "DUPLICATE_CHARGE", Instant.now());
        BillingFacts.billing(ChargeRefundedV1.TYPE, account, refunded);
        BillingFacts.billing(ChargeRefundedV1.TYPE, account, refunded);

        JsonNode completed = awaitCase(account, "COMPLETED");
        assertThat(completed.get("execution").get("refundId").asString()).isEqualTo(request.refundId());
        var settled = KafkaTestMessages.data(KafkaTestMessages.awaitRecord(Topics.REFUND_EVENTS, account,
                RefundCaseSettledV1.TYPE, WAIT), RefundCaseSettledV1.class);
        assertThat(settled.status()).isEqualTo("COMPLETED");
        assertThat(KafkaTestMessages.awaitRecords(Topics.BILLING_REQUESTS, account, RefundChargeRequestedV1.TYPE, 1,
                WAIT)).hasSize(1);
        assertThat(cases(account)).hasSize(1);
        assertThat(sagaOutcome("refund-execution", completed.get("id").asString())).isEqualTo("COMPLETED");
        assertThat(meters.get("fairbill_refunded_amount_total").tags("tenant", "studio", "currency", "EUR",
                "destination", "ORIGINAL_PAYMENT_METHOD").counter().count()).isGreaterThanOrEqualTo(1000);
        assertThat(meters.get("fairbill_refund_decisions_total").tags("tenant", "studio", "policy",
                "final-sale-duplicates-refunded", "outcome", "APPROVED", "decided_by", "POLICY").counter().count())
                .isGreaterThanOrEqualTo(1);
    }

    /** Issue: a processor refund failure retries with backoff, then the case goes FAILED to review. */
    @Test
    void aRefundThatKeepsFailingIsRetriedWithTheSameIdThenFailsToReview() {
        String account = BillingFacts.id("acct_");
        String original = BillingFacts.id("ch_");
        String duplicate = BillingFacts.id("ch_");
        BillingFacts.chargeCaptured("studio", account, original, 700, Instant.now().minus(1, ChronoUnit.HOURS));
        BillingFacts.chargeCaptured("studio", account, duplicate, 700, Instant.now());
        flag(account, duplicate, original);

        for (int attempt = 1; attempt <= 3; attempt++) {
            var requests = KafkaTestMessages.awaitRecords(Topics.BILLING_REQUESTS, account,
                    RefundChargeRequestedV1.TYPE, attempt, WAIT);
            assertThat(requests).hasSize(attempt);
            var request = KafkaTestMessages.data(requests.getLast(), RefundChargeRequestedV1.class);
            BillingFacts.billing(ChargeRefundFailedV1.TYPE, account, new ChargeRefundFailedV1(duplicate, account,
                    "studio", request.refundId(), request.amount(), "refund_failed", Instant.now()));
        }

        JsonNode failed = awaitCase(account, "FAILED");
        assertThat(failed.get("execution").get("attempts").asInt()).isEqualTo(3);
        assertThat(failed.get("execution").get("failureCode").asString()).isEqualTo("refund_failed");
        assertThat(KafkaTestMessages.awaitRecords(Topics.BILLING_REQUESTS, account, RefundChargeRequestedV1.TYPE, 3,
                WAIT)).extracting(r -> KafkaTestMessages.data(r, RefundChargeRequestedV1.class).refundId())
                .containsOnly(failed.get("execution").get("refundId").asString());
        assertThat(meters.get("fairbill_refund_payouts_failed_total").tags("tenant", "studio").counter().count())
                .isGreaterThanOrEqualTo(1);
        assertThat(json.readTree(api.get("/api/v1/refund-requests?status=FAILED", bearer(TestJwts.readOnly(
                "studio"))).body()).get("data").findValuesAsString("id")).contains(failed.get("id").asString());
    }

    /** A refund that fails after the processor accepted it never leaves its case COMPLETED: it goes back to review. */
    @Test
    void aRefundTheProcessorReversesSendsItsCaseBackToReviewAndApprovingItPaysUnderTheSameId() {
        String account = BillingFacts.id("acct_");
        String duplicate = capturedTwiceAndFlagged(account);
        var request = KafkaTestMessages.data(KafkaTestMessages.awaitRecord(Topics.BILLING_REQUESTS, account,
                RefundChargeRequestedV1.TYPE, WAIT), RefundChargeRequestedV1.class);
        BillingFacts.billing(ChargeRefundedV1.TYPE, account, new ChargeRefundedV1(duplicate, account, "studio",
                request.refundId(), request.amount(), request.amount(), "re_stripe_1", "DUPLICATE_CHARGE",
                Instant.now()));
        String caseId = awaitCase(account, "COMPLETED").get("id").asString();

        ChargeRefundReversedV1 reversed = new ChargeRefundReversedV1(duplicate, account, "studio", request.refundId(),
                request.amount(), new MoneyAmount(0, "EUR"), "re_stripe_1", "expired_or_canceled_card",
                Instant.now());
        BillingFacts.billing(ChargeRefundReversedV1.TYPE, account, reversed);
        BillingFacts.billing(ChargeRefundReversedV1.TYPE, account, reversed);

        JsonNode inReview = awaitCase(account, "IN_REVIEW");
        assertThat(inReview.get("execution").get("failureCode").asString()).isEqualTo("expired_or_canceled_card");
        assertThat(Instant.parse(inReview.get("reviewDueBy").asString())).isAfter(Instant.now().plus(2,
                ChronoUnit.DAYS));
        assertThat(refunded(duplicate)).isZero();
        assertThat(json.readTree(api.get("/api/v1/refund-requests?status=IN_REVIEW", bearer(TestJwts.readOnly(
                "studio"))).body()).get("data").findValuesAsString("id")).contains(caseId);

        // a reviewer approves it again: the payout is a new attempt under the case's one refund id
        assertThat(api.post("/api/v1/refund-requests/" + caseId + "/approve", "{\"note\": \"card replaced\"}",
                bearer(TestJwts.admin("studio"))).status()).isEqualTo(200);
        var requests = KafkaTestMessages.awaitRecords(Topics.BILLING_REQUESTS, account, RefundChargeRequestedV1.TYPE,
                2, WAIT);
        assertThat(requests).hasSize(2).extracting(r -> KafkaTestMessages.data(r, RefundChargeRequestedV1.class))
                .extracting(RefundChargeRequestedV1::refundId, RefundChargeRequestedV1::amount)
                .containsOnly(org.assertj.core.groups.Tuple.tuple(request.refundId(), new MoneyAmount(1000, "EUR")));
        BillingFacts.billing(ChargeRefundedV1.TYPE, account, new ChargeRefundedV1(duplicate, account, "studio",
                request.refundId(), request.amount(), request.amount(), "re_stripe_2", "DUPLICATE_CHARGE",
                Instant.now()));
        assertThat(awaitCase(account, "COMPLETED").get("id").asString()).isEqualTo(caseId);
        assertThat(cases(account)).hasSize(1);
    }

    /** Saga 3, final-sale-reseller §9: sub-resellers frozen, evidence compiled, lost → clawback and unfreeze. */
    @Test
    void aDisputeFreezesSubResellersCompilesEvidenceAndALossClawsBack() {
        String reseller = BillingFacts.id("acct_");
        String sub = BillingFacts.id("acct_");
        String charge = BillingFacts.id("ch_");
        String dispute = BillingFacts.id("dp_");
        BillingFacts.billing(AccountOpenedV1.TYPE, reseller, new AccountOpenedV1(reseller, "panel", "RESELLER", null,
                Instant.now()));
        BillingFacts.billing(AccountOpenedV1.TYPE, sub, new AccountOpenedV1(sub, "panel", "SUB_RESELLER", reseller,
                Instant.now()));
        BillingFacts.chargeCaptured("panel", reseller, charge, 2500, Instant.now().minus(3, ChronoUnit.DAYS));
        BillingFacts.billing(ChargeRefundedV1.TYPE, reseller, new ChargeRefundedV1(charge, reseller, "panel",
                "re_operator_1", new MoneyAmount(500, "EUR"), new MoneyAmount(500, "EUR"), "re_sb", "goodwill",
                Instant.now().minus(1, ChronoUnit.DAYS)));
        Awaitility.await().atMost(WAIT).until(() -> refunded(charge) == 500);

        BillingFacts.billing(DisputeOpenedV1.TYPE, reseller, new DisputeOpenedV1(dispute, charge, reseller, "panel",
                new MoneyAmount(2500, "EUR"), "fraudulent", Instant.now().plus(7, ChronoUnit.DAYS), Instant.now()));

        var freeze = KafkaTestMessages.data(KafkaTestMessages.awaitRecord(Topics.LEDGER_REQUESTS, sub,
                FreezeLedgerRequestedV1.TYPE, WAIT), FreezeLedgerRequestedV1.class);
        assertThat(freeze.reference()).isEqualTo(dispute);
        var evidence = KafkaTestMessages.data(KafkaTestMessages.awaitRecord(Topics.BILLING_REQUESTS, reseller,
                AttachDisputeEvidenceRequestedV1.TYPE, WAIT), AttachDisputeEvidenceRequestedV1.class);
        assertThat(evidence.recommendation()).isEqualTo("CONTEST_REFUNDED");
        assertThat(evidence.items()).extracting(AttachDisputeEvidenceRequestedV1.Item::kind).contains("REFUND");

        BillingFacts.billing(DisputeClosedV1.TYPE, reseller, new DisputeClosedV1(dispute, charge, reseller, "panel",
                "LOST", new MoneyAmount(2500, "EUR"), Instant.now()));

        var clawBack = KafkaTestMessages.data(KafkaTestMessages.awaitRecord(Topics.LEDGER_REQUESTS, reseller,
                ClawBackCreditsRequestedV1.TYPE, WAIT), ClawBackCreditsRequestedV1.class);
        assertThat(clawBack.chargeId()).isEqualTo(charge);
        assertThat(KafkaTestMessages.awaitRecord(Topics.LEDGER_REQUESTS, sub, UnfreezeLedgerRequestedV1.TYPE, WAIT))
                .isNotNull();
        Awaitility.await().atMost(WAIT).until(() -> "LOST".equals(sagaOutcome("chargeback", dispute)));
    }

    /** Two captures of 1000 on the account, the later one flagged as the other's duplicate; returns the later one. */
    private static String capturedTwiceAndFlagged(String account) {
        String original = BillingFacts.id("ch_");
        String duplicate = BillingFacts.id("ch_");
        BillingFacts.chargeCaptured("studio", account, original, 1000, Instant.now().minus(1, ChronoUnit.HOURS));
        BillingFacts.chargeCaptured("studio", account, duplicate, 1000, Instant.now());
        flag(account, duplicate, original);
        return duplicate;
    }

    private static void flag(String account, String duplicate, String original) {
        BillingFacts.billing(ChargeFlaggedDuplicateV1.TYPE, account, new ChargeFlaggedDuplicateV1(duplicate, account,
                "studio", original, "SAME_ACCOUNT_AMOUNT_DESCRIPTION", new MoneyAmount(1000, "EUR"), Instant.now()));
    }

    private JsonNode onlyCase(String account) {
        Awaitility.await().atMost(WAIT).until(() -> cases(account).size() == 1);
        return caseView(cases(account).getFirst());
    }

    private JsonNode awaitCase(String account, String status) {
        return Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(100))
                .until(() -> caseView(cases(account).getFirst()), c -> c.get("status").asString().equals(status));
    }

    private JsonNode caseView(String caseId) {
        return json.readTree(api.get("/api/v1/refund-requests/" + caseId, bearer(TestJwts.readOnly("studio")))
                .body());
    }

    private List<String> cases(String account) {
        return jdbc.sql("SELECT case_id FROM refund_cases WHERE account_id = ? ORDER BY seq").param(account)
                .query(String.class).list();
    }

    private long refunded(String charge) {
        return jdbc.sql("SELECT COALESCE(MAX(refunded), 0) FROM fact_charges WHERE charge_id = ?").param(charge)
                .query(Long.class).single();
    }

    private String sagaOutcome(String saga, String key) {
        return jdbc.sql("SELECT outcome FROM saga_progress WHERE saga = ? AND saga_key = ?").params(saga, key)
                .query(String.class).optional().orElse(null);
    }
}
