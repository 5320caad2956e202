package dev.fairbill.gateway.web;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * Puts the same security headers on every answer of the gateway: its own (401, 403, 429, 404, 400, 5xx) and the
 * services' it passes on. The gateway's values win; a service's copy of one of these headers replaces nothing.
 */
public class SecurityHeadersFilter extends HttpFilter {

    static final Map<String, String> HEADERS = Map.of(
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Cache-Control", "no-cache, no-store, max-age=0, must-revalidate",
            "Pragma", "no-cache",
            "Expires", "0",
            "X-XSS-Protection", "0",
            "Referrer-Policy", "no-referrer",
            "Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");

    private static final Map<String, String> BY_LOWER_CASE_NAME = HEADERS.keySet().stream()
            .collect(Collectors.toMap(name -> name.toLowerCase(Locale.ROOT), name -> name));

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HEADERS.forEach(response::setHeader);
        chain.doFilter(request, new HttpServletResponseWrapper(response) {
            @Override
            public void addHeader(String name, String value) {
                if (!ours(name)) {
                    super.addHeader(name, value);
                }
            }

            @Override
            public void setHeader(String name, String value) {
                if (!ours(name)) {
                    super.setHeader(name, value);
                }
            }

            /** An answer that starts over (a body found too large) keeps the headers. */
            @Override
            public void reset() {
                super.reset();
                HEADERS.forEach(response::setHeader);
            }
        });
    }

    private static boolean ours(String name) {
        return name != null && BY_LOWER_CASE_NAME.containsKey(name.toLowerCase(Locale.ROOT));
    }
}
