package dev.fairbill.gateway.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A backend service stand-in on a random port that answers 200 (or a set answer, optionally after a delay) and
 * records every request and the most requests it ever held at once.
 */
public final class StubBackend implements AutoCloseable {

    private static final Answer DEFAULT_ANSWER =
            new Answer(200, Map.of(), "{\"stub\":true}".getBytes(StandardCharsets.UTF_8));

    private final HttpServer server;
    private final List<RecordedRequest> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();
    private volatile Answer answer = DEFAULT_ANSWER;
    private volatile Duration delay = Duration.ZERO;

    private StubBackend(HttpServer server) {
        this.server = server;
    }

    public static StubBackend start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            StubBackend backend = new StubBackend(server);
            server.createContext("/", backend::record);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return backend;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The address of a port nobody listens on. */
    public static String unreachableUri() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<RecordedRequest> received() {
        return List.copyOf(received);
    }

    public RecordedRequest onlyRequest() {
        if (received.size() != 1) {
            throw new AssertionError("expected exactly one forwarded request but got " + received.size());
        }
        return received.getFirst();
    }

    public void reset() {
        received.clear();
        answer = DEFAULT_ANSWER;
        delay = Duration.ZERO;
        mostInFlight.set(0);
    }

    /** Answers every request with this status, these headers and this body from now on (until {@link #reset()}). */
    public void answerWith(int status, Map<String, String> headers, byte[] body) {
        this.answer = new Answer(status, Map.copyOf(headers), body.clone());
    }

    /** Holds every request this long before answering (until {@link #reset()}). */
    public void delayEachAnswer(Duration delay) {
        this.delay = delay;
    }

    /** The most requests this backend has held at once since the last {@link #reset()}. */
    public int mostInFlight() {
        return mostInFlight.get();
    }

    /** Answers every request with {@code status} from now on (until {@link #reset()}). */
    public void answerWith(int status) {
        answerWith(status, Map.of(), DEFAULT_ANSWER.body());
    }

    private void record(HttpExchange exchange) throws IOException {
        mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try (exchange) {
            received.add(new RecordedRequest(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI(),
                    exchange.getRequestHeaders(),
                    exchange.getRequestBody().readAllBytes()));
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            // a service's own copy of a security header, which the gateway's value replaces
            exchange.getResponseHeaders().set("X-Frame-Options", "SAMEORIGIN");
            Answer current = answer;
            current.headers().forEach(exchange.getResponseHeaders()::set);
            pause();
            exchange.sendResponseHeaders(current.status(), current.body().length);
            exchange.getResponseBody().write(current.body());
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void pause() {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** What the backend answers: a status, headers besides its own, a body; replaced whole, never changed. */
    private record Answer(int status, Map<String, String> headers, byte[] body) {
    }

    public record RecordedRequest(String method, URI uri, Headers headers, byte[] body) {

        public Set<String> headerNames() {
            return headers.keySet();
        }

        public String header(String name) {
            return headers.getFirst(name);
        }

        public boolean hasHeader(String name) {
            return headers.containsKey(name);
        }
    }
}
