package dev.fairbill.billing.notification;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

import com.sun.net.httpserver.HttpServer;

/**
 * A merchant's webhook receiver on localhost: it keeps every request it gets per path, and answers each path's
 * {@code n}-th request with the status its answer function gives (200 unless told otherwise).
 */
public final class MerchantReceiver implements AutoCloseable {

    /** One request as received. */
    public record Received(String path, String signature, String delivery, byte[] body) {
    }

    private final HttpServer server;
    private final List<Received> received = new ArrayList<>();
    private final Map<String, IntUnaryOperator> answers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    public MerchantReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            synchronized (received) {
                received.add(new Received(path, exchange.getRequestHeaders().getFirst("Fairbill-Signature"),
                        exchange.getRequestHeaders().getFirst("Fairbill-Delivery"), body));
            }
            int n = counts.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            int status = answers.getOrDefault(path, i -> 200).applyAsInt(n);
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Answers the {@code n}-th request to {@code path} (from 1) with {@code answer.applyAsInt(n)}. */
    public void answer(String path, IntUnaryOperator answer) {
        answers.put(path, answer);
    }

    public List<Received> at(String path) {
        synchronized (received) {
            return received.stream().filter(request -> request.path().equals(path)).toList();
        }
    }

    public List<Received> all() {
        synchronized (received) {
            return new ArrayList<>(received);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
