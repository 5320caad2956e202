package dev.fairbill.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The problem+json bodies of answers given before a request reaches the application (and so before its JSON
 * mapper): the same {@code type}, {@code title}, {@code status} and {@code detail} members as every other problem.
 */
public final class EdgeProblems {

    public static final String CONTENT_TYPE = "application/problem+json";
    public static final String TYPE_PREFIX = "https://fairbill.dev/problems/";

    /** The body of a problem; {@code detail} may be null. */
    public static String body(int status, String slug, String title, String detail) {
        StringBuilder json = new StringBuilder(160).append("{\"type\":");
        quote(json, TYPE_PREFIX + slug).append(",\"title\":");
        quote(json, title).append(",\"status\":").append(status);
        if (detail != null) {
            quote(json.append(",\"detail\":"), detail);
        }
        return json.append('}').toString();
    }

    public static void write(HttpServletResponse response, int status, String slug, String title, String detail)
            throws IOException {
        byte[] body = body(status, slug, title, detail).getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType(CONTENT_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static StringBuilder quote(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"');
    }

    private EdgeProblems() {
    }
}
