package dev.fairbill.localstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.Optional;

/**
 * The Redis the local stack's gateway shares its rate limits through: {@code FAIRBILL_REDIS_URL}, or one listening on
 * 127.0.0.1:6379. Without one the gateway keeps its rate limits to itself, which is all one gateway needs.
 */
final class LocalRedis {

    private static final String DEFAULT = "redis://127.0.0.1:6379";

    private LocalRedis() {
    }

    /** The Redis URL, if something answers there. */
    static Optional<String> find() {
        String url = System.getenv().getOrDefault("FAIRBILL_REDIS_URL", DEFAULT);
        URI uri = URI.create(url);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort()), 300);
            return Optional.of(url);
        } catch (IOException | IllegalArgumentException absent) {
            return Optional.empty();
        }
    }
}
