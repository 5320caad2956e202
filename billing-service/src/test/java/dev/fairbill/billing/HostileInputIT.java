package dev.fairbill.billing;

import static dev.fairbill.billing.BillingApi.admin;
import static dev.fairbill.billing.BillingApi.created;
import static dev.fairbill.billing.webhook.WebhookTestSupport.adyenNotification;
import static dev.fairbill.billing.webhook.WebhookTestSupport.adyenSigned;
import static dev.fairbill.billing.webhook.WebhookTestSupport.stripeDisputeEvent;
import static dev.fairbill.billing.webhook.WebhookTestSupport.stripeSignature;
import static dev.fairbill.platform.testsupport.fuzz.RequestFuzzer.refused;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import dev.fairbill.platform.testsupport.ApiClient;
import dev.fairbill.platform.testsupport.IntegrationTest;
import dev.fairbill.platform.testsupport.fuzz.Mutation;
import dev.fairbill.platform.testsupport.fuzz.RequestFuzzer;
import tools.jackson.databind.JsonNode;

/**
 * Hostile variants of every billing write endpoint and of both processor webhooks: nothing answers 5xx, nothing
 * invalid is accepted, and a refused request changes nothing (no event stored, no webhook delivery kept).
 */
@IntegrationTest
@TestPropertySource(properties = "fairbill.billing.sandbox.latency=0ms")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputIT {

    private static final String TENANT = "studio";
    private static final String OTHER = "panel";

    @LocalServerPort int port;
    @Autowired ApplicationContext service;
    @Autowired JdbcClient jdbc;
    private BillingApi api;
    private RequestFuzzer fuzzer;

    @BeforeAll
    void fixtures() {
        api = new BillingApi(port);
        String account = api.openCustomer(TENANT, "fuzz-own");
        String otherAccount = api.openCustomer(TENANT, "fuzz-own-2");
        String subscription = subscribe(TENANT, account);
        String otherSubscription = subscribe(TENANT, otherAccount);
        String scheduled = subscribe(TENANT, account);
        api.post("/api/v1/subscriptions/" + scheduled + "/cancel", "{\"mode\": \"END_OF_PERIOD\"}", admin(TENANT));
        JsonNode charge = created(api.post("/api/v1/charges", """
                {"accountId": "%s", "amount": {"amount": 1000, "currency": "EUR"}, "description": "fuzzed",
                 "paymentMethod": "pm_card_ok"}""".formatted(account), admin(TENANT)));
        String purchase = created(api.post("/api/v1/purchases", """
                {"accountId": "%s", "productId": "followers-2000", "paymentMethod": "pm_card_ok"}"""
                .formatted(account), admin(TENANT))).get("id").asString();
        String foreignAccount = api.openCustomer(OTHER, "fuzz-foreign");
        String foreignSubscription = subscribe(OTHER, foreignAccount);
        String foreignPurchase = created(api.post("/api/v1/purchases", """
                {"accountId": "%s", "productId": "followers-2000", "paymentMethod": "pm_card_ok"}"""
                .formatted(foreignAccount), admin(OTHER))).get("id").asString();
        String yesterday = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        String longAgo = Instant.now().minus(Duration.ofDays(3651)).truncatedTo(ChronoUnit.SECONDS).toString();
        String tomorrow = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        String processorCharge = charge.get("processorChargeId").asString();
        String endpoint = created(api.post("/api/v1/webhook-endpoints", """
                {"url": "http://127.0.0.1:9/hook", "enabledEvents": ["account.suspended"]}""", admin(TENANT)))
                .get("id").asString();
        String foreignEndpoint = created(api.post("/api/v1/webhook-endpoints", """
                {"url": "http://127.0.0.1:9/hook", "enabledEvents": ["*"]}""", admin(OTHER))).get("id").asString();

        String clock = created(api.post("/api/v1/test-clocks", "{\"name\": \"fuzzed\"}", BillingApi.testMode(TENANT)))
                .get("id").asString();
        String foreignClock = created(api.post("/api/v1/test-clocks", "{}", BillingApi.testMode(OTHER)))
                .get("id").asString();
        String inAMonth = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();

        // a test-mode key: it may do everything an admin may, and use test clocks besides
        fuzzer = new RequestFuzzer(service, new ApiClient("http://localhost:" + port), this::state,
                BillingApi.testMode(TENANT))
                .endpoint("POST /api/v1/accounts", "/api/v1/accounts", """
                        {"externalRef": "fuzz", "role": "CUSTOMER", "email": "jo@example.com",
                         "defaultPaymentMethod": "pm_card_ok"}""",
                        refused("another tenant's parent", "/api/v1/accounts", """
                                {"externalRef": "x", "role": "CUSTOMER", "parentAccountId": "%s"}"""
                                .formatted(foreignAccount)),
                        refused("another tenant's test clock", "/api/v1/accounts", """
                                {"externalRef": "x", "role": "CUSTOMER", "testClock": "%s"}"""
                                .formatted(foreignClock)),
                        refused("an unknown payment method", "/api/v1/accounts", """
                                {"externalRef": "x", "role": "CUSTOMER", "defaultPaymentMethod": "pm_card_nope"}"""))
                .endpoint("POST /api/v1/subscriptions", "/api/v1/subscriptions", """
                        {"accountId": "%s", "planId": "monthly", "paymentMethod": "pm_card_ok",
                         "backdateStartTo": "%s", "couponPercentOff": 10}""".formatted(account, yesterday),
                        refused("another tenant's account", "/api/v1/subscriptions", """
                                {"accountId": "%s", "planId": "monthly"}""".formatted(foreignAccount)),
                        refused("an unknown plan", "/api/v1/subscriptions", """
                                {"accountId": "%s", "planId": "platinum", "paymentMethod": "pm_card_ok"}"""
                                .formatted(account)),
                        refused("an unknown payment method", "/api/v1/subscriptions", """
                                {"accountId": "%s", "planId": "monthly", "paymentMethod": "pm_card_nope"}"""
                                .formatted(account)),
                        refused("a start more than ten years back", "/api/v1/subscriptions", """
                                {"accountId": "%s", "planId": "monthly", "paymentMethod": "pm_card_ok",
                                 "backdateStartTo": "%s"}"""
                                .formatted(account, longAgo)),
                        refused("a start tomorrow", "/api/v1/subscriptions", """
                                {"accountId": "%s", "planId": "monthly", "paymentMethod": "pm_card_ok",
                                 "backdateStartTo": "%s"}"""
                                .formatted(account, tomorrow)))
                .endpoint("POST /api/v1/subscriptions/{subscriptionId}/cancel",
                        "/api/v1/subscriptions/" + subscription + "/cancel", """
                        {"mode": "END_OF_PERIOD", "reason": "too dear", "requestRefund": true,
                         "refundReason": "COOLING_OFF"}""",
                        refused("another tenant's subscription", "/api/v1/subscriptions/" + foreignSubscription
                                + "/cancel", "{\"mode\": \"IMMEDIATE\"}"),
                        refused("an unknown refund reason", "/api/v1/subscriptions/" + subscription + "/cancel",
                                "{\"mode\": \"IMMEDIATE\", \"requestRefund\": true, \"refundReason\": \"BANANA\"}"),
                        refused("a padded refund reason", "/api/v1/subscriptions/" + subscription + "/cancel",
                                "{\"mode\": \"IMMEDIATE\", \"requestRefund\": true, "
                                        + "\"refundReason\": \" COOLING_OFF\"}"))
                .endpoint("POST /api/v1/subscriptions/{subscriptionId}/cancellation/withdraw",
                        "/api/v1/subscriptions/" + scheduled + "/cancellation/withdraw", null,
                        refused("another tenant's subscription", "/api/v1/subscriptions/" + foreignSubscription
                                + "/cancellation/withdraw", null))
                .endpoint("POST /api/v1/subscriptions/{subscriptionId}/plan",
                        "/api/v1/subscriptions/" + otherSubscription + "/plan", "{\"planId\": \"yearly\"}",
                        refused("an unknown plan", "/api/v1/subscriptions/" + otherSubscription + "/plan",
                                "{\"planId\": \"platinum\"}"),
                        refused("another tenant's subscription", "/api/v1/subscriptions/" + foreignSubscription
                                + "/plan", "{\"planId\": \"yearly\"}"))
                .endpoint("POST /api/v1/subscriptions/{subscriptionId}/payment-method",
                        "/api/v1/subscriptions/" + otherSubscription + "/payment-method",
                        "{\"paymentMethod\": \"pm_card_ok\"}",
                        refused("an unknown payment method", "/api/v1/subscriptions/" + otherSubscription
                                + "/payment-method", "{\"paymentMethod\": \"pm_card_nope\"}"),
                        refused("another tenant's subscription", "/api/v1/subscriptions/" + foreignSubscription
                                + "/payment-method", "{\"paymentMethod\": \"pm_card_ok\"}"))
                .endpoint("POST /api/v1/charges", "/api/v1/charges", """
                        {"accountId": "%s", "amount": {"amount": 700, "currency": "EUR"}, "description": "fuzz",
                         "subscriptionId": "%s", "paymentMethod": "pm_card_ok", "intentional": true}"""
                        .formatted(account, subscription),
                        refused("another tenant's account", "/api/v1/charges", charge(foreignAccount, "EUR", null)),
                        refused("a currency the tenant does not take", "/api/v1/charges",
                                charge(account, "USD", null)),
                        refused("the no-currency code XXX", "/api/v1/charges", charge(account, "XXX", null)),
                        refused("another account's subscription", "/api/v1/charges",
                                charge(account, "EUR", otherSubscription)),
                        refused("another tenant's subscription", "/api/v1/charges",
                                charge(account, "EUR", foreignSubscription)),
                        refused("an unknown subscription", "/api/v1/charges",
                                charge(account, "EUR", "sub_01JDQ8Z3V5G7N2K4M6P8R0T2W4")),
                        refused("another tenant's purchase", "/api/v1/charges", """
                                {"accountId": "%s", "amount": {"amount": 700, "currency": "EUR"},
                                 "description": "x", "paymentMethod": "pm_card_ok", "purchaseId": "%s"}"""
                                .formatted(account, foreignPurchase)))
                .endpoint("POST /api/v1/purchases", "/api/v1/purchases", """
                        {"accountId": "%s", "productId": "credits-500", "paymentMethod": "pm_card_ok",
                         "backdateTo": "%s"}""".formatted(account, yesterday),
                        refused("another tenant's account", "/api/v1/purchases", """
                                {"accountId": "%s", "productId": "credits-500"}""".formatted(foreignAccount)),
                        refused("an unknown product", "/api/v1/purchases", """
                                {"accountId": "%s", "productId": "gold-bars", "paymentMethod": "pm_card_ok"}"""
                                .formatted(account)),
                        refused("a purchase more than ten years back", "/api/v1/purchases", """
                                {"accountId": "%s", "productId": "credits-500", "paymentMethod": "pm_card_ok",
                                 "backdateTo": "%s"}"""
                                .formatted(account, longAgo)),
                        refused("a purchase tomorrow", "/api/v1/purchases", """
                                {"accountId": "%s", "productId": "credits-500", "paymentMethod": "pm_card_ok",
                                 "backdateTo": "%s"}"""
                                .formatted(account, tomorrow)))
                .endpoint("POST /api/v1/purchases/{purchaseId}/fulfilment",
                        "/api/v1/purchases/" + purchase + "/fulfilment",
                        "{\"status\": \"IN_PROGRESS\", \"delivered\": 10, \"currentCount\": 10}",
                        refused("more delivered than ordered", "/api/v1/purchases/" + purchase + "/fulfilment",
                                "{\"status\": \"IN_PROGRESS\", \"delivered\": 2001}"),
                        refused("another tenant's purchase", "/api/v1/purchases/" + foreignPurchase + "/fulfilment",
                                "{\"status\": \"IN_PROGRESS\", \"delivered\": 10}"),
                        refused("a refill the purchase does not have", "/api/v1/purchases/" + purchase
                                + "/fulfilment", "{\"status\": \"IN_PROGRESS\", \"delivered\": 1, "
                                + "\"refillId\": \"re_01JDQ8Z3V5G7N2K4M6P8R0T2W4\"}"))
                .endpoint("POST /api/v1/test-clocks", "/api/v1/test-clocks", """
                        {"name": "fuzz", "frozenTime": "%s"}""".formatted(tomorrow),
                        refused("a start a century away", "/api/v1/test-clocks", """
                                {"frozenTime": "2126-01-01T00:00:00Z"}"""))
                .endpoint("POST /api/v1/test-clocks/{clockId}/advance", "/api/v1/test-clocks/" + clock + "/advance",
                        "{\"to\": \"%s\"}".formatted(inAMonth),
                        refused("a time before the clock's", "/api/v1/test-clocks/" + clock + "/advance",
                                "{\"to\": \"2001-01-01T00:00:00Z\"}"),
                        refused("more than two years at once", "/api/v1/test-clocks/" + clock + "/advance",
                                "{\"to\": \"2099-01-01T00:00:00Z\"}"),
                        refused("another tenant's clock", "/api/v1/test-clocks/" + foreignClock + "/advance",
                                "{\"to\": \"%s\"}".formatted(inAMonth)))
                .endpoint("POST /api/v1/webhook-endpoints", "/api/v1/webhook-endpoints", """
                        {"url": "http://127.0.0.1:9/fuzzed", "enabledEvents": ["charge.succeeded"],
                         "description": "fuzzed", "lowBalanceThreshold": 100}""",
                        refused("a file URL", "/api/v1/webhook-endpoints", """
                                {"url": "file:///etc/passwd", "enabledEvents": ["*"]}"""),
                        refused("a URL with user information", "/api/v1/webhook-endpoints", """
                                {"url": "http://user:pw@127.0.0.1/hook", "enabledEvents": ["*"]}"""),
                        refused("an unknown event type", "/api/v1/webhook-endpoints", """
                                {"url": "http://127.0.0.1:9/hook", "enabledEvents": ["charge.exploded"]}"""),
                        refused("low balance without a threshold", "/api/v1/webhook-endpoints", """
                                {"url": "http://127.0.0.1:9/hook", "enabledEvents": ["ledger.low-balance"]}"""))
                .endpoint("POST /api/v1/webhook-endpoints/{endpointId}/rotate-secret",
                        "/api/v1/webhook-endpoints/" + endpoint + "/rotate-secret", "{\"overlap\": \"PT1H\"}",
                        refused("an overlap of a year", "/api/v1/webhook-endpoints/" + endpoint + "/rotate-secret",
                                "{\"overlap\": \"P365D\"}"),
                        refused("a negative overlap", "/api/v1/webhook-endpoints/" + endpoint + "/rotate-secret",
                                "{\"overlap\": \"-PT1H\"}"),
                        refused("another tenant's endpoint", "/api/v1/webhook-endpoints/" + foreignEndpoint
                                + "/rotate-secret", "{}"))
                .endpoint("POST /api/v1/webhook-endpoints/{endpointId}/enable",
                        "/api/v1/webhook-endpoints/" + endpoint + "/enable", null,
                        refused("another tenant's endpoint", "/api/v1/webhook-endpoints/" + foreignEndpoint
                                + "/enable", null))
                .endpoint("POST /api/v1/webhook-endpoints/{endpointId}/deliveries/{deliveryId}/replay",
                        "/api/v1/webhook-endpoints/" + endpoint + "/deliveries/whd_00000000000000000000000000/replay",
                        null,
                        refused("another tenant's endpoint", "/api/v1/webhook-endpoints/" + foreignEndpoint
                                + "/deliveries/whd_00000000000000000000000000/replay", null))
                .signedEndpoint("POST /webhooks/stripe/{tenant}", "/webhooks/stripe/" + TENANT,
                        stripeDisputeEvent("evt_fuzz", "charge.dispute.created", "du_fuzz", processorCharge,
                                "needs_response", Instant.now().truncatedTo(ChronoUnit.SECONDS)),
                        this::stripeSigned,
                        stripeAt("a timestamp an hour ahead", Instant.now().plus(1, ChronoUnit.HOURS)),
                        stripeAt("a timestamp an hour old", Instant.now().minus(1, ChronoUnit.HOURS)),
                        stripeHeader("t=2^63", "t=" + BigInteger.TWO.pow(63) + ",v1=00"),
                        stripeHeader("a negative timestamp", "t=-1,v1=00"),
                        stripeHeader("no timestamp", "v1=00"))
                .signedEndpoint("POST /webhooks/adyen/{tenant}", "/webhooks/adyen/" + TENANT,
                        adyenNotification(TENANT, "NOTIFICATION_OF_CHARGEBACK", "psp-fuzz", processorCharge,
                                "Pending", Instant.now()),
                        this::adyenResigned);
    }

    @TestFactory
    Stream<DynamicTest> everyWriteEndpointRefusesHostileInputWithAProblemAndChangesNothing() {
        return fuzzer.tests();
    }

    @Test
    void everyWriteEndpointIsFuzzed() {
        fuzzer.coveredEndpointsAre();
    }

    /** Events stored and webhook deliveries kept: a refused request adds to neither. */
    private long state() {
        return jdbc.sql("SELECT (SELECT count(*) FROM domainevententry) + (SELECT count(*) FROM webhook_deliveries)"
                        + " + (SELECT count(*) FROM merchant_endpoints) + (SELECT count(*) FROM merchant_deliveries)"
                        + " + (SELECT count(*) FROM merchant_endpoint_secrets) + (SELECT count(*) FROM test_clocks)"
                        + " + (SELECT coalesce(sum(extract(epoch FROM coalesce(advancing_to, frozen_time)))::bigint, 0)"
                        + "    FROM test_clocks)")
                .query(Long.class).single();
    }

    private String subscribe(String tenant, String account) {
        return created(api.post("/api/v1/subscriptions", """
                {"accountId": "%s", "planId": "monthly", "paymentMethod": "pm_card_ok"}""".formatted(account),
                admin(tenant))).get("id").asString();
    }

    /** A charge that only its currency or subscription may spoil: it names a payment method the sandbox takes. */
    private static String charge(String account, String currency, String subscription) {
        return """
                {"accountId": "%s", "amount": {"amount": 700, "currency": "%s"}, "description": "x",
                 "paymentMethod": "pm_card_ok"%s}""".formatted(account, currency, subscription == null ? ""
                : ", \"subscriptionId\": \"" + subscription + "\"");
    }

    private Mutation stripeSigned(Mutation mutation) {
        if (mutation.headers().containsKey("Stripe-Signature") || mutation.body() == null) {
            return mutation;
        }
        Map<String, String> headers = new HashMap<>(mutation.headers());
        headers.put("Stripe-Signature", stripeSignature(TENANT, mutation.body(), Instant.now()));
        return new Mutation(mutation.what(), mutation.path(), mutation.body(), mutation.contentType(), headers,
                mutation.invalid());
    }

    private Mutation stripeAt(String what, Instant at) {
        String event = stripeDisputeEvent("evt_" + UUID.randomUUID(), "charge.dispute.created",
                "du_" + UUID.randomUUID(), "ch_sandbox_unknown", "needs_response", at);
        return new Mutation(what, "/webhooks/stripe/" + TENANT, event.getBytes(StandardCharsets.UTF_8),
                "application/json", Map.of("Stripe-Signature", stripeSignature(TENANT, event, at)), true);
    }

    private Mutation stripeHeader(String what, String header) {
        String event = stripeDisputeEvent("evt_" + UUID.randomUUID(), "charge.dispute.created",
                "du_" + UUID.randomUUID(), "ch_sandbox_unknown", "needs_response", Instant.now());
        return new Mutation(what, "/webhooks/stripe/" + TENANT, event.getBytes(StandardCharsets.UTF_8),
                "application/json", Map.of("Stripe-Signature", header), true);
    }

    /**
     * Signed again when the variant is still a notification at all, and the signature is not what was changed;
     * anything else goes as it is.
     */
    private Mutation adyenResigned(Mutation mutation) {
        if (mutation.what().contains("hmacSignature")) {
            return mutation;
        }
        try {
            String body = adyenSigned(TENANT, new String(mutation.body(), StandardCharsets.UTF_8));
            return new Mutation(mutation.what(), mutation.path(), body.getBytes(StandardCharsets.UTF_8),
                    mutation.contentType(), mutation.headers(), mutation.invalid());
        } catch (RuntimeException notANotification) {
            return mutation;
        }
    }
}
