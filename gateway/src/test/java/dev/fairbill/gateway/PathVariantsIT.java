package dev.fairbill.gateway;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.fairbill.gateway.testsupport.GatewayClient;
import dev.fairbill.gateway.testsupport.StubBackend;

import static dev.fairbill.gateway.testsupport.GatewayClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every route, and the review actions in particular, spelled every other way a path can be spelled: none of them is
 * forwarded, and none reaches a route with a weaker scope than its canonical form.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
class PathVariantsIT {

    private static final String ADMIN_KEY = "sk_it_admin";
    private static final String REFUND_CLERK_KEY = "sk_it_refund_clerk";
    private static final String CASE = "rc_0A1B2C3D4E5F6G7H8J9K0M1N2P";

    private static final StubBackend BACKEND = StubBackend.start();

    /** One path per route, the two review actions among them. */
    private static final List<String> ROUTE_PATHS = List.of(
            "/api/v1/accounts/acct_1",
            "/api/v1/subscriptions/sub_1/cancel",
            "/api/v1/charges",
            "/api/v1/ledgers/acct_1/grants",
            "/api/v1/journal/check",
            "/api/v1/refund-requests",
            "/api/v1/refund-requests/" + CASE + "/approve",
            "/api/v1/refund-requests/" + CASE + "/reject",
            "/api/v1/incidents",
            "/webhooks/stripe/panel",
            "/webhooks/adyen/panel");

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
    }

    static Stream<Arguments> nonCanonicalVariants() {
        List<Arguments> variants = new ArrayList<>();
        for (String path : ROUTE_PATHS) {
            int last = path.lastIndexOf('/');
            String head = path.substring(0, last);
            String tail = path.substring(last + 1);
            Map.of(
                    "double slash inside", head + "//" + tail,
                    "double slash at the start", "/" + path,
                    "dot segment", head + "/./" + tail,
                    "dot-dot segment", head + "/x/../" + tail,
                    "encoded dot segment", head + "/%2e/" + tail,
                    "encoded slash", head + "%2F" + tail,
                    "encoded backslash", head + "%5C" + tail,
                    "semicolon parameter", head + "/" + tail + ";jsessionid=1",
                    "semicolon in a segment", head + ";x=1/" + tail,
                    "trailing slash", path + "/"
            ).forEach((variant, spelled) -> variants.add(Arguments.of(variant, spelled)));
        }
        return variants.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("nonCanonicalVariants")
    void aNonCanonicalPathIsRefusedAndNeverForwarded(String variant, String path) {
        HttpResponse<String> response = gateway.post(path, "{}", "Authorization", bearer(ADMIN_KEY));

        assertThat(response.statusCode()).as(variant).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(BACKEND.received()).as(variant).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("canonicalPaths")
    void theCanonicalPathOfEveryRouteIsForwarded(String path) {
        HttpResponse<String> response = gateway.post(path, "{}", "Authorization", bearer(ADMIN_KEY));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(BACKEND.onlyRequest().uri().getRawPath()).isEqualTo(path);
    }

    static Stream<String> canonicalPaths() {
        return ROUTE_PATHS.stream();
    }

    @ParameterizedTest
    @MethodSource("reviewActionsInOtherCase")
    void aReviewActionInAnyCaseNeedsTheReviewScope(String path) {
        HttpResponse<String> response = gateway.post(path, "{}", "Authorization", bearer(REFUND_CLERK_KEY));

        assertThat(response.statusCode()).isIn(403, 404);
        assertThat(BACKEND.received()).isEmpty();
    }

    static Stream<String> reviewActionsInOtherCase() {
        return Stream.of(
                "/api/v1/refund-requests/" + CASE + "/APPROVE",
                "/api/v1/refund-requests/" + CASE + "/Reject",
                "/API/V1/REFUND-REQUESTS/" + CASE + "/APPROVE",
                "/api/v1/Refund-Requests/" + CASE + "/approve");
    }

    @Test
    void aRouteSpelledInAnotherCaseMatchesNoRoute() {
        HttpResponse<String> response = gateway.get("/API/v1/accounts/acct_1", "Authorization", bearer(ADMIN_KEY));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(BACKEND.received()).isEmpty();
    }

    @Test
    void theRefundRouteStillAdmitsTheClerksOwnWrites() {
        HttpResponse<String> response = gateway.post("/api/v1/refund-requests/" + CASE + "/evidence", "{}",
                "Authorization", bearer(REFUND_CLERK_KEY));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(BACKEND.received()).hasSize(1);
    }
}
