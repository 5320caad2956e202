package dev.fairbill.platform.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

/** Writes the problem+json bodies of authentication failures, which happen before Spring MVC is involved. */
final class ProblemResponses {

    static void write(HttpServletResponse response, int status, String slug, String title, String detail)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.getWriter().write("""
                {"type":"https://fairbill.dev/problems/%s","title":"%s","status":%d,"detail":"%s"}"""
                .formatted(slug, title, status, detail));
    }

    private ProblemResponses() {
    }
}
