package dev.fairbill.gateway;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;

import dev.fairbill.gateway.testsupport.GatewayClient;
import dev.fairbill.gateway.testsupport.MutableClock;
import dev.fairbill.gateway.testsupport.StubBackend;

import static dev.fairbill.gateway.testsupport.GatewayClient.bearer;
import static dev.fairbill.gateway.testsupport.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per key two requests of burst and one more per second; per client address three requests without a valid key;
 * per tenant four webhooks. Each test starts an hour later, with every bucket full again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "fairbill.gateway.rate-limit.requests-per-second=1",
        "fairbill.gateway.rate-limit.burst=2",
        "fairbill.gateway.rate-limit.unauthenticated.requests-per-second=1",
        "fairbill.gateway.rate-limit.unauthenticated.burst=3",
        "fairbill.gateway.rate-limit.webhooks.requests-per-second=1",
        "fairbill.gateway.rate-limit.webhooks.burst=4"
})
@ActiveProfiles("it")
class RateLimitIT {

    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-22T10:15:30Z"));
    private static final StubBackend BACKEND = StubBackend.start();

    @TestBean
    Clock clock;

    static Clock clock() {
        return CLOCK;
    }

    @DynamicPropertySource
    static void pointRoutesAtStub(DynamicPropertyRegistry registry) {
        registry.add("fairbill.gateway.services.billing.uri", BACKEND::uri);
        registry.add("fairbill.gateway.services.ledger.uri", BACKEND::uri);
        registry.add("fairbill.gateway.services.refund.uri", BACKEND::uri);
    }

    @AfterAll
    static void stopStub() {
        BACKEND.close();
    }

    @LocalServerPort
    int port;

    GatewayClient gateway;

    @BeforeEach
    void setUp() {
        gateway = new GatewayClient(port);
        BACKEND.reset();
        CLOCK.advance(Duration.ofHours(1));
    }

    @Test
    void keyOverItsRateLimitIsRejectedWithRetryAfter() {
        assertThat(getPlans("sk_it_admin").statusCode()).isEqualTo(200);
        assertThat(getPlans("sk_it_admin").statusCode()).isEqualTo(200);

        HttpResponse<String> rejected = getPlans("sk_it_admin");

        assertProblem(rejected, 429, "rate-limited");
        assertThat(rejected.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(rejected.body()).doesNotContain("key_it_admin");
        assertThat(BACKEND.received()).hasSize(2);
    }

    @Test
    void limitRecoversAsTimePasses() {
        getPlans("rk_it_read");
        getPlans("rk_it_read");
        assertThat(getPlans("rk_it_read").statusCode()).isEqualTo(429);

        CLOCK.advance(Duration.ofSeconds(1));

        assertThat(getPlans("rk_it_read").statusCode()).isEqualTo(200);
        assertThat(getPlans("rk_it_read").statusCode()).isEqualTo(429);
    }

    @Test
    void unauthenticatedRequestsDoNotSpendAnyKeysBudget() {
        IntStream.range(0, 2).forEach(i -> {
            assertThat(gateway.get("/api/v1/refund-requests").statusCode()).isEqualTo(401);
            assertThat(gateway.post("/webhooks/stripe/imaging", "{}").statusCode()).isEqualTo(200);
        });

        assertThat(gateway.get("/api/v1/refund-requests", "Authorization", bearer("sk_it_refund_clerk")).statusCode())
                .isEqualTo(200);
        assertThat(gateway.get("/api/v1/refund-requests", "Authorization", bearer("sk_it_refund_clerk")).statusCode())
                .isEqualTo(200);
    }

    @Test
    void requestsWithoutAValidKeyAreLimitedByTheirAddress() {
        IntStream.range(0, 3).forEach(i -> assertProblem(getPlans("sk_guessed_" + i), 401, "unauthorized"));

        HttpResponse<String> guessing = getPlans("sk_guessed_4");
        assertProblem(guessing, 429, "rate-limited");
        assertThat(guessing.headers().firstValue("Retry-After")).hasValue("1");
        assertProblem(gateway.get("/api/v1/plans"), 429, "rate-limited");
        assertThat(getPlans("sk_it_admin").statusCode()).as("a valid key spends its own budget").isEqualTo(200);

        CLOCK.advance(Duration.ofSeconds(1));
        assertProblem(getPlans("sk_guessed_5"), 401, "unauthorized");
        assertThat(BACKEND.received()).hasSize(1);
    }

    @Test
    void webhooksTheServiceRefusesSpendTheSendersBudget() {
        BACKEND.answerWith(401);
        IntStream.range(0, 3).forEach(i ->
                assertThat(gateway.post("/webhooks/stripe/panel", "{}").statusCode()).isEqualTo(401));

        HttpResponse<String> forged = gateway.post("/webhooks/adyen/panel", "{}");

        assertProblem(forged, 429, "rate-limited");
        assertThat(forged.headers().firstValue("Retry-After")).isPresent();
        assertThat(BACKEND.received()).hasSize(3);
        assertThat(gateway.post("/webhooks/stripe/studio", "{}").statusCode())
                .as("another tenant's webhooks from the same processor address still pass").isEqualTo(401);
        assertThat(BACKEND.received()).hasSize(4);
    }

    @Test
    void eachTenantsWebhooksShareTheirOwnLimit() {
        IntStream.range(0, 2).forEach(i -> {
            assertThat(gateway.post("/webhooks/stripe/panel", "{}").statusCode()).isEqualTo(200);
            assertThat(gateway.post("/webhooks/adyen/panel", "{}").statusCode()).isEqualTo(200);
        });

        assertProblem(gateway.post("/webhooks/stripe/panel", "{}"), 429, "rate-limited");
        assertThat(gateway.post("/webhooks/stripe/studio", "{}").statusCode()).isEqualTo(200);
        assertThat(BACKEND.received()).hasSize(5);
        assertProblem(gateway.get("/api/v1/plans"), 401, "unauthorized");
    }

    private HttpResponse<String> getPlans(String apiKey) {
        return gateway.get("/api/v1/plans", "Authorization", bearer(apiKey));
    }
}
