package dev.fairbill.localstack;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;

/**
 * A crash between the call to the processor and the record of its answer: billing (one tenant on Stripe, a local
 * server in Stripe's place) is killed with {@code kill -9} while Stripe holds the capture request. The supervisor
 * starts billing again, its sweep makes the call again under the same idempotency key, Stripe answers with the
 * payment it took the first time, and the charge records that one payment: nothing is taken twice.
 */
class ProcessorCrashIT {

    private static final String TENANT = "studio";
    private static HttpServer stripe;
    private static final List<String> keys = new CopyOnWriteArrayList<>();
    private static final AtomicBoolean killed = new AtomicBoolean();
    private static LocalStack stack;
    private static GatewayClient gateway;

    @BeforeAll
    static void start() throws IOException {
        stripe = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stripe.createContext("/v1/payment_intents", ProcessorCrashIT::paymentIntent);
        stripe.setExecutor(Executors.newCachedThreadPool());
        stripe.start();
        String settings = "--fairbill.processors." + TENANT;
        stack = TestStacks.start("processor-crash-it", stack -> stack.withArguments(Service.BILLING,
                settings + ".processor=stripe", settings + ".stripe.secret-key=sk_test_crash",
                settings + ".stripe.api-base=http://127.0.0.1:" + stripe.getAddress().getPort(),
                settings + ".stripe.max-network-retries=0", settings + ".stripe.timeout=60s",
                "--fairbill.billing.payment-calls.grace=2s", "--fairbill.billing.payment-calls.sweep-interval=1s"));
        gateway = new GatewayClient(stack.gatewayUrl());
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
        stripe.stop(0);
    }

    @Test
    void billingKilledWhileStripeHoldsTheCaptureTakesThePaymentOnce() {
        String account = gateway.openAccount(TENANT, "CUSTOMER", null);

        // billing dies while Stripe holds the request; whatever the caller hears, the charge is settled later
        gateway.post("/api/v1/charges", "sk_test_" + TENANT, """
                {"accountId": "%s", "amount": {"amount": 1000, "currency": "EUR"}, "description": "Crash",
                 "paymentMethod": "pm_card_visa"}""".formatted(account));
        assertThat(killed).isTrue();

        JsonNode charges = Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> chargesOf(account), read -> read != null && read.size() == 1
                        && read.get(0).get("status").asString().equals("SUCCEEDED"));

        JsonNode charge = charges.get(0);
        String key = "fairbill-capture-" + charge.get("id").asString();
        assertThat(keys).hasSizeGreaterThanOrEqualTo(2).containsOnly(key);
        assertThat(charge.get("processor").asString()).isEqualTo("stripe");
        assertThat(charge.get("processorChargeId").asString()).isEqualTo(paymentIntentOf(key));
        assertThat(stack.restarts()).containsKey("billing");
    }

    private static JsonNode chargesOf(String account) {
        var read = gateway.get("/api/v1/charges?accountId=" + account, "rk_test_" + TENANT);
        return read.statusCode() == 200 ? gateway.ok(read).get("data") : null;
    }

    /**
     * Stripe's answer to a PaymentIntent create: the PaymentIntent of the idempotency key, the same for every request
     * under it. The first request is held while billing is killed, as if Stripe took the payment and the answer was
     * lost with the process.
     */
    private static void paymentIntent(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            keys.add(key);
            if (killed.compareAndSet(false, true)) {
                stack.kill(Service.BILLING);
                return;
            }
            byte[] body = """
                    {"id": "%s", "object": "payment_intent", "amount": 1000, "amount_received": 1000, "currency": "eur",
                     "status": "succeeded", "payment_method": "pm_card_visa", "livemode": false, "metadata": {},
                     "created": 1764806400}""".formatted(paymentIntentOf(key)).getBytes(UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private static String paymentIntentOf(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(UTF_8));
            return "pi_3" + HexFormat.of().formatHex(digest, 0, 9);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
