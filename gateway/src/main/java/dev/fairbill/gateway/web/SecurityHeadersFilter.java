package dev.fairbill.gateway.web;

import java.io.IOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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

    /** Swagger UI runs its own scripts and styles and reads the API document; nothing from elsewhere. */
    static final Map<String, String> DOCS_HEADERS = withPolicy("default-src 'none'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'");
    private static final String DOCS = "/docs";

    private static final Set<String> LOWER_CASE_NAMES = HEADERS.keySet().stream()
            .map(name -> name.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());

    private static Map<String, String> withPolicy(String contentSecurityPolicy) {
        Map<String, String> headers = new HashMap<>(HEADERS);
        headers.put("Content-Security-Policy", contentSecurityPolicy);
        return Map.copyOf(headers);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String uri = request.getRequestURI();
        Map<String, String> headers = uri.equals(DOCS) || uri.startsWith(DOCS + "/") ? DOCS_HEADERS : HEADERS;
        headers.forEach(response::setHeader);
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
                headers.forEach(response::setHeader);
            }
        });
    }

    private static boolean ours(String name) {
        return name != null && LOWER_CASE_NAMES.contains(name.toLowerCase(Locale.ROOT));
    }
}
