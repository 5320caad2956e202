package dev.fairbill.platform.web;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;

import dev.fairbill.http.RequestLimitsFilter;
import dev.fairbill.platform.web.input.RejectedValue;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.PropertyBindingException;

/**
 * Explains an unreadable request body by the JSON path at fault, never by Jackson's message (which names Java
 * classes).
 */
final class RequestBodyProblems {

    static ProblemDetail of(HttpMessageNotReadableException exception) {
        if (RequestLimitsFilter.causedByTooLargeBody(exception)) {
            return Problems.problem(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large",
                    exception.getMostSpecificCause().getMessage());
        }
        JacksonException jackson = findCause(exception, JacksonException.class);
        String path = jackson == null ? "" : jsonPath(jackson);
        if (jackson instanceof PropertyBindingException && !path.isEmpty()) {
            ProblemDetail problem = Problems.problem(HttpStatus.BAD_REQUEST, "unknown-field", "Unknown field",
                    "Unknown field '" + path + "'");
            problem.setProperty(Problems.ERRORS, List.of(new FieldViolation(path, "is not a known field")));
            return problem;
        }
        if (jackson instanceof MismatchedInputException mismatch && !path.isEmpty()) {
            var violation = new FieldViolation(path, mismatch instanceof RejectedValue rejected ? rejected.reason()
                    : FieldViolations.expected(mismatch.getTargetType()));
            ProblemDetail problem = malformed("Field '" + path + "' " + violation.message());
            problem.setProperty(Problems.ERRORS, List.of(violation));
            return problem;
        }
        return malformed("The request body is missing or is not valid JSON");
    }

    private static ProblemDetail malformed(String detail) {
        return Problems.problem(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request", detail);
    }

    private static String jsonPath(JacksonException exception) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : exception.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static <T extends Throwable> T findCause(Throwable throwable, Class<T> type) {
        for (Throwable cause = throwable; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    private RequestBodyProblems() {
    }
}
