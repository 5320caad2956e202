package dev.fairbill.billing.payment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local HTTP server in Stripe's place, for stripe-java pointed at it: it answers each route with the fixtures
 * queued for it (the last one again once the queue is down to one) and records every request it received. The
 * fixtures are Stripe's documented shapes ({@code processors/stripe/README.md}). As at Stripe, each idempotency key
 * gets objects of its own ids ({@link #idFor}), the same again for the same key; a read by id answers with that id.
 * Registered as a test class's extension ({@code @RegisterExtension static}), it forgets its answers and requests
 * before each test and stops after the class.
 */
public final class FakeStripe implements AutoCloseable, BeforeEachCallback, AfterAllCallback {

    /** A request as Stripe would have received it. */
    public record Received(String method, String path, String idempotencyKey, String authorization,
                           Map<String, String> form) {
    }

    private record Answer(int status, String fixture, Duration delay, String body) {
    }

    private final HttpServer server;
    private final Map<String, Deque<Answer>> answers = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private FakeStripe(HttpServer server) {
        this.server = server;
    }

    public static FakeStripe start() {
        try {
            var fake = new FakeStripe(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
            fake.server.createContext("/", fake::handle);
            fake.server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
            fake.server.start();
            return fake;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Puts {@code tenant} on Stripe, this fake in Stripe's place, with the secret key {@code sk_test_<tenant>}. */
    public void serve(String tenant, DynamicPropertyRegistry properties) {
        String settings = "fairbill.processors." + tenant;
        properties.add(settings + ".processor", () -> "stripe");
        properties.add(settings + ".stripe.secret-key", () -> "sk_test_" + tenant);
        properties.add(settings + ".stripe.api-base", () -> base().toString());
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Queues an answer for {@code method} on paths starting with {@code path}. */
    public FakeStripe answer(String method, String path, int status, String fixture) {
        return answer(method, path, status, fixture, Duration.ZERO);
    }

    /** Queues an answer that takes {@code delay} to come. */
    public FakeStripe answer(String method, String path, int status, String fixture, Duration delay) {
        answers.computeIfAbsent(method + " " + path, route -> new ArrayDeque<>())
                .add(new Answer(status, fixture, delay, null));
        return this;
    }

    /** Queues an answer with this body, for a list whose ids a test computes. */
    public FakeStripe answerWith(String method, String path, int status, String body) {
        answers.computeIfAbsent(method + " " + path, route -> new ArrayDeque<>())
                .add(new Answer(status, null, Duration.ZERO, body));
        return this;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public void reset() {
        answers.clear();
        received.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        reset();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String query = exchange.getRequestURI().getRawQuery();
            received.add(new Received(exchange.getRequestMethod(), path,
                    exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    form(body.isEmpty() && query != null ? query : body)));
            Answer answer = next(exchange.getRequestMethod(), path);
            if (answer == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            if (answer.delay().isPositive()) {
                Thread.sleep(answer.delay());
            }
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            String json0 = answer.body() != null ? answer.body()
                    : new String(fixture(answer.fixture()), StandardCharsets.UTF_8);
            if (key != null) {
                json0 = json0.replace("Fairbill0000000001", suffix(key));
            } else if ("GET".equals(exchange.getRequestMethod())) {
                String id = path.substring(path.lastIndexOf('/') + 1);
                json0 = json0.replace("pi_3Fairbill0000000001", id);
            }
            byte[] json = json0.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("Request-Id", "req_fake_" + received.size());
            exchange.sendResponseHeaders(answer.status(), json.length);
            exchange.getResponseBody().write(json);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized Answer next(String method, String path) {
        return answers.entrySet().stream()
                .filter(route -> route.getKey().startsWith(method + " ") && path.startsWith(route.getKey()
                        .substring(method.length() + 1)))
                .map(Map.Entry::getValue).findFirst()
                .map(queue -> queue.size() > 1 ? queue.poll() : queue.peek())
                .orElse(null);
    }

    /** The id this fake gives an object created under {@code idempotencyKey}: {@code pi_3…}, {@code re_3…}. */
    public static String idFor(String prefix, String idempotencyKey) {
        return prefix + "_3" + suffix(idempotencyKey);
    }

    private static String suffix(String key) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 9).toUpperCase(java.util.Locale.ROOT);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = FakeStripe.class.getResourceAsStream("/processors/stripe/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (body.isEmpty()) {
            return fields;
        }
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            fields.put(name, equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }
}
