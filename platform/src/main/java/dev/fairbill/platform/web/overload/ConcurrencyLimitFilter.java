package dev.fairbill.platform.web.overload;

import java.io.IOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.fairbill.platform.web.ProblemResponseWriter;
import dev.fairbill.platform.web.Problems;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Bounds the requests a service works on at once. Request threads are virtual and unbounded, but the connection pool
 * is not: without a bound, a burst queues hundreds of requests inside the pool until its timeout fails them all. Here
 * a request waits (first come, first served) for a turn for at most the queue timeout, and is shed with 503
 * {@code overloaded} and {@code Retry-After} when the wait would be longer or the queue is full.
 */
public class ConcurrencyLimitFilter extends OncePerRequestFilter {

    private final Semaphore turns;
    private final int maxConcurrent;
    private final int maxQueued;
    private final long queueTimeoutNanos;
    private final long retryAfterSeconds;
    private final AtomicInteger queued = new AtomicInteger();
    private final ProblemResponseWriter problems;
    private final Counter shedQueueFull;
    private final Counter shedTimedOut;

    public ConcurrencyLimitFilter(int maxConcurrent, ConcurrencyLimitProperties properties,
                                  ProblemResponseWriter problems, MeterRegistry meters) {
        this.maxConcurrent = maxConcurrent;
        this.turns = new Semaphore(maxConcurrent, true);
        this.maxQueued = properties.maxQueuedRequests();
        this.queueTimeoutNanos = properties.queueTimeout().toNanos();
        this.retryAfterSeconds = properties.retryAfter().toSeconds();
        this.problems = problems;
        Gauge.builder("fairbill.http.requests.active", () -> maxConcurrent - turns.availablePermits())
                .description("Requests being worked on").register(meters);
        Gauge.builder("fairbill.http.requests.queued", queued::get)
                .description("Requests waiting for a turn").register(meters);
        Gauge.builder("fairbill.http.requests.limit", () -> maxConcurrent)
                .description("Requests worked on at once at most").register(meters);
        this.shedQueueFull = shedCounter(meters, "queue-full");
        this.shedTimedOut = shedCounter(meters, "queue-timeout");
    }

    private static Counter shedCounter(MeterRegistry meters, String reason) {
        return Counter.builder("fairbill.http.requests.shed").tag("reason", reason)
                .description("Requests answered 503 because the service was at its limit").register(meters);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!awaitTurn()) {
            shed(response);
            return;
        }
        boolean async = false;
        try {
            chain.doFilter(request, response);
            if (request.isAsyncStarted()) {
                request.getAsyncContext().addListener(new ReleaseWhenDone());
                async = true;
            }
        } finally {
            if (!async) {
                turns.release();
            }
        }
    }

    private boolean awaitTurn() {
        if (turns.tryAcquire()) {
            return true;
        }
        if (queued.incrementAndGet() > maxQueued) {
            queued.decrementAndGet();
            shedQueueFull.increment();
            return false;
        }
        try {
            if (turns.tryAcquire(queueTimeoutNanos, TimeUnit.NANOSECONDS)) {
                return true;
            }
            shedTimedOut.increment();
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            queued.decrementAndGet();
        }
    }

    private void shed(HttpServletResponse response) throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        problems.write(response, Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, "overloaded", "Overloaded",
                "The service is working on its limit of " + maxConcurrent + " requests at once; retry after "
                        + retryAfterSeconds + " s."));
    }

    /** A request that went asynchronous holds its turn until it completes. */
    private final class ReleaseWhenDone implements AsyncListener {

        @Override
        public void onComplete(AsyncEvent event) {
            turns.release();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
        }

        @Override
        public void onError(AsyncEvent event) {
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }
    }
}
