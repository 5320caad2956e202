package dev.fairbill.refund;

import static dev.fairbill.platform.testsupport.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.json.JsonMapper;

import dev.fairbill.platform.testsupport.ApiClient;
import dev.fairbill.platform.testsupport.FairbillTestEnvironment;
import dev.fairbill.platform.testsupport.Replicas;
import dev.fairbill.platform.testsupport.TestJwts;
import dev.fairbill.refund.web.BillingFacts;

/**
 * Two replicas of the refund service on one database. The sagas and the Kafka publisher share their segments (two
 * each); reviews opened through either replica and overdue escalate exactly once, whichever replica's scheduler runs
 * the deadline, also after one replica has stopped and the other took over its segments.
 */
class RefundReplicasIT {

    private static final List<String> TRACKING = List.of("refund-execution-saga", "chargeback-saga",
            "kafka-publisher");
    /** The services' clock runs ten days behind, so a review due in 5 business days is overdue in real time. */
    private static final Clock TEN_DAYS_AGO = Clock.offset(Clock.systemUTC(), Duration.ofDays(-10));
    private static final String TENANT = "imaging";
    private static final int CASES = 8;

    @Test
    void overdueReviewsOpenedThroughEitherReplicaEscalateOnce() {
        String database = FairbillTestEnvironment.newDatabase();
        var a = start(database, "refund-a");
        var b = start(database, "refund-b");
        try {
            JdbcClient jdbc = a.getBean(JdbcClient.class);
            Replicas.awaitSegments(jdbc, TRACKING, Map.of("refund-a", 2L, "refund-b", 2L));
            List<ApiClient> replicas = List.of(api(a), api(b));
            List<String> cases = new ArrayList<>();
            for (int i = 0; i < CASES; i++) {
                cases.add(openOverdueReview(replicas.get(i % 2)));
            }
            Awaitility.await("every overdue review escalated once").atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(Replicas.perAggregate(jdbc, "refund.ReviewEscalated"))
                            .containsOnlyKeys(cases).allSatisfy((refundCase, escalations) ->
                                    assertThat(escalations).isOne()));

            b.close();
            Replicas.awaitSegments(jdbc, TRACKING, Map.of("refund-a", 4L));
            String late = openOverdueReview(replicas.getFirst());
            Awaitility.await("the survivor escalates a later one").atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(Replicas.perAggregate(jdbc, "refund.ReviewEscalated"))
                            .containsKey(late));
            assertThat(Replicas.perAggregate(jdbc, "refund.ReviewEscalated")).hasSize(CASES + 1)
                    .allSatisfy((refundCase, escalations) -> assertThat(escalations).isOne());
        } finally {
            b.close();
            a.close();
        }
    }

    /** A fraud claim on a charge captured eleven days ago (service time): it goes to review, due in the past. */
    private static String openOverdueReview(ApiClient api) {
        String account = BillingFacts.id("acct_");
        String charge = BillingFacts.id("ch_");
        BillingFacts.chargeCaptured(TENANT, account, charge, 1000, TEN_DAYS_AGO.instant().minus(1, ChronoUnit.DAYS));
        String body = """
                {"accountId": "%s", "chargeId": "%s", "reason": "FRAUDULENT_TRANSACTION",
                 "evidence": [{"kind": "BANK_PROOF", "reference": "stmt-9"}]}""".formatted(account, charge);
        ApiClient.Response opened = Awaitility.await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> api.post("/api/v1/refund-requests", body, bearer(TestJwts.admin(TENANT))),
                        response -> response.status() == 201);
        var created = JsonMapper.builder().build().readTree(opened.body());
        assertThat(created.get("status").asString()).isEqualTo("IN_REVIEW");
        return created.get("id").asString();
    }

    private static ConfigurableApplicationContext start(String database, String node) {
        return Replicas.start(RefundApplication.class, database, node,
                context -> context.getBeanFactory().registerSingleton("clock", TEN_DAYS_AGO));
    }

    private static ApiClient api(ConfigurableApplicationContext context) {
        return new ApiClient("http://localhost:" + Replicas.port(context));
    }
}
