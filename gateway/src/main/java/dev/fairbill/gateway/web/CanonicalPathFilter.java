package dev.fairbill.gateway.web;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.fairbill.http.EdgeProblems;

/**
 * Routes and scopes are chosen by the path, so only one spelling of a path is accepted: segments of letters, digits
 * and {@code -._~}, separated by single slashes, none of them {@code .} or {@code ..}, no trailing slash, no
 * percent-escapes, no {@code ;} parameters and no backslash. Anything else is answered 400
 * {@code non-canonical-path} before routing, so {@code /refund-requests/x//approve} can never reach a route that
 * {@code /refund-requests/x/approve} would not.
 */
public class CanonicalPathFilter extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Optional<String> problem = problem(request.getRequestURI());
        if (problem.isPresent()) {
            EdgeProblems.write(response, 400, "non-canonical-path", "Non-canonical path",
                    "The path " + problem.get() + "; send it in its canonical form.");
            return;
        }
        chain.doFilter(request, response);
    }

    /** What makes the raw (undecoded) path non-canonical, if anything. */
    static Optional<String> problem(String rawPath) {
        if (rawPath == null || !rawPath.startsWith("/")) {
            return Optional.of("must start with a slash");
        }
        if (rawPath.equals("/")) {
            return Optional.empty();
        }
        if (rawPath.endsWith("/")) {
            return Optional.of("ends with a slash");
        }
        for (String segment : rawPath.substring(1).split("/", -1)) {
            if (segment.isEmpty()) {
                return Optional.of("holds an empty segment (//)");
            }
            if (segment.equals(".") || segment.equals("..")) {
                return Optional.of("holds a dot segment (/./ or /../)");
            }
            for (int i = 0; i < segment.length(); i++) {
                if (!allowed(segment.charAt(i))) {
                    return Optional.of("holds '" + segment.charAt(i) + "', which no path of this API contains");
                }
            }
        }
        return Optional.empty();
    }

    private static boolean allowed(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
