package dev.fairbill.platform.web;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

import dev.fairbill.platform.rules.RuleViolation;

/** Builds the API's RFC 9457 bodies: {@code type} {@code https://fairbill.dev/problems/<slug>}, title, detail. */
public final class Problems {

    public static final String TYPE_PREFIX = "https://fairbill.dev/problems/";
    static final String ERRORS = "errors";

    public static ProblemDetail problem(HttpStatusCode status, String slug, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_PREFIX + slug));
        problem.setTitle(title);
        return problem;
    }

    public static ProblemDetail of(ProblemException exception) {
        ProblemDetail problem = problem(exception.status(), exception.slug(), exception.title(), exception.detail());
        exception.properties().forEach(problem::setProperty);
        if (exception instanceof ValidationFailedException validation) {
            problem.setProperty(ERRORS, validation.errors());
        }
        return problem;
    }

    /** A rule of the domain refused the request: its kind decides the status, its slug the type. */
    public static ProblemDetail of(RuleViolation violation) {
        ProblemDetail problem = problem(statusOf(violation.kind()), violation.slug(), violation.title(),
                violation.detail());
        violation.properties().forEach(problem::setProperty);
        if (!violation.fields().isEmpty()) {
            problem.setProperty(ERRORS, violation.fields().stream()
                    .map(field -> new FieldViolation(field.field(), field.message())).toList());
        }
        return problem;
    }

    /** How HTTP answers each kind of rule violation. */
    public static HttpStatus statusOf(RuleViolation.Kind kind) {
        return switch (kind) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case REFUSED -> HttpStatus.UNPROCESSABLE_CONTENT;
            case CONFLICT -> HttpStatus.CONFLICT;
            case LOCKED -> HttpStatus.LOCKED;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
        };
    }

    public static ProblemDetail validationFailed(List<FieldViolation> errors) {
        return of(new ValidationFailedException(errors));
    }

    /** For failures without a slug of their own: the slug is the status's reason phrase in kebab case. */
    public static ProblemDetail forStatus(HttpStatusCode status, String detail) {
        return problem(status, slugFor(status), titleFor(status), detail);
    }

    /** A problem Spring built (it leaves the type unset) gets the slug of its status. */
    static void classifyByStatus(ProblemDetail problem) {
        HttpStatusCode status = HttpStatusCode.valueOf(problem.getStatus());
        problem.setType(URI.create(TYPE_PREFIX + slugFor(status)));
        problem.setTitle(titleFor(status));
    }

    static String describe(List<FieldViolation> errors) {
        return errors.stream()
                .map(error -> error.field() == null ? error.message() : error.field() + " " + error.message())
                .collect(Collectors.joining("; "));
    }

    private static String slugFor(HttpStatusCode status) {
        if (status.value() == HttpStatus.INTERNAL_SERVER_ERROR.value()) {
            return "internal-error";
        }
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? "http-" + status.value()
                : known.getReasonPhrase().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    private static String titleFor(HttpStatusCode status) {
        if (status.value() == HttpStatus.INTERNAL_SERVER_ERROR.value()) {
            return "Internal error";
        }
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? "HTTP " + status.value() : known.getReasonPhrase();
    }

    private Problems() {
    }
}
