package dev.fairbill.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.fairbill.gateway.testsupport.GatewayClient;
import dev.fairbill.gateway.testsupport.StubBackend;

import static dev.fairbill.gateway.testsupport.GatewayClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/** How the gateway uses its connections to a service: pooled, never retried, answers passed on untouched. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "fairbill.gateway.upstream.max-connections-per-service=" + UpstreamConnectionsIT.POOL)
@ActiveProfiles("it")
class UpstreamConnectionsIT {

    static final int POOL = 2;
    private static final String ADMIN_KEY = "sk_it_admin";
    private static final StubBackend BILLING = StubBackend.start();

    @DynamicPropertySource
    static void pointRoutesAtStub(DynamicPropertyRegistry registry) {
        registry.add("fairbill.gateway.services.billing.uri", BILLING::uri);
        registry.add("fairbill.gateway.services.ledger.uri", StubBackend::unreachableUri);
        registry.add("fairbill.gateway.services.refund.uri", StubBackend::unreachableUri);
    }

    @AfterAll
    static void stopStub() {
        BILLING.close();
    }

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    GatewayClient gateway;

    @BeforeEach
    void setUp() {
        gateway = new GatewayClient(port);
        BILLING.reset();
    }

    @Test
    void aServiceUnavailableAnswerReachesTheCallerAndIsNotRetried() {
        BILLING.answerWith(503, Map.of("Retry-After", "1"), "{\"status\":503}".getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> response = gateway.get("/api/v1/plans", "Authorization", bearer(ADMIN_KEY));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(BILLING.received()).hasSize(1);
    }

    @Test
    void aRedirectReachesTheCallerAndIsNotFollowed() {
        BILLING.answerWith(303, Map.of("Location", "/api/v1/plans/p_other"), new byte[0]);

        HttpResponse<String> response = gateway.get("/api/v1/plans", "Authorization", bearer(ADMIN_KEY));

        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers().firstValue("Location")).hasValue("/api/v1/plans/p_other");
        assertThat(BILLING.received()).hasSize(1);
    }

    @Test
    void aCookieOneAnswerSetsIsNeverSentWithAnotherCallersRequest() {
        BILLING.answerWith(200, Map.of("Set-Cookie", "session=abc; Path=/"), "{}".getBytes(StandardCharsets.UTF_8));
        gateway.get("/api/v1/plans", "Authorization", bearer(ADMIN_KEY));

        gateway.get("/api/v1/plans", "Authorization", bearer(ADMIN_KEY));

        assertThat(BILLING.received()).hasSize(2).noneMatch(request -> request.hasHeader("Cookie"));
    }

    @Test
    void aCompressedAnswerReachesTheCallerAsTheServiceWroteIt() throws IOException {
        byte[] compressed = gzip("{\"plans\":[]}");
        BILLING.answerWith(200, Map.of("Content-Encoding", "gzip"), compressed);

        HttpResponse<byte[]> response = gateway.getBytes("/api/v1/plans",
                "Authorization", bearer(ADMIN_KEY), "Accept-Encoding", "gzip");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(response.body()).isEqualTo(compressed);
        assertThat(BILLING.onlyRequest().header("Accept-Encoding")).isEqualTo("gzip");
    }

    @Test
    void moreParallelCallsThanConnectionsWaitForOneAndAllSucceed() throws Exception {
        BILLING.delayEachAnswer(Duration.ofMillis(150));
        int calls = POOL * 4;

        List<Integer> statuses = new ArrayList<>();
        try (var callers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                answers.add(callers.submit(() ->
                        gateway.get("/api/v1/plans", "Authorization", bearer(ADMIN_KEY)).statusCode()));
            }
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
        }

        assertThat(statuses).hasSize(calls).containsOnly(200);
        assertThat(BILLING.received()).hasSize(calls);
        assertThat(BILLING.mostInFlight()).isEqualTo(POOL);
    }

    @Test
    void aProxiedCallIsMeasuredAsTheGatewaysRequestOnly() {
        gateway.get("/api/v1/plans", "Authorization", bearer(ADMIN_KEY));

        String metrics = new GatewayClient(managementPort).get("/actuator/prometheus").body();
        assertThat(metrics).contains("http_server_requests_seconds_count").doesNotContain("http_client_requests");
    }

    private static byte[] gzip(String text) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var zip = new GZIPOutputStream(bytes)) {
            zip.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
