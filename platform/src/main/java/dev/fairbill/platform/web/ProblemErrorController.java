package dev.fairbill.platform.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers the servlet container's error dispatch (failures outside Spring MVC, such as an exception in a filter or
 * a {@code sendError}) with a problem instead of Spring Boot's default error JSON; a database out of reach is a 503
 * to retry, as it is inside Spring MVC.
 */
@RestController
public class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:${error.path:/error}}")
    public ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure
                && Failures.isDatabaseUnavailable(failure)) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, ProblemDetailsAdvice.DATABASE_RETRY_AFTER_SECONDS)
                    .body(ProblemDetailsAdvice.databaseUnavailable());
        }
        HttpStatusCode status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code
                ? HttpStatusCode.valueOf(code)
                : HttpStatus.INTERNAL_SERVER_ERROR;
        String detail = status.value() == HttpStatus.NOT_FOUND.value()
                ? "No endpoint " + request.getMethod() + " " + request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI)
                : status.is5xxServerError() ? "An unexpected error occurred" : "The request failed";
        return ResponseEntity.status(status).body(Problems.forStatus(status, detail));
    }
}
