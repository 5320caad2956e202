package dev.fairbill.gateway;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.fairbill.gateway.testsupport.GatewayClient;
import dev.fairbill.gateway.testsupport.StubBackend;
import dev.fairbill.gateway.testsupport.StubBackend.RecordedRequest;

import static dev.fairbill.gateway.testsupport.GatewayClient.bearer;
import static dev.fairbill.gateway.testsupport.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
@ExtendWith(OutputCaptureExtension.class)
class GatewayIT {

    private static final String ADMIN_KEY = "sk_it_admin";
    private static final String READ_KEY = "rk_it_read";
    private static final String REFUND_CLERK_KEY = "sk_it_refund_clerk";
    private static final String JWT_SECRET = "integration-test-internal-jwt-secret-0123456789";

    private static final StubBackend BILLING = StubBackend.start();
    private static final StubBackend LEDGER = StubBackend.start();
    private static final StubBackend REFUND = StubBackend.start();
    private static final Map<String, StubBackend> BACKENDS = Map.of("billing", BILLING, "ledger", LEDGER, "refund", REFUND);

    @DynamicPropertySource
    static void pointRoutesAtStubs(DynamicPropertyRegistry registry) {
        registry.add("fairbill.gateway.services.billing.uri", BILLING::uri);
        registry.add("fairbill.gateway.services.ledger.uri", LEDGER::uri);
        registry.add("fairbill.gateway.services.refund.uri", REFUND::uri);
    }

    @AfterAll
    static void stopStubs() {
        BACKENDS.values().forEach(StubBackend::close);
    }

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    GatewayClient gateway;

    @BeforeEach
    void setUp() {
        gateway = new GatewayClient(port);
        BACKENDS.values().forEach(StubBackend::reset);
    }

    @Test
    void adminKeyIsForwardedWithAVerifiableInternalJwt() throws Exception {
        Instant before = Instant.now();

        HttpResponse<String> response = gateway.post("/api/v1/charges", "{\"accountId\":\"acct_1\"}",
                "Authorization", bearer(ADMIN_KEY));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"stub\":true}");
        RecordedRequest forwarded = BILLING.onlyRequest();
        assertThat(forwarded.method()).isEqualTo("POST");
        assertThat(forwarded.uri().getPath()).isEqualTo("/api/v1/charges");
        assertThat(new String(forwarded.body(), StandardCharsets.UTF_8)).isEqualTo("{\"accountId\":\"acct_1\"}");

        SignedJWT jwt = verifiedInternalJwt(forwarded);
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("fairbill-gateway");
        assertThat(claims.getAudience()).containsExactly("fairbill-services");
        assertThat(claims.getSubject()).isEqualTo("key_it_admin");
        assertThat(claims.getStringClaim("tenant")).isEqualTo("panel");
        assertThat(claims.getStringClaim("scope").split(" ")).containsExactlyInAnyOrder(
                "billing:read", "billing:write", "ledger:read", "ledger:write",
                "refunds:read", "refunds:write", "refunds:review");
        assertThat(claims.getJWTID()).isNotBlank();
        // a key's token is reused for the first half of its minute: issued at most 30 s ago, with 30 s or more left
        Date issuedAt = claims.getIssueTime();
        assertThat(issuedAt.toInstant()).isBetween(before.minusSeconds(31), Instant.now().plusSeconds(1));
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(issuedAt.toInstant().plusSeconds(60))
                .isAfter(before.plusSeconds(29));
    }

    @Test
    void clientIdentityHeadersNeverReachTheService() {
        HttpResponse<String> response = gateway.get("/api/v1/accounts/acct_1",
                "Authorization", bearer(ADMIN_KEY),
                "X-Fairbill-Tenant", "chat",
                "x-fairbill-key-id", "key_chat_admin",
                "X-FAIRBILL-SCOPES", "refunds:review",
                "X-Tenant", "chat",
                "X-User", "admin",
                "X-Forwarded-User", "admin",
                "Accept-Language", "de");

        assertThat(response.statusCode()).isEqualTo(200);
        RecordedRequest forwarded = BILLING.onlyRequest();
        assertThat(forwarded.headerNames())
                .noneMatch(name -> name.toLowerCase(Locale.ROOT).startsWith("x-fairbill-"))
                .noneMatch(name -> List.of("x-tenant", "x-user", "x-forwarded-user")
                        .contains(name.toLowerCase(Locale.ROOT)));
        assertThat(forwarded.headers().get("Authorization")).hasSize(1);
        assertThat(forwarded.header("Authorization")).doesNotContain(ADMIN_KEY);
        assertThat(forwarded.header("Accept-Language")).isEqualTo("de");
    }

    @Test
    void connectionAndForwardingHeadersNeverReachTheService() {
        HttpResponse<String> response = gateway.get("/api/v1/accounts/acct_1",
                "Authorization", bearer(ADMIN_KEY),
                "Forwarded", "for=203.0.113.9;host=evil.example",
                "X-Forwarded-For", "203.0.113.9",
                "X-Forwarded-Host", "evil.example",
                "X-Forwarded-Proto", "http",
                "Proxy-Connection", "keep-alive",
                "Keep-Alive", "timeout=99",
                "Trailer", "X-Checksum",
                "Accept-Language", "de");

        assertThat(response.statusCode()).isEqualTo(200);
        RecordedRequest forwarded = BILLING.onlyRequest();
        assertThat(forwarded.headerNames()).noneMatch(name -> List.of("forwarded", "x-forwarded-for",
                "x-forwarded-host", "x-forwarded-proto", "proxy-connection", "keep-alive", "trailer")
                .contains(name.toLowerCase(Locale.ROOT)));
        assertThat(forwarded.header("Accept-Language")).isEqualTo("de");
    }

    @Test
    void everyRequestIsTimedWithTheRouteItTook() {
        gateway.get("/api/v1/plans", "Authorization", bearer(ADMIN_KEY));
        gateway.get("/api/v1/nothing-here", "Authorization", bearer(ADMIN_KEY));
        gateway.get("/api/v1/plans");
        gateway.send("BREW", "/api/v1/plans", new byte[0], "Authorization", bearer(ADMIN_KEY));

        String metrics = new GatewayClient(managementPort).get("/actuator/prometheus").body();
        assertThat(metrics)
                .contains("http_server_requests_seconds_count{error=\"none\",exception=\"none\",method=\"GET\","
                        + "outcome=\"SUCCESS\",status=\"200\",uri=\"/api/v1/plans/**\"}")
                .contains("http_server_requests_seconds_count{error=\"none\",exception=\"none\",method=\"GET\","
                        + "outcome=\"CLIENT_ERROR\",status=\"401\",uri=\"/api/v1/plans/**\"}")
                .contains("http_server_requests_seconds_count{error=\"none\",exception=\"none\",method=\"GET\","
                        + "outcome=\"CLIENT_ERROR\",status=\"404\",uri=\"NOT_FOUND\"}")
                .contains("method=\"UNKNOWN\"")
                .doesNotContain("BREW")
                // no observation per request (it would also keep a timer of requests in flight)
                .doesNotContain("http_server_requests_active_seconds")
                // the latency histogram the dashboards read
                .contains("http_server_requests_seconds_bucket{error=\"none\",exception=\"none\",method=\"GET\","
                        + "outcome=\"SUCCESS\",status=\"200\",uri=\"/api/v1/plans/**\",le=\"0.001\"}");
    }

    @Test
    void aRequestReachesTheServiceWithTheBodyItCameWith() {
        gateway.get("/api/v1/plans", "Authorization", bearer(ADMIN_KEY));
        RecordedRequest read = BILLING.onlyRequest();
        assertThat(read.hasHeader("Transfer-Encoding")).isFalse();
        assertThat(read.body()).isEmpty();

        BILLING.reset();
        gateway.post("/api/v1/plans", "{\"code\":\"gold\"}", "Authorization", bearer(ADMIN_KEY));
        RecordedRequest write = BILLING.onlyRequest();
        assertThat(write.hasHeader("Transfer-Encoding")).isFalse();
        assertThat(write.header("Content-Length")).isEqualTo("15");
        assertThat(new String(write.body(), StandardCharsets.UTF_8)).isEqualTo("{\"code\":\"gold\"}");
    }

    @Test
    void requestWithoutKeyIsUnauthorized() {
        HttpResponse<String> response = gateway.get("/api/v1/accounts/acct_1");

        assertProblem(response, 401, "unauthorized");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(BILLING.received()).isEmpty();
    }

    @Test
    void unknownKeyIsUnauthorized() {
        HttpResponse<String> response = gateway.get("/api/v1/accounts/acct_1", "Authorization", bearer("sk_test_nobody"));

        assertProblem(response, 401, "unauthorized");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(response.body()).doesNotContain("sk_test_nobody");
        assertThat(BILLING.received()).isEmpty();
    }

    @Test
    void keyOutsideTheBearerSchemeIsUnauthorized() {
        HttpResponse<String> response = gateway.get("/api/v1/accounts/acct_1", "Authorization", "Basic " + ADMIN_KEY);

        assertProblem(response, 401, "unauthorized");
        assertThat(BILLING.received()).isEmpty();
    }

    @Test
    void readOnlyKeyCannotPost() {
        HttpResponse<String> response = gateway.post("/api/v1/accounts", "{}", "Authorization", bearer(READ_KEY));

        assertProblem(response, 403, "forbidden");
        assertThat(BILLING.received()).isEmpty();
    }

    @Test
    void readOnlyKeyCanGet() throws Exception {
        HttpResponse<String> response = gateway.get("/api/v1/ledgers/acct_1", "Authorization", bearer(READ_KEY));

        assertThat(response.statusCode()).isEqualTo(200);
        JWTClaimsSet claims = verifiedInternalJwt(LEDGER.onlyRequest()).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo("key_it_read");
        assertThat(claims.getStringClaim("tenant")).isEqualTo("studio");
        assertThat(claims.getStringClaim("scope").split(" "))
                .containsExactlyInAnyOrder("billing:read", "ledger:read", "refunds:read");
    }

    @Test
    void approvingOrRejectingARefundNeedsTheReviewScope() {
        HttpResponse<String> approve = gateway.post("/api/v1/refund-requests/rc_1/approve", "{\"note\":\"ok\"}",
                "Authorization", bearer(REFUND_CLERK_KEY));
        HttpResponse<String> reject = gateway.post("/api/v1/refund-requests/rc_1/reject", "{\"note\":\"no\"}",
                "Authorization", bearer(REFUND_CLERK_KEY));

        assertProblem(approve, 403, "forbidden");
        assertProblem(reject, 403, "forbidden");
        assertThat(approve.body()).contains("refunds:review");
        // the answer names the missing scope, never the key's id (an id is a handle for whoever holds a key)
        assertThat(approve.body()).doesNotContain("key_it_refund_clerk");
        assertThat(REFUND.received()).isEmpty();
    }

    @Test
    void keyWithoutReviewScopeCanStillRequestRefunds() {
        HttpResponse<String> response = gateway.post("/api/v1/refund-requests", "{\"accountId\":\"acct_1\"}",
                "Authorization", bearer(REFUND_CLERK_KEY));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(REFUND.onlyRequest().uri().getPath()).isEqualTo("/api/v1/refund-requests");
    }

    @Test
    void reviewerCanApproveRefunds() {
        HttpResponse<String> response = gateway.post("/api/v1/refund-requests/rc_1/approve", "{\"note\":\"ok\"}",
                "Authorization", bearer(ADMIN_KEY));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(REFUND.onlyRequest().uri().getPath()).isEqualTo("/api/v1/refund-requests/rc_1/approve");
    }

    @Test
    void webhookIsForwardedWithoutKeyAndWithItsBodyUntouched() {
        byte[] rawBody = "{ \"id\" : \"evt_1\",\n\t\"data\":{\"object\":{\"charge\":\"ch_ü€\"}}  }\r\n"
                .getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = gateway.send("POST", "/webhooks/stripe/panel", rawBody,
                "Stripe-Signature", "t=1,v1=abc",
                "Authorization", bearer(ADMIN_KEY),
                "X-Fairbill-Tenant", "chat");

        assertThat(response.statusCode()).isEqualTo(200);
        RecordedRequest forwarded = BILLING.onlyRequest();
        assertThat(forwarded.uri().getPath()).isEqualTo("/webhooks/stripe/panel");
        assertThat(forwarded.body()).isEqualTo(rawBody);
        assertThat(forwarded.header("Stripe-Signature")).isEqualTo("t=1,v1=abc");
        assertThat(forwarded.hasHeader("Authorization")).isFalse();
        assertThat(forwarded.hasHeader("X-Fairbill-Tenant")).isFalse();
    }

    @Test
    void anOversizedBodyIsRefusedAtTheGatewayAndNeverForwarded() {
        HttpResponse<String> response = gateway.post("/api/v1/accounts",
                "{\"externalRef\": \"" + "x".repeat(1024 * 1024) + "\"}", "Authorization", bearer(ADMIN_KEY));

        assertProblem(response, 413, "payload-too-large");
        BACKENDS.values().forEach(backend -> assertThat(backend.received()).isEmpty());
    }

    @Test
    void aControlCharacterInTheQueryIsRefusedAtTheGatewayAndNeverForwarded() {
        HttpResponse<String> response = gateway.get("/api/v1/charges?accountId=acct_1%00", "Authorization",
                bearer(ADMIN_KEY));

        assertProblem(response, 400, "invalid-request-target");
        BACKENDS.values().forEach(backend -> assertThat(backend.received()).isEmpty());
    }

    @ParameterizedTest
    @CsvSource({
            "GET, /api/v1/plans, , 401",
            "POST, /api/v1/charges, rk_it_read, 403",
            "GET, /api/v1/unknown, sk_it_admin, 404",
            "GET, /api/v1//plans, sk_it_admin, 400",
            "GET, /api/v1/plans, sk_it_admin, 200"
    })
    void everyAnswerCarriesTheSecurityHeadersOnce(String method, String path, String key, int status) {
        HttpResponse<String> response = key == null
                ? gateway.send(method, path, new byte[0])
                : gateway.send(method, path, method.equals("POST") ? "{}".getBytes(StandardCharsets.UTF_8) : new byte[0],
                        "Authorization", bearer(key));

        assertThat(response.statusCode()).isEqualTo(status);
        Map.of("X-Content-Type-Options", "nosniff",
                "X-Frame-Options", "DENY",
                "Cache-Control", "no-cache, no-store, max-age=0, must-revalidate",
                "Referrer-Policy", "no-referrer").forEach((name, value) ->
                assertThat(response.headers().allValues(name)).as(name).containsExactly(value));
    }

    @Test
    void theErrorPathIsNotSpringsDefaultPage() {
        for (String method : List.of("GET", "POST")) {
            HttpResponse<String> response = gateway.send(method, "/error", new byte[0]);

            assertProblem(response, 404, "not-found");
            assertThat(response.body()).doesNotContain("timestamp", "trace", "Internal Server Error");
        }
    }

    @Test
    void unknownPathIsANotFoundProblem() {
        HttpResponse<String> response = gateway.get("/api/v1/unknown", "Authorization", bearer(ADMIN_KEY));

        assertProblem(response, 404, "not-found");
        BACKENDS.values().forEach(backend -> assertThat(backend.received()).isEmpty());
    }

    @Test
    void actuatorIsServedOnlyOnTheManagementPort() {
        assertProblem(gateway.get("/actuator/health"), 404, "not-found");

        GatewayClient management = new GatewayClient(managementPort);
        assertThat(management.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(management.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
        assertThat(management.get("/actuator/prometheus").body()).contains("jvm_memory_used_bytes");
    }

    @ParameterizedTest
    @CsvSource({
            "/api/v1/accounts, billing",
            "/api/v1/plans, billing",
            "/api/v1/products, billing",
            "/api/v1/subscriptions/sub_1, billing",
            "/api/v1/charges?accountId=acct_1, billing",
            "/api/v1/purchases/pur_1, billing",
            "/api/v1/disputes/dp_1/evidence, billing",
            "/api/v1/ledgers/acct_1/entries, ledger",
            "/api/v1/refund-requests?status=IN_REVIEW, refund",
            "/api/v1/policies/final-sale-reseller, refund",
            "/api/v1/incidents, refund",
            "/api/v1/audit?resource=lot_1A, ledger",
            "/api/v1/audit?resource=acct_1A, ledger",
            "/api/v1/audit?resource=rc_1A, refund",
            "/api/v1/audit?resource=inc_1A, refund"
    })
    void everyApiPathReachesItsService(String pathAndQuery, String service) {
        HttpResponse<String> response = gateway.get(pathAndQuery, "Authorization", bearer(ADMIN_KEY));

        assertThat(response.statusCode()).isEqualTo(200);
        RecordedRequest forwarded = BACKENDS.get(service).onlyRequest();
        assertThat(forwarded.uri().toString()).isEqualTo(pathAndQuery);
        BACKENDS.values().stream().filter(backend -> backend != BACKENDS.get(service))
                .forEach(other -> assertThat(other.received()).isEmpty());
    }

    @Test
    void requestIdIsGeneratedForwardedAndEchoed() {
        HttpResponse<String> response = gateway.get("/api/v1/plans", "Authorization", bearer(ADMIN_KEY));

        String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(requestId).isNotBlank();
        assertThat(BILLING.onlyRequest().header("X-Request-Id")).isEqualTo(requestId);
    }

    @Test
    void clientRequestIdIsKept() {
        HttpResponse<String> response = gateway.get("/api/v1/plans",
                "Authorization", bearer(ADMIN_KEY), "X-Request-Id", "client-req-42");

        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("client-req-42");
        assertThat(BILLING.onlyRequest().header("X-Request-Id")).isEqualTo("client-req-42");
    }

    @Test
    void accessLogNamesTheKeyIdButNeverTheKey(CapturedOutput output) {
        gateway.get("/api/v1/plans", "Authorization", bearer(ADMIN_KEY), "X-Request-Id", "log-check-1");

        await().untilAsserted(() -> assertThat(output.getOut()).contains("\"id\":\"log-check-1\""));
        String line = output.getOut().lines().filter(l -> l.contains("\"id\":\"log-check-1\"")).findFirst().orElseThrow();
        assertThat(line)
                .contains("\"method\":\"GET\"", "\"path\":\"/api/v1/plans\"", "\"status_code\":200",
                        "\"key_id\":\"key_it_admin\"", "\"tenant\":\"panel\"", "\"duration\":")
                .doesNotContain(ADMIN_KEY, "Bearer");
        assertThat(output.getAll()).doesNotContain(ADMIN_KEY);
    }

    private static SignedJWT verifiedInternalJwt(RecordedRequest forwarded) throws Exception {
        String authorization = forwarded.header("Authorization");
        assertThat(authorization).startsWith("Bearer ");
        SignedJWT jwt = SignedJWT.parse(authorization.substring("Bearer ".length()));
        assertThat(jwt.verify(new MACVerifier(JWT_SECRET.getBytes(StandardCharsets.UTF_8))))
                .as("signature verifies with the shared secret").isTrue();
        return jwt;
    }
}
