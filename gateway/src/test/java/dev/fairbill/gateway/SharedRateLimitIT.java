package dev.fairbill.gateway;

import static dev.fairbill.gateway.testsupport.GatewayClient.bearer;
import static dev.fairbill.gateway.testsupport.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.fairbill.gateway.testsupport.GatewayClient;
import dev.fairbill.gateway.testsupport.StubBackend;

/**
 * Two gateways sharing their rate limits through the real Redis: a key's burst of three is spent across both, so the
 * fourth request is refused whichever gateway it reaches; twice the limit is never admitted.
 */
class SharedRateLimitIT {

    private static final StubBackend BACKEND = StubBackend.start();
    private static final List<ConfigurableApplicationContext> GATEWAYS = new ArrayList<>();
    private static final List<GatewayClient> CLIENTS = new ArrayList<>();

    @BeforeAll
    static void startTwoGateways() {
        String prefix = "fairbill-it:" + UUID.randomUUID() + ":";
        String redis = System.getenv().getOrDefault("FAIRBILL_TEST_REDIS_URL", "redis://127.0.0.1:6379");
        for (int i = 0; i < 2; i++) {
            var context = new SpringApplicationBuilder(GatewayApplication.class).profiles("it").run(
                    "--server.port=0", "--management.server.port=0",
                    "--fairbill.gateway.rate-limit.requests-per-second=0.001",
                    "--fairbill.gateway.rate-limit.burst=3",
                    "--fairbill.gateway.rate-limit.redis.url=" + redis,
                    "--fairbill.gateway.rate-limit.redis.prefix=" + prefix,
                    "--fairbill.gateway.services.billing.uri=" + BACKEND.uri(),
                    "--fairbill.gateway.services.ledger.uri=" + BACKEND.uri(),
                    "--fairbill.gateway.services.refund.uri=" + BACKEND.uri());
            GATEWAYS.add(context);
            CLIENTS.add(new GatewayClient(((WebServerApplicationContext) context).getWebServer().getPort()));
        }
    }

    @AfterAll
    static void stop() {
        GATEWAYS.forEach(ConfigurableApplicationContext::close);
        BACKEND.close();
    }

    @Test
    void aKeysLimitHoldsAcrossBothGateways() {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            statuses.add(CLIENTS.get(i % 2).get("/api/v1/plans", "Authorization", bearer("sk_it_admin"))
                    .statusCode());
        }

        assertThat(statuses).containsExactly(200, 200, 200, 429, 429, 429);
        assertThat(BACKEND.received()).hasSize(3);
        HttpResponse<String> refused = CLIENTS.get(1).get("/api/v1/plans", "Authorization", bearer("sk_it_admin"));
        assertProblem(refused, 429, "rate-limited");
        // another key has its own budget on both
        assertThat(CLIENTS.get(1).get("/api/v1/plans", "Authorization", bearer("rk_it_read")).statusCode())
                .isEqualTo(200);
    }
}
