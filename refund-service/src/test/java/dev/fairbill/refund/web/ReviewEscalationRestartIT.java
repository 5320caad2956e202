package dev.fairbill.refund.web;

import static dev.fairbill.platform.testsupport.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.fairbill.contracts.Topics;
import dev.fairbill.contracts.refund.RefundReviewEscalatedV1;
import dev.fairbill.platform.testsupport.ApiClient;
import dev.fairbill.platform.testsupport.FairbillTestEnvironment;
import dev.fairbill.platform.testsupport.KafkaTestMessages;
import dev.fairbill.platform.testsupport.TestJwts;
import dev.fairbill.refund.RefundApplication;
import tools.jackson.databind.json.JsonMapper;

/**
 * exceptions-within-7-days part 5: a review not decided by its deadline escalates — even when the deadline passes while
 * the service
 * is down. The deadline persists in PostgreSQL (db-scheduler) and fires after the restart.
 */
class ReviewEscalationRestartIT {

    /** The service's clock runs ten days behind, so a review due in 5 business days is already overdue in real time. */
    private static final Clock TEN_DAYS_AGO = Clock.offset(Clock.systemUTC(), Duration.ofDays(-10));

    @Test
    void aReviewDeadlineThatPassedWhileTheServiceWasDownEscalatesAfterTheRestart() {
        String database = FairbillTestEnvironment.newDatabase();
        String account = BillingFacts.id("acct_");
        String charge = BillingFacts.id("ch_");
        String caseId;

        // the first run polls its deadlines only once an hour: the overdue review cannot escalate before it stops
        try (var refunds = start(database, "1h")) {
            var api = new ApiClient("http://localhost:" + port(refunds));
            BillingFacts.chargeCaptured("imaging", account, charge, 1000, TEN_DAYS_AGO.instant().minus(1,
                    ChronoUnit.DAYS));
            String body = """
                    {"accountId": "%s", "chargeId": "%s", "reason": "FRAUDULENT_TRANSACTION",
                     "evidence": [{"kind": "BANK_PROOF", "reference": "stmt-9"}]}""".formatted(account, charge);
            ApiClient.Response opened = Awaitility.await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> api.post("/api/v1/refund-requests", body, bearer(TestJwts.admin("imaging"))),
                            response -> response.status() == 201);
            var created = JsonMapper.builder().build().readTree(opened.body());
            assertThat(created.get("status").asString()).isEqualTo("IN_REVIEW");
            assertThat(Instant.parse(created.get("reviewDueBy").asString())).isBefore(Instant.now());
            caseId = created.get("id").asString();
            assertThat(escalated(refunds, caseId)).isFalse();
        }

        try (var restarted = start(database, "1s")) {
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> escalated(restarted, caseId));
        }
        var escalation = KafkaTestMessages.data(KafkaTestMessages.awaitRecord(Topics.REFUND_EVENTS, account,
                RefundReviewEscalatedV1.TYPE, Duration.ofSeconds(30)), RefundReviewEscalatedV1.class);
        assertThat(escalation.caseId()).isEqualTo(caseId);
    }

    private static ConfigurableApplicationContext start(String database, String pollingInterval) {
        return new SpringApplicationBuilder(RefundApplication.class)
                .initializers(context -> {
                    FairbillTestEnvironment.properties(database)
                            .and("server.port=0", "management.server.port=0",
                                    "db-scheduler.polling-interval=" + pollingInterval)
                            .applyTo(context);
                    context.getBeanFactory().registerSingleton("clock", TEN_DAYS_AGO);
                })
                .run();
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private static boolean escalated(ConfigurableApplicationContext context, String caseId) {
        return context.getBean(JdbcClient.class).sql("SELECT escalated FROM refund_cases WHERE case_id = ?")
                .param(caseId).query(Boolean.class).single();
    }
}
