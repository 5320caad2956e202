package dev.fairbill.gateway.web;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Times every request into {@code http.server.requests}, with the tags Spring's own instrumentation gives it
 * ({@code method}, {@code status}, {@code outcome}, {@code uri} (the route's path pattern, {@code NOT_FOUND},
 * {@code REDIRECTION} or {@code UNKNOWN}), {@code exception} and {@code error}), so the alerts and dashboards read the
 * gateway as they read the services. Each timer is looked up in the registry once per combination of tags, not once
 * per request. Methods outside HTTP's standard ones are tagged {@code UNKNOWN}, so clients cannot mint new series.
 * It replaces Spring's observation filter, which built an observation and its tags for every request; it runs
 * outermost, so requests the edge refuses (a starting gateway, oversized or malformed requests) are timed too.
 */
public final class RequestTimers extends OncePerRequestFilter {

    static final String NAME = "http.server.requests";
    private static final String NONE = "none";
    private static final int SERVER_ERROR = 500;
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS",
            "TRACE");

    private final MeterRegistry registry;
    private final ConcurrentMap<Tags, Timer> timers = new ConcurrentHashMap<>();

    public RequestTimers(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long started = System.nanoTime();
        Throwable failure = null;
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException | Error thrown) {
            failure = thrown;
            throw thrown;
        } finally {
            record(request, failure == null ? response.getStatus() : SERVER_ERROR, failure,
                    System.nanoTime() - started);
        }
    }

    private void record(HttpServletRequest request, int status, Throwable failure, long durationNanos) {
        String method = METHODS.contains(request.getMethod()) ? request.getMethod() : "UNKNOWN";
        String exception = failure == null ? NONE : failure.getClass().getSimpleName();
        Tags tags = new Tags(method, status, uri(request, status), exception);
        timers.computeIfAbsent(tags, this::register).record(durationNanos, TimeUnit.NANOSECONDS);
    }

    private Timer register(Tags tags) {
        return Timer.builder(NAME)
                .tag("method", tags.method())
                .tag("status", Integer.toString(tags.status()))
                .tag("outcome", outcome(tags.status()))
                .tag("uri", tags.uri())
                .tag("exception", tags.exception())
                .tag("error", tags.exception())
                .register(registry);
    }

    private static String uri(HttpServletRequest request, int status) {
        if (status == HttpStatus.NOT_FOUND.value()) {
            return "NOT_FOUND";
        }
        if (status >= 300 && status < 400) {
            return "REDIRECTION";
        }
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        return pattern instanceof String matched && !matched.isEmpty() ? matched : "UNKNOWN";
    }

    private static String outcome(int status) {
        return switch (status / 100) {
            case 1 -> "INFORMATIONAL";
            case 2 -> "SUCCESS";
            case 3 -> "REDIRECTION";
            case 4 -> "CLIENT_ERROR";
            case 5 -> "SERVER_ERROR";
            default -> "UNKNOWN";
        };
    }

    private record Tags(String method, int status, String uri, String exception) {
    }
}
