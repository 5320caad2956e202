package dev.fairbill.platform.web;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import dev.fairbill.platform.rules.RuleViolation;

/**
 * Every error a controller raises becomes {@code application/problem+json} (docs/api.md, conventions). Spring MVC's own
 * exceptions go through {@link ResponseEntityExceptionHandler}; the overrides here give them Fairbill's slugs and
 * field errors.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);
    static final String DATABASE_RETRY_AFTER_SECONDS = "2";

    /** Rethrown so that Spring Security's handlers answer 401/403 the same way as for its own filters. */
    @ExceptionHandler({AccessDeniedException.class, AuthenticationException.class})
    public void leaveToSpringSecurity(RuntimeException exception) {
        throw exception;
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<Object> handleFailure(Exception exception) {
        if (Failures.isDatabaseUnavailable(exception)) {
            log.warn("Database unavailable: {}", exception.getMessage());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, DATABASE_RETRY_AFTER_SECONDS)
                    .body(databaseUnavailable());
        }
        Throwable failure = Failures.unwrap(exception);
        ProblemDetail problem = switch (failure) {
            case ProblemException expected -> Problems.of(expected);
            case RuleViolation refused -> Problems.of(refused);
            case AggregateNotFoundException notFound -> Problems.problem(HttpStatus.NOT_FOUND, "not-found",
                    "Not found", "The requested resource was not found");
            case ConcurrencyException concurrent -> conflict(
                    "The resource was changed concurrently; read it again and retry");
            case AggregateStreamCreationException duplicate -> conflict("The resource already exists");
            default -> internalError(failure);
        };
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException exception,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return handleExceptionInternal(exception,
                Problems.validationFailed(FieldViolations.of(exception.getBindingResult())), headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException exception, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        if (exception.isForReturnValue()) {
            return super.handleHandlerMethodValidationException(exception, headers, status, request);
        }
        return handleExceptionInternal(exception, Problems.validationFailed(FieldViolations.of(exception)), headers,
                status, request);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(
            MissingServletRequestParameterException exception, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        var violation = new FieldViolation(exception.getParameterName(), "is required");
        return handleExceptionInternal(exception, Problems.validationFailed(List.of(violation)), headers, status,
                request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException exception, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String name = exception instanceof MethodArgumentTypeMismatchException argument
                ? FieldViolations.parameterName(argument.getParameter())
                : exception.getPropertyName();
        var violation = new FieldViolation(name, FieldViolations.expected(exception.getRequiredType()));
        return handleExceptionInternal(exception, Problems.validationFailed(List.of(violation)), headers, status,
                request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException exception,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return handleExceptionInternal(exception, RequestBodyProblems.of(exception), headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException exception,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return handleExceptionInternal(exception, noEndpoint(request), headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleNoHandlerFoundException(NoHandlerFoundException exception,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return handleExceptionInternal(exception, noEndpoint(request), headers, status, request);
    }

    /** The funnel of every Spring MVC exception: those not overridden above get the slug of their status. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception exception, Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(exception, body, headers, status, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem) {
            if (problem.getType() == null) {
                Problems.classifyByStatus(problem);
            }
            if (status.is5xxServerError()) {
                log.error("Request failed", exception);
            }
        }
        return response;
    }

    static ProblemDetail databaseUnavailable() {
        return Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable", "Service unavailable",
                "The service's database is out of reach for the moment; retry.");
    }

    private static ProblemDetail noEndpoint(WebRequest request) {
        HttpServletRequest servletRequest = ((NativeWebRequest) request).getNativeRequest(HttpServletRequest.class);
        return Problems.problem(HttpStatus.NOT_FOUND, "not-found", "Not found",
                "No endpoint " + servletRequest.getMethod() + " " + servletRequest.getRequestURI());
    }

    private static ProblemDetail conflict(String detail) {
        return Problems.problem(HttpStatus.CONFLICT, "conflict", "Conflict", detail);
    }

    private static ProblemDetail internalError(Throwable failure) {
        log.error("Unexpected failure", failure);
        return Problems.forStatus(HttpStatus.INTERNAL_SERVER_ERROR, "An unexpected error occurred");
    }
}
