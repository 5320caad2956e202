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

    @Test
    void theApiDocumentIsUnavailableWhileAServiceCannotDescribeItself() {
        HttpResponse<String> response = new GatewayClient(port).get("/api/v1/openapi.json");

        assertProblem(response, 503, "unavailable");
        assertThat(response.headers().firstValue("Retry-After")).hasValue("2");
    }

    /** Swagger UI runs its own scripts from the gateway, and nothing from elsewhere. */
    @Test
    void theDocsPageAndItsScriptsAreServedWithAPolicyForThemAlone() {
        GatewayClient client = new GatewayClient(port);
        HttpResponse<String> page = client.get("/docs");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("/docs/swagger-ui-bundle.js", "/docs/start.js");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy ->
                assertThat(policy).contains("script-src 'self'").doesNotContain("unsafe-eval", "*"));
        assertThat(client.get("/docs/swagger-ui-bundle.js").statusCode()).isEqualTo(200);
        assertThat(client.get("/docs/start.js").body()).contains("/api/v1/openapi.json");
        assertThat(client.get("/api/v1/accounts").headers().firstValue("Content-Security-Policy"))
                .hasValue("default-src 'none'; frame-ancestors 'none'");
    }
}
