package dev.fairbill.platform.web;

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

    public ProblemException(HttpStatus status, String slug, String title, String detail) {
        super(detail);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.detail = detail;
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
}
