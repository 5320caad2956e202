package dev.fairbill.gateway;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.fairbill.gateway.testsupport.GatewayClient;
import dev.fairbill.gateway.testsupport.StubBackend;

import static dev.fairbill.gateway.testsupport.GatewayClient.bearer;
import static dev.fairbill.gateway.testsupport.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
class BackendUnavailableIT {

    @DynamicPropertySource
    static void pointRoutesAtNothing(DynamicPropertyRegistry registry) {
        String unreachable = StubBackend.unreachableUri();
        registry.add("fairbill.gateway.services.billing.uri", () -> unreachable);
        registry.add("fairbill.gateway.services.ledger.uri", () -> unreachable);
        registry.add("fairbill.gateway.services.refund.uri", () -> unreachable);
    }

    @LocalServerPort
    int port;

    @Test
    void unreachableServiceIsABadGatewayProblem() {
        HttpResponse<String> response = new GatewayClient(port)
                .get("/api/v1/ledgers/acct_1", "Authorization", bearer("sk_it_admin"));

        assertProblem(response, 502, "bad-gateway");
        assertThat(response.body()).contains("ledger");
    }

    @Test
    void unreachableWebhookReceiverIsABadGatewayProblem() {
        HttpResponse<String> response = new GatewayClient(port).post("/webhooks/adyen/panel", "{}");

        assertProblem(response, 502, "bad-gateway");
    }
}
