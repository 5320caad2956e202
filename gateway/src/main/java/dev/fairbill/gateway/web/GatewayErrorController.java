package dev.fairbill.gateway.web;

import java.net.URI;
import java.util.Locale;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Spring's default error page: an error forwarded here by the container is answered as problem+json with
 * its status and no internals, and {@code /error} asked for directly is a path like any other without a route (404).
 */
@RestController
public class GatewayErrorController implements ErrorController {

    private static final String TYPE_BASE = "https://fairbill.dev/problems/";

    @RequestMapping("${server.error.path:/error}")
    public ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (!(code instanceof Integer status)) {
            return answer(ProblemType.NOT_FOUND.detail(
                    "No route for " + request.getMethod() + " " + request.getRequestURI() + ".",
                    request.getRequestURI()));
        }
        HttpStatus resolved = HttpStatus.resolve(status);
        if (resolved == null || resolved.is5xxServerError() || !resolved.isError()) {
            Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
            return answer(ProblemType.INTERNAL_ERROR.detail("An unexpected error occurred.",
                    path instanceof String uri ? uri : request.getRequestURI()));
        }
        ProblemDetail problem = ProblemDetail.forStatus(resolved);
        problem.setType(URI.create(TYPE_BASE + resolved.getReasonPhrase().toLowerCase(Locale.ROOT)
                .replace(' ', '-')));
        problem.setTitle(resolved.getReasonPhrase());
        return answer(problem);
    }

    private static ResponseEntity<ProblemDetail> answer(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
