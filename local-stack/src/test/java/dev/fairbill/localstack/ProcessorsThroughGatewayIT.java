package dev.fairbill.localstack;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One tenant on Stripe ({@code studio}) and one on Adyen ({@code panel}), each with a local server in the processor's
 * place, driven only through the gateway with the fixture keys and signed processor webhooks. For each: a subscription
 * starts and renews off session at the processor; a duplicate charge is reversed by a processor refund (Adyen's
 * decided by its {@code REFUND} notification); a dispute's evidence is submitted (to Stripe as the dispute's evidence,
 * to Adyen as a PDF defense document with the merchant's defense reason); the dispute is lost and the account
 * terminated.
 */
class ProcessorsThroughGatewayIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String STRIPE_CARD = "pm_card_visa";
    private static final String ADYEN_CARD = "shopper-e2e/8415718415172204";
    /** What the processors received: method, path, idempotency key and body. */
    private static final List<Request> received = new CopyOnWriteArrayList<>();
    private static final String DISPUTES = "/ca/services/DisputeService/v30";
    private static HttpServer processors;
    private static LocalStack stack;
    private static GatewayClient gateway;

    private record Request(String method, String path, String key, String body) {
    }

    @BeforeAll
    static void start() throws IOException {
        processors = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        processors.createContext("/", ProcessorsThroughGatewayIT::answer);
        processors.setExecutor(Executors.newCachedThreadPool());
        processors.start();
        String local = "http://127.0.0.1:" + processors.getAddress().getPort();
        stack = TestStacks.start("processors-gateway-it", settings -> settings.withArguments(Service.BILLING,
                "--fairbill.processors.studio.processor=stripe", "--fairbill.processors.studio.stripe.secret-key=sk_e2e",
                "--fairbill.processors.studio.stripe.api-base=" + local,
                "--fairbill.processors.panel.processor=adyen", "--fairbill.processors.panel.adyen.api-key=AQE_e2e",
                "--fairbill.processors.panel.adyen.merchant-account=FairbillPanel",
                "--fairbill.processors.panel.adyen.checkout-url=" + local + "/v71",
                "--fairbill.processors.panel.adyen.disputes-url=" + local + DISPUTES,
                "--fairbill.processors.panel.adyen.defense-reasons=ServiceProvided",
                "--fairbill.billing.dispute-evidence.interval=1s"));
        gateway = new GatewayClient(stack.gatewayUrl());
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
        processors.stop(0);
    }

    @Test
    void stripe() {
        String account = gateway.openAccount("studio", "CUSTOMER", null);
        subscribeAndRenew("studio", account, STRIPE_CARD, "/v1/payment_intents", "off_session=true");

        JsonNode original = duplicateReversed("studio", account, STRIPE_CARD, () -> { });
        assertThat(requests("/v1/refunds")).isNotEmpty();

        String stripeDispute = "du_" + UUID.randomUUID().toString().replace("-", "");
        stripeWebhook(StripeWebhooks.disputeEvent("charge.dispute.created", stripeDispute,
                original.get("processorChargeId").asString(), 1000, "needs_response"));
        JsonNode dispute = awaitEvidence("studio", original, "SUBMITTED");
        Request submitted = requests("/v1/disputes/" + stripeDispute).getLast();
        assertThat(submitted.key()).isEqualTo("fairbill-evidence-" + dispute.get("id").asString());
        assertThat(form(submitted.body())).containsEntry("submit", "true").containsKey("evidence[access_activity_log]");

        stripeWebhook(StripeWebhooks.disputeEvent("charge.dispute.closed", stripeDispute,
                original.get("processorChargeId").asString(), 1000, "lost"));
        lost("studio", account, dispute);
    }

    @Test
    void adyen() {
        // a customer whose card is stored at Adyen
        String account = gateway.created(gateway.post("/api/v1/accounts", "sk_test_panel", """
                {"externalRef": "e2e-%s", "role": "CUSTOMER", "defaultPaymentMethod": "%s"}"""
                .formatted(UUID.randomUUID(), ADYEN_CARD))).get("id").asString();
        subscribeAndRenew("panel", account, ADYEN_CARD, "/v71/payments", "\"recurringProcessingModel\":\"Subscription\"");

        JsonNode original = duplicateReversed("panel", account, ADYEN_CARD, () -> {
            // Adyen received the refund: its REFUND notification pays it
            Request refund = Awaitility.await().atMost(Duration.ofSeconds(30)).until(
                    () -> requests("/refunds").stream().filter(r -> r.path().startsWith("/v71/")).toList(),
                    found -> !found.isEmpty()).getLast();
            JsonNode body = JSON.readTree(refund.body());
            String payment = refund.path().split("/")[3];
            adyenWebhook(adyenItem("REFUND", psp(refund.key()), payment, body.get("reference").asString(),
                    body.at("/amount/value").asLong(), Map.of()));
        });

        String chargeback = psp("chargeback-" + UUID.randomUUID());
        String payment = original.get("processorChargeId").asString();
        adyenWebhook(adyenItem("NOTIFICATION_OF_CHARGEBACK", chargeback, payment, "", 1000,
                Map.of("chargebackReasonCode", "10.4", "defensePeriodEndsAt",
                        Instant.now().plus(Duration.ofDays(10)).atOffset(ZoneOffset.UTC).toString())));
        JsonNode dispute = awaitEvidence("panel", original, "SUBMITTED");
        JsonNode supplied = JSON.readTree(requests(DISPUTES + "/supplyDefenseDocument").getLast().body());
        assertThat(supplied.at("/disputePspReference").asString()).isEqualTo(chargeback);
        assertThat(new String(Base64.getDecoder().decode(supplied.at("/defenseDocuments/0/content").asString()),
                UTF_8)).startsWith("%PDF-1.4").contains("Dispute " + dispute.get("id").asString());
        assertThat(JSON.readTree(requests(DISPUTES + "/defendDispute").getLast().body()).at("/defenseReasonCode")
                .asString()).isEqualTo("ServiceProvided");

        adyenWebhook(adyenItem("CHARGEBACK", chargeback, payment, "", 1000, Map.of("disputeStatus", "Lost")));
        lost("panel", account, dispute);
    }

    /** A monthly subscription whose period ends in a few seconds starts, and renews off session at the processor. */
    private static void subscribeAndRenew(String tenant, String account, String card, String capturePath,
                                          String offSession) {
        Instant end = Instant.now().plusSeconds(8).truncatedTo(ChronoUnit.SECONDS);
        JsonNode subscription = gateway.created(gateway.post("/api/v1/subscriptions", "sk_test_" + tenant, """
                {"accountId": "%s", "planId": "monthly", "paymentMethod": "%s", "backdateStartTo": "%s"}"""
                .formatted(account, card, startOfPeriodEnding(end))));
        String id = subscription.get("id").asString();
        JsonNode renewed = Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> gateway.json(gateway.get("/api/v1/subscriptions/" + id, "rk_test_" + tenant)),
                        s -> s.get("currentPeriod").get("start").asString().equals(end.toString()));
        assertThat(renewed.get("status").asString()).isEqualTo("ACTIVE");
        JsonNode renewal = gateway.awaitJson("/api/v1/charges/" + renewed.get("latestChargeId").asString(),
                "rk_test_" + tenant, c -> c.get("status").asString().equals("SUCCEEDED"));
        assertThat(renewal.get("processor").asString()).isEqualTo(tenant.equals("studio") ? "stripe" : "adyen");
        assertThat(requests(capturePath).stream().filter(r -> r.key().equals("fairbill-capture-"
                + renewal.get("id").asString()))).singleElement()
                .satisfies(request -> assertThat(request.body()).contains(offSession));
    }

    /**
     * Two identical charges: the later one is flagged and refunded through the processor ({@code settle} plays the
     * processor's part when it decides later); returns the original, untouched.
     */
    private static JsonNode duplicateReversed(String tenant, String account, String card, Runnable settle) {
        JsonNode original = charge(tenant, account, card);
        JsonNode duplicate = charge(tenant, account, card);
        settle.run();
        JsonNode reversed = gateway.awaitJson("/api/v1/charges/" + duplicate.get("id").asString(), "rk_test_" + tenant,
                c -> c.get("status").asString().equals("REFUNDED"));
        assertThat(reversed.get("duplicateOf").asString()).isEqualTo(original.get("id").asString());
        JsonNode kept = gateway.ok(gateway.get("/api/v1/charges/" + original.get("id").asString(), "rk_test_" + tenant));
        assertThat(kept.get("amountRefunded").get("amount").asLong()).isZero();
        return kept;
    }

    private static JsonNode awaitEvidence(String tenant, JsonNode charge, String submission) {
        JsonNode disputed = gateway.awaitJson("/api/v1/charges/" + charge.get("id").asString(), "rk_test_" + tenant,
                c -> !c.get("dispute").isNull());
        String disputeId = disputed.get("dispute").get("id").asString();
        return json(Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> gateway.get("/api/v1/disputes/" + disputeId, "rk_test_" + tenant),
                        r -> r.statusCode() == 200 && !json(r).get("evidence").isNull()
                                && json(r).get("evidence").get("submission").asString().equals(submission)));
    }

    private static void lost(String tenant, String account, JsonNode dispute) {
        gateway.awaitJson("/api/v1/disputes/" + dispute.get("id").asString(), "rk_test_" + tenant,
                d -> "LOST".equals(d.get("outcome").asString()));
        gateway.awaitJson("/api/v1/accounts/" + account, "rk_test_" + tenant,
                a -> a.get("status").asString().equals("TERMINATED"));
    }

    private static JsonNode charge(String tenant, String account, String card) {
        return gateway.created(gateway.post("/api/v1/charges", "sk_test_" + tenant, """
                {"accountId": "%s", "amount": {"amount": 1000, "currency": "EUR"}, "description": "1000 credits",
                 "paymentMethod": "%s"}""".formatted(account, card)));
    }

    private static void stripeWebhook(String body) {
        var delivered = gateway.send("POST", "/webhooks/stripe/studio", null, body,
                Map.of("Stripe-Signature", StripeWebhooks.signature(body, "whsec_test_studio")));
        assertThat(delivered.statusCode()).isBetween(200, 299);
    }

    private static void adyenWebhook(String item) {
        var delivered = gateway.send("POST", "/webhooks/adyen/panel", null, """
                {"live": "false", "notificationItems": [{"NotificationRequestItem": %s}]}""".formatted(item), Map.of());
        assertThat(delivered.statusCode()).isEqualTo(200);
        assertThat(delivered.body()).contains("[accepted]");
    }

    /** An Adyen notification item, signed as Adyen signs it with the tenant's HMAC key. */
    private static String adyenItem(String eventCode, String pspReference, String originalReference,
                                    String merchantReference, long amount, Map<String, String> additional) {
        String signing = String.join(":", pspReference, originalReference, "FairbillPanel", merchantReference,
                Long.toString(amount), "EUR", eventCode, "true");
        String signature;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(HexFormat.of().parseHex(HexFormat.of().formatHex("whsec_test_panel"
                    .getBytes(UTF_8))), "HmacSHA256"));
            signature = Base64.getEncoder().encodeToString(mac.doFinal(signing.getBytes(UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        var data = new java.util.LinkedHashMap<String, String>(additional);
        data.put("hmacSignature", signature);
        return JSON.writeValueAsString(Map.of("pspReference", pspReference, "originalReference", originalReference,
                "merchantAccountCode", "FairbillPanel", "merchantReference", merchantReference,
                "amount", Map.of("value", amount, "currency", "EUR"), "eventCode", eventCode, "success", "true",
                "eventDate", Instant.now().truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC).toString(),
                "additionalData", data));
    }

    /**
     * The processors' answers, in their documented shapes: Stripe's PaymentIntent (succeeded), Refund (succeeded) and
     * Dispute (under review after a submission); Adyen's payment (Authorised), refund (received) and Disputes API (one
     * applicable defense reason, documents supplied, dispute defended). Each object's id
     * comes from the request's idempotency key, the same for the same key, as at the processors.
     */
    private static void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            String body = new String(exchange.getRequestBody().readAllBytes(), UTF_8);
            received.add(new Request(exchange.getRequestMethod(), path, key == null ? "" : key, body));
            String answer;
            int status = 200;
            if (path.equals("/v1/payment_intents")) {
                answer = """
                        {"id": "pi_3%s", "object": "payment_intent", "amount": %s, "currency": "eur",
                         "status": "succeeded", "livemode": false, "metadata": {}, "created": %d}"""
                        .formatted(psp(key), form(body).get("amount"), Instant.now().getEpochSecond());
            } else if (path.equals("/v1/refunds")) {
                answer = """
                        {"id": "re_3%s", "object": "refund", "amount": %s, "currency": "eur",
                         "payment_intent": "%s", "status": "succeeded", "metadata": {}, "created": %d}"""
                        .formatted(psp(key), form(body).get("amount"), form(body).get("payment_intent"),
                                Instant.now().getEpochSecond());
            } else if (path.startsWith("/v1/disputes/")) {
                answer = """
                        {"id": "%s", "object": "dispute", "amount": 1000, "currency": "eur", "reason": "fraudulent",
                         "status": "under_review", "livemode": false, "metadata": {}, "created": %d}"""
                        .formatted(path.substring("/v1/disputes/".length()), Instant.now().getEpochSecond());
            } else if (path.equals("/v71/payments")) {
                answer = """
                        {"pspReference": "%s", "resultCode": "Authorised",
                         "amount": {"currency": "EUR", "value": %d}}"""
                        .formatted(psp(key), JSON.readTree(body).at("/amount/value").asLong());
            } else if (path.startsWith("/v71/payments/") && path.endsWith("/refunds")) {
                status = 201;
                answer = """
                        {"pspReference": "%s", "status": "received", "merchantAccount": "FairbillPanel",
                         "amount": {"currency": "EUR", "value": %d}}"""
                        .formatted(psp(key), JSON.readTree(body).at("/amount/value").asLong());
            } else if (path.equals(DISPUTES + "/retrieveApplicableDefenseReasons")) {
                answer = """
                        {"defenseReasons": [{"defenseReasonCode": "ServiceProvided", "satisfied": false,
                          "defenseDocumentTypes": [{"defenseDocumentTypeCode": "UsageLog",
                           "requirementLevel": "OneOrMore", "available": false}]}],
                         "disputeServiceResult": {"success": true}}""";
            } else if (path.startsWith(DISPUTES + "/")) {
                answer = "{\"disputeServiceResult\": {\"success\": true}}";
            } else {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] bytes = answer.getBytes(UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    /** A processor reference derived from {@code key}: 16 characters, as Adyen's PSP references. */
    private static String psp(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8).toUpperCase(java.util.Locale.ROOT);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Request> requests(String path) {
        return received.stream().filter(request -> request.path().contains(path)).toList();
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                fields.put(URLDecoder.decode(pair.substring(0, equals), UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), UTF_8));
            }
        }
        return fields;
    }

    private static JsonNode json(java.net.http.HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** A monthly start whose schedule has a period starting exactly at {@code end}. */
    private static Instant startOfPeriodEnding(Instant end) {
        var utc = end.atZone(ZoneOffset.UTC);
        for (int months = 1; ; months++) {
            var start = utc.minusMonths(months);
            if (start.getDayOfMonth() == utc.getDayOfMonth()) {
                return start.toInstant();
            }
        }
    }
}
