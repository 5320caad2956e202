package dev.fairbill.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import tools.jackson.databind.JsonNode;

/**
 * The stack as {@code ./run-local.sh} starts it for a newcomer, and its public OpenAPI document. The screen shows
 * progress lines, then the banner, and nothing else. The document validates, it is the one committed in
 * {@code docs/openapi.json}, it documents every route of the gateway, and every operation it documents answers
 * through the gateway with a documented status, content type and body.
 */
class OpenApiIT {

    /** Set to {@code true} to write the served document to {@code docs/openapi.json} instead of comparing. */
    static final String WRITE = "fairbill.openapi.write";

    private static RunLocal stack;
    private static Path data;
    private static List<String> screen;
    private static GatewayClient gateway;
    private static Receiver receiver;
    private static String served;
    private static OpenApiContract contract;

    @BeforeAll
    static void start() throws Exception {
        receiver = new Receiver();
        data = Files.createTempDirectory("fairbill-run-local");
        stack = RunLocal.start(data, Map.of());
        screen = stack.awaitBanner();
        gateway = new GatewayClient(stack.gatewayUrl());
        HttpResponse<String> document = gateway.get("/api/v1/openapi.json", null);
        assertThat(document.statusCode()).as(document.body()).isEqualTo(200);
        served = document.body();
        contract = new OpenApiContract(gateway.json(document));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        stack.close();
        receiver.close();
    }

    @Test
    void theFirstScreenShowsProgressLinesThenTheBannerAndNothingElse() {
        String shown = String.join("\n", screen);
        int banner = screen.indexOf("");
        assertThat(banner).as(shown).isPositive();
        assertThat(screen.subList(0, banner)).as(shown)
                .allMatch(line -> line.startsWith("Starting ") || line.startsWith("Building Fairbill"));
        assertThat(screen.subList(0, banner)).as(shown).anyMatch(line -> line.startsWith("Starting gateway"));
        assertThat(screen.get(banner + 1)).startsWith("Fairbill is running.");
        assertThat(screen.getLast()).isEqualTo(RunLocal.BANNER_END);
        assertThat(shown).doesNotContain("WARNING", "INFO", "ERROR", "Exception", "testcontainers", "\tat ");
        assertThat(data.resolve("logs/postgres.log")).as("the database's own lines go to its log").isNotEmptyFile();
    }

    /** A merchant's receiver on this machine: answers every event 200. */
    private static final class Receiver implements AutoCloseable {

        private final HttpServer server;

        Receiver() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    @Test
    void theDocumentIsValidOpenApi31() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(served, null, options);
        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
        assertThat(result.getOpenAPI().getComponents().getSecuritySchemes()).containsKey("apiKey");
    }

    /** CI fails here when an API change did not regenerate the committed document. */
    @Test
    void theCommittedDocumentIsTheServedOne() throws IOException {
        Path committed = root().resolve("docs/openapi.json");
        if (Boolean.getBoolean(WRITE)) {
            Files.writeString(committed, served, StandardCharsets.UTF_8);
        }
        assertThat(Files.exists(committed)).as("docs/openapi.json exists").isTrue();
        assertThat(Files.readString(committed, StandardCharsets.UTF_8))
                .as("docs/openapi.json is stale: regenerate it with -D" + WRITE + "=true (docs/api.md)")
                .isEqualTo(served);
    }

    /** Each path pattern of each route of the gateway leads to at least one documented path. */
    @Test
    @SuppressWarnings("unchecked")
    void everyRouteOfTheGatewayIsDocumented() throws IOException {
        Map<String, Object> settings = new Yaml().load(Files.readString(
                root().resolve("gateway/src/main/resources/application.yml")));
        Map<String, Object> cloud = (Map<String, Object>) ((Map<String, Object>) settings.get("spring")).get("cloud");
        List<Map<String, Object>> routes = (List<Map<String, Object>>) ((Map<String, Object>) ((Map<String, Object>)
                ((Map<String, Object>) cloud.get("gateway")).get("server")).get("webmvc")).get("routes");
        assertThat(routes).isNotEmpty();
        List<String> undocumented = new ArrayList<>();
        for (Map<String, Object> route : routes) {
            for (Object predicate : (List<Object>) route.get("predicates")) {
                String text = predicate.toString();
                if (!text.startsWith("Path=")) {
                    continue;
                }
                for (String pattern : text.substring("Path=".length()).split(",")) {
                    Pattern parsed = Pattern.compile(pattern.trim().replace("*", "[^/]+")
                            .replace("/[^/]+[^/]+", "(/.+)?"));
                    if (contract.paths(path -> parsed.matcher(path.replaceAll("\\{([^}/]+)}", "$1")).matches())
                            .isEmpty()) {
                        undocumented.add(route.get("id") + ": " + pattern);
                    }
                }
            }
        }
        assertThat(undocumented).as("route patterns with no documented path").isEmpty();
    }

    /**
     * Calls every documented operation through the gateway as a client would, and checks each answer against the
     * document. An operation added without a call here fails the test.
     */
    @Test
    void everyDocumentedOperationAnswersAsDocumented() {
        Tour tour = new Tour();
        tour.call("GET", "/api/v1/openapi.json", "", null, null, 200);
        tour.call("GET", "/docs", "", null, null, 200);

        // billing: catalog, accounts, subscriptions, charges, purchases, disputes
        tour.call("GET", "/api/v1/plans", "", "rk_test_studio", null, 200);
        tour.call("GET", "/api/v1/products", "", "rk_test_studio", null, 200);
        String account = tour.call("POST", "/api/v1/accounts", "", "sk_test_studio", """
                {"externalRef": "contract-%s", "role": "CUSTOMER", "defaultPaymentMethod": "pm_card_ok"}"""
                .formatted(UUID.randomUUID()), 201).get("id").asString();
        tour.call("GET", "/api/v1/accounts/{accountId}", "", "rk_test_studio", null, 200, account);
        String subscription = tour.call("POST", "/api/v1/subscriptions", "", "sk_test_studio", """
                {"accountId": "%s", "planId": "monthly"}""".formatted(account), 201).get("id").asString();
        tour.call("GET", "/api/v1/subscriptions/{subscriptionId}", "", "rk_test_studio", null, 200, subscription);
        tour.call("POST", "/api/v1/subscriptions/{subscriptionId}/payment-method", "", "sk_test_studio",
                "{\"paymentMethod\": \"pm_card_ok\"}", 200, subscription);
        tour.call("POST", "/api/v1/subscriptions/{subscriptionId}/plan", "", "sk_test_studio",
                "{\"planId\": \"yearly\"}", 200, subscription);
        tour.call("POST", "/api/v1/subscriptions/{subscriptionId}/cancel", "", "sk_test_studio",
                "{\"mode\": \"END_OF_PERIOD\"}", 200, subscription);
        tour.call("POST", "/api/v1/subscriptions/{subscriptionId}/cancellation/withdraw", "", "sk_test_studio",
                null, 200, subscription);
        JsonNode charge = tour.call("POST", "/api/v1/charges", "", "sk_test_studio", """
                {"accountId": "%s", "amount": {"amount": 1000, "currency": "EUR"}, "description": "contract"}"""
                .formatted(account), 201);
        String chargeId = charge.get("id").asString();
        tour.call("GET", "/api/v1/charges/{chargeId}", "", "rk_test_studio", null, 200, chargeId);
        tour.call("GET", "/api/v1/charges", "?accountId=" + account, "rk_test_studio", null, 200);
        String purchase = tour.call("POST", "/api/v1/purchases", "", "sk_test_studio", """
                {"accountId": "%s", "productId": "credits-500"}""".formatted(account), 201).get("id").asString();
        tour.call("GET", "/api/v1/purchases/{purchaseId}", "", "rk_test_studio", null, 200, purchase);
        String event = StripeWebhooks.disputeEvent("charge.dispute.created", "du_" + UUID.randomUUID(),
                charge.get("processorChargeId").asString(), 1000, "needs_response");
        tour.check("POST", "/webhooks/stripe/{tenant}", gateway.send("POST", "/webhooks/stripe/studio", null, event,
                Map.of("Stripe-Signature", StripeWebhooks.signature(event, "whsec_test_studio"))), 200);
        String dispute = gateway.awaitJson("/api/v1/charges/" + chargeId, "rk_test_studio",
                c -> c.get("dispute").isObject()).get("dispute").get("id").asString();
        tour.call("GET", "/api/v1/disputes/{disputeId}", "", "rk_test_studio", null, 200, dispute);
        tour.call("GET", "/api/v1/disputes/{disputeId}/evidence", "", "rk_test_studio", null, 200, dispute);
        tour.call("GET", "/api/v1/accounts/{accountId}/timeline", "", "rk_test_studio", null, 200, account);
        tour.check("POST", "/webhooks/adyen/{tenant}", gateway.send("POST", "/webhooks/adyen/panel", null,
                """
                {"live": "false", "notificationItems": [{"NotificationRequestItem": {
                 "additionalData": {"hmacSignature": "bm90IHRoZSBzaWduYXR1cmU="}, "eventCode": "CAPTURE",
                 "success": "true", "pspReference": "QFQTPCQ8HXSKGK82", "merchantAccountCode": "FairbillPanel",
                 "merchantReference": "contract", "amount": {"value": 1000, "currency": "EUR"},
                 "eventDate": "2026-12-01T10:00:00+01:00"}}]}""", Map.of()), 401);

        // test clocks: one created, read, and advanced a month (it has no accounts, so it is ready at once)
        String clock = tour.call("POST", "/api/v1/test-clocks", "", "sk_test_studio", """
                {"name": "contract"}""", 201).get("id").asString();
        tour.call("GET", "/api/v1/test-clocks/{clockId}", "", "rk_test_studio", null, 200, clock);
        tour.call("POST", "/api/v1/test-clocks/{clockId}/advance", "", "sk_test_studio", """
                {"to": "%s"}""".formatted(Instant.now().plus(Duration.ofDays(31))), 202, clock);

        // merchant webhooks: an endpoint on a receiver here, an event delivered, replayed, the secret rotated
        String endpoint = tour.call("POST", "/api/v1/webhook-endpoints", "", "sk_test_studio", """
                {"url": "%s", "enabledEvents": ["charge.succeeded"], "description": "contract"}"""
                .formatted(receiver.url()), 201).get("id").asString();
        tour.call("GET", "/api/v1/webhook-endpoints", "", "rk_test_studio", null, 200);
        tour.call("GET", "/api/v1/webhook-endpoints/{endpointId}", "", "rk_test_studio", null, 200, endpoint);
        tour.call("POST", "/api/v1/webhook-endpoints/{endpointId}/rotate-secret", "", "sk_test_studio",
                "{\"overlap\": \"PT1H\"}", 200, endpoint);
        gateway.created(gateway.post("/api/v1/charges", "sk_test_studio", """
                {"accountId": "%s", "amount": {"amount": 300, "currency": "EUR"}, "description": "hooked"}"""
                .formatted(gateway.openAccount("studio", "CUSTOMER", null))));
        String delivery = gateway.awaitJson("/api/v1/webhook-endpoints/" + endpoint + "/deliveries", "rk_test_studio",
                page -> page.get("data").size() == 1).get("data").get(0).get("id").asString();
        tour.call("GET", "/api/v1/webhook-endpoints/{endpointId}/deliveries", "", "rk_test_studio", null, 200,
                endpoint);
        tour.call("POST", "/api/v1/webhook-endpoints/{endpointId}/deliveries/{deliveryId}/replay", "",
                "sk_test_studio", null, 202, endpoint, delivery);
        tour.call("POST", "/api/v1/webhook-endpoints/{endpointId}/enable", "", "sk_test_studio", null, 200, endpoint);
        tour.call("DELETE", "/api/v1/webhook-endpoints/{endpointId}", "", "sk_test_studio", null, 204, endpoint);

        // ledger: a reseller and its sub-reseller, credits granted, held, consumed, moved, voided; cash paid out
        String reseller = gateway.openAccount("studio", "RESELLER", null);
        String subReseller = gateway.openAccount("studio", "SUB_RESELLER", reseller);
        gateway.awaitJson("/api/v1/ledgers/" + subReseller, "rk_test_studio", l -> true);
        String lot = tour.call("POST", "/api/v1/ledgers/{accountId}/grants", "", "sk_test_studio",
                "{\"amount\": 100, \"source\": \"GOODWILL\", \"reference\": \"contract\"}", 201, reseller)
                .get("id").asString();
        tour.call("GET", "/api/v1/ledgers/{accountId}", "", "rk_test_studio", null, 200, reseller);
        tour.call("GET", "/api/v1/ledgers/{accountId}/lots/{lotId}", "", "rk_test_studio", null, 200, reseller, lot);
        tour.call("POST", "/api/v1/ledgers/{accountId}/consumptions", "", "sk_test_studio",
                "{\"amount\": 10, \"reference\": \"export-1\"}", 201, reseller);
        String held = tour.call("POST", "/api/v1/ledgers/{accountId}/holds", "", "sk_test_studio",
                "{\"amount\": 20, \"reference\": \"device-7\", \"expiresIn\": \"PT5M\"}", 201, reseller)
                .get("id").asString();
        tour.call("GET", "/api/v1/ledgers/{accountId}/holds/{holdId}", "", "rk_test_studio", null, 200, reseller,
                held);
        tour.call("POST", "/api/v1/ledgers/{accountId}/holds/{holdId}/capture", "", "sk_test_studio",
                "{\"amount\": 5}", 200, reseller, held);
        String released = tour.call("POST", "/api/v1/ledgers/{accountId}/holds", "", "sk_test_studio",
                "{\"amount\": 5, \"reference\": \"device-8\"}", 201, reseller).get("id").asString();
        tour.call("POST", "/api/v1/ledgers/{accountId}/holds/{holdId}/release", "", "sk_test_studio", null, 200,
                reseller, released);
        tour.call("POST", "/api/v1/ledgers/{accountId}/transfers", "", "sk_test_studio",
                "{\"toAccountId\": \"%s\", \"amount\": 10}".formatted(subReseller), 201, reseller);
        String voided = tour.call("POST", "/api/v1/ledgers/{accountId}/grants", "", "sk_test_studio",
                "{\"amount\": 7, \"source\": \"GOODWILL\"}", 201, reseller).get("id").asString();
        tour.call("POST", "/api/v1/ledgers/{accountId}/lots/{lotId}/void", "", "sk_test_studio",
                "{\"reason\": \"granted by mistake\"}", 200, reseller, voided);
        tour.call("GET", "/api/v1/ledgers/{accountId}/entries", "", "rk_test_studio", null, 200, reseller);
        String paid = gateway.created(gateway.post("/api/v1/charges", "sk_test_studio", """
                {"accountId": "%s", "amount": {"amount": 1000, "currency": "EUR"}, "description": "cash"}"""
                .formatted(reseller))).get("id").asString();
        gateway.awaitCreated("/api/v1/ledgers/" + reseller + "/grants", "sk_test_studio", """
                {"amount": 300, "source": "REFUND_BALANCE", "unit": "EUR", "chargeId": "%s"}""".formatted(paid));
        String withdrawal = tour.call("POST", "/api/v1/ledgers/{accountId}/withdrawals", "", "sk_test_studio",
                "{\"amount\": {\"amount\": 100, \"currency\": \"EUR\"}}", 202, reseller).get("id").asString();
        tour.call("GET", "/api/v1/ledgers/{accountId}/withdrawals/{withdrawalId}", "", "rk_test_studio", null, 200,
                reseller, withdrawal);
        tour.call("GET", "/api/v1/journal/check", "", "rk_test_studio", null, 200);

        // refunds: policies, incidents, cases decided, reviewed, remedied, and their audit trail
        String policy = tour.call("GET", "/api/v1/policies", "", "rk_test_smm", null, 200).get("data").get(0)
                .get("id").asString();
        tour.call("GET", "/api/v1/policies/{policyId}", "", "rk_test_smm", null, 200, policy);
        String incident = tour.call("POST", "/api/v1/incidents", "", "sk_test_smm", """
                {"startedAt": "%s", "scope": "ALL", "description": "contract"}""".formatted(Instant.now()), 201)
                .get("id").asString();
        tour.call("GET", "/api/v1/incidents/{incidentId}", "", "rk_test_smm", null, 200, incident);
        tour.call("POST", "/api/v1/incidents/{incidentId}/close", "", "sk_test_smm", "{}", 200, incident);
        tour.call("GET", "/api/v1/incidents", "", "rk_test_smm", null, 200);
        String customer = gateway.openAccount("smm", "CUSTOMER", null);
        String request = reviewableRequest(customer, "contract");
        tour.call("POST", "/api/v1/refund-requests/preview", "", "sk_test_smm", request, 200);
        String approved = tour.call("POST", "/api/v1/refund-requests", "", "sk_test_smm", request, 201)
                .get("id").asString();
        tour.call("GET", "/api/v1/refund-requests/{caseId}", "", "rk_test_smm", null, 200, approved);
        tour.call("POST", "/api/v1/refund-requests/{caseId}/evidence", "", "sk_test_smm",
                "{\"kind\": \"ORDER_DETAILS\", \"reference\": \"order-7\"}", 200, approved);
        tour.call("GET", "/api/v1/refund-requests", "?status=IN_REVIEW", "rk_test_smm", null, 200);
        tour.call("POST", "/api/v1/refund-requests/{caseId}/approve", "", "rv_test_smm",
                "{\"note\": \"caught before delivery\"}", 200, approved);
        String rejected = gateway.created(gateway.post("/api/v1/refund-requests", "sk_test_smm",
                reviewableRequest(customer, "again"))).get("id").asString();
        tour.call("POST", "/api/v1/refund-requests/{caseId}/reject", "", "rv_test_smm",
                "{\"note\": \"delivery had started\"}", 200, rejected);
        tour.call("GET", "/api/v1/audit", "?resource=" + rejected, "rk_test_smm", null, 200);
        String delivered = gateway.created(gateway.post("/api/v1/purchases", "sk_test_smm", """
                {"accountId": "%s", "productId": "followers-2000"}""".formatted(customer))).get("id").asString();
        gateway.awaitJson("/api/v1/purchases/" + delivered, "rk_test_smm",
                p -> p.get("status").asString().equals("PAID"));
        tour.call("POST", "/api/v1/purchases/{purchaseId}/fulfilment", "", "sk_test_smm",
                "{\"status\": \"IN_PROGRESS\", \"delivered\": 500}", 200, delivered);
        String activation = gateway.openAccount("panel", "CUSTOMER", null);
        String activationCharge = gateway.created(gateway.post("/api/v1/charges", "sk_test_panel", """
                {"accountId": "%s", "amount": {"amount": 1000, "currency": "EUR"}, "description": "activation"}"""
                .formatted(activation))).get("id").asString();
        String remedied = gateway.awaitCreated("/api/v1/refund-requests", "sk_test_panel", """
                {"accountId": "%s", "chargeId": "%s", "reason": "FAILED_ACTIVATION"}"""
                .formatted(activation, activationCharge)).get("id").asString();
        gateway.awaitJson("/api/v1/refund-requests/" + remedied, "rk_test_panel",
                c -> c.get("status").asString().equals("EXECUTING"));
        tour.call("POST", "/api/v1/refund-requests/{caseId}/remedy/complete", "", "rv_test_panel",
                "{\"note\": \"activated by support\"}", 200, remedied);

        assertThat(contract.notCalled()).as("documented operations the tour did not call").isEmpty();
    }

    /**
     * A change-of-mind request for a new delivery order of {@code customer}, once the refund service knows the order:
     * the policy sends it to review.
     */
    private static String reviewableRequest(String customer, String explanation) {
        String order = gateway.created(gateway.post("/api/v1/purchases", "sk_test_smm", """
                {"accountId": "%s", "productId": "followers-2000"}""".formatted(customer))).get("id").asString();
        String request = """
                {"accountId": "%s", "purchaseId": "%s", "reason": "CHANGE_OF_MIND", "explanation": "%s"}"""
                .formatted(customer, order, explanation);
        gateway.awaitJson("/api/v1/refund-requests/preview", "sk_test_smm", request,
                d -> d.get("decision").get("outcome").asString().equals("NEEDS_REVIEW"));
        return request;
    }

    private static Path root() {
        return Path.of(System.getProperty("fairbill.root", "..")).toAbsolutePath().normalize();
    }

    /** Calls operations by their documented path, and checks each answer against the document. */
    private static final class Tour {

        JsonNode call(String method, String template, String query, String key, String body, int expected,
                      String... ids) {
            String path = template;
            for (String id : ids) {
                path = path.replaceFirst("\\{[^}]+}", id);
            }
            HttpResponse<String> response = method.equals("POST") ? gateway.post(path + query, key, body)
                    : gateway.send(method, path + query, key, body, Map.of());
            check(method, template, response, expected);
            String type = response.headers().firstValue("Content-Type").orElse("");
            return type.contains("json") ? gateway.json(response) : null;
        }

        void check(String method, String template, HttpResponse<String> response, int expected) {
            contract.check(method, template, response);
            assertThat(response.statusCode()).as("%s %s: %s", method, template, response.body()).isEqualTo(expected);
        }
    }
}
