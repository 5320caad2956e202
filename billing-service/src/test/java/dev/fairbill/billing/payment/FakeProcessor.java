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
 * A local HTTP server in a payment processor's place, for the processor's SDK pointed at it: it answers each route
 * with the fixtures queued for it (the last one again once the queue is down to one) and records every request it
 * received. The fixtures are the processor's documented shapes ({@code processors/<processor>/README.md}). As at the
 * processor, each idempotency key gets objects of its own ids ({@link #idFor}), the same again for the same key.
 * Registered as a test class's extension ({@code @RegisterExtension static}), it forgets its answers and requests
 * before each test and stops after the class.
 */
public abstract class FakeProcessor<F extends FakeProcessor<F>> implements AutoCloseable, BeforeEachCallback,
        AfterAllCallback {

    /**
     * A request as the processor would have received it.
     *
     * @param authorization the credentials it carried: Stripe's {@code Authorization}, Adyen's {@code X-API-Key}
     * @param form          a form body's fields (Stripe), else empty
     * @param body          the body as sent (Adyen's JSON)
     */
    public record Received(String method, String path, String idempotencyKey, String authorization,
                           Map<String, String> form, String body) {
    }

    private record Answer(int status, String fixture, Duration delay, String body) {
    }

    private final HttpServer server;
    private final String fixtures;
    private final String credentialsHeader;
    private final Map<String, Deque<Answer>> answers = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    /**
     * @param fixtures          the fixtures' folder under {@code processors/}
     * @param credentialsHeader the request header that carries the credentials
     */
    protected FakeProcessor(String fixtures, String credentialsHeader) {
        this.fixtures = fixtures;
        this.credentialsHeader = credentialsHeader;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    /** Puts {@code tenant} on this processor, with this fake in its place. */
    public abstract void serve(String tenant, DynamicPropertyRegistry properties);

    /**
     * The fixture's body as the processor would answer this request: ids of the request's key, or of the object it
     * reads.
     */
    protected abstract String answerFor(String fixture, String method, String path, String idempotencyKey);

    @SuppressWarnings("unchecked")
    private F self() {
        return (F) this;
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Queues an answer for {@code method} on paths starting with {@code path}. */
    public F answer(String method, String path, int status, String fixture) {
        return answer(method, path, status, fixture, Duration.ZERO);
    }

    /** Queues an answer that takes {@code delay} to come. */
    public F answer(String method, String path, int status, String fixture, Duration delay) {
        answers.computeIfAbsent(method + " " + path, route -> new ArrayDeque<>())
                .add(new Answer(status, fixture, delay, null));
        return self();
    }

    /** Queues an answer with this body, for a list whose ids a test computes. */
    public F answerWith(String method, String path, int status, String body) {
        answers.computeIfAbsent(method + " " + path, route -> new ArrayDeque<>())
                .add(new Answer(status, null, Duration.ZERO, body));
        return self();
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
            boolean jsonBody = body.startsWith("{") || body.startsWith("[");
            received.add(new Received(exchange.getRequestMethod(), path,
                    exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                    exchange.getRequestHeaders().getFirst(credentialsHeader),
                    jsonBody ? Map.of() : form(body.isEmpty() && query != null ? query : body), body));
            Answer answer = next(exchange.getRequestMethod(), path);
            if (answer == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            if (answer.delay().isPositive()) {
                Thread.sleep(answer.delay());
            }
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            byte[] json = (answer.body() != null ? answer.body()
                    : answerFor(new String(fixture(answer.fixture()), StandardCharsets.UTF_8),
                            exchange.getRequestMethod(), path, key)).getBytes(StandardCharsets.UTF_8);
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

    /** The part of an id that this fake derives from the idempotency key an object was created under. */
    protected static String suffix(String key) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 9).toUpperCase(java.util.Locale.ROOT);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] fixture(String name) throws IOException {
        try (InputStream in = FakeProcessor.class.getResourceAsStream("/processors/" + fixtures + "/" + name)) {
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
