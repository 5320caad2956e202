package dev.fairbill.platform.web;

import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * A failure the client can act on, answered as {@code application/problem+json} with type
 * {@code https://fairbill.dev/problems/<slug>}. Domain exceptions extend it (or one of its subclasses) so the web
 * layer needs no mapping per exception.
 */
public class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String slug;
    private final String title;
    private final String detail;
    private final Map<String, Object> properties;

    public ProblemException(HttpStatus status, String slug, String title, String detail) {
        this(status, slug, title, detail, Map.of());
    }

    /** @param properties more members of the problem, e.g. the id of the resource the request clashed with */
    public ProblemException(HttpStatus status, String slug, String title, String detail,
                            Map<String, Object> properties) {
        super(detail);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.detail = detail;
        this.properties = Map.copyOf(properties);
    }

    public HttpStatus status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return detail;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
