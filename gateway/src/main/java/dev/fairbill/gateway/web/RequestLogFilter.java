package dev.fairbill.gateway.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.fairbill.gateway.security.Caller;

/**
 * Gives every request an {@code X-Request-Id} and writes one structured access-log line for it. The line names the
 * API key by its id only; neither the key nor any Authorization value is ever logged.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class RequestLogFilter extends OncePerRequestFilter {

    private static final Logger ACCESS_LOG = LoggerFactory.getLogger("dev.fairbill.gateway.access");
    private static final int SERVER_ERROR = 500;

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long started = System.nanoTime();
        String requestId = RequestId.assign(request);
        response.setHeader(RequestId.HEADER, requestId);
        boolean failed = true;
        try {
            chain.doFilter(request, response);
            failed = false;
        } finally {
            log(request, failed ? SERVER_ERROR : response.getStatus(), requestId, System.nanoTime() - started);
        }
    }

    private static void log(HttpServletRequest request, int status, String requestId, long durationNanos) {
        long durationMillis = durationNanos / 1_000_000;
        LoggingEventBuilder line = ACCESS_LOG.atInfo()
                .addKeyValue("http.request.id", requestId)
                .addKeyValue("http.request.method", request.getMethod())
                .addKeyValue("url.path", request.getRequestURI())
                .addKeyValue("http.response.status_code", status)
                .addKeyValue("event.duration", durationNanos);
        Caller.of(request).ifPresent(caller -> line
                .addKeyValue("fairbill.key_id", caller.keyId())
                .addKeyValue("fairbill.tenant", caller.tenant()));
        line.log("{} {} {} {} ms", request.getMethod(), request.getRequestURI(), status, durationMillis);
    }
}
