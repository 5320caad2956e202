package dev.fairbill.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import jakarta.servlet.RequestDispatcher;

import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.web.MockHttpServletRequest;

class ProblemErrorControllerTest {

    private final ProblemErrorController controller = new ProblemErrorController();

    @Test
    void containerNotFoundBecomesANotFoundProblem() {
        var request = errorDispatch(404);
        request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, "/api/v1/nothing");

        ProblemDetail problem = controller.error(request).getBody();

        assertThat(problem.getStatus()).isEqualTo(404);
        assertThat(problem.getType()).hasToString(Problems.TYPE_PREFIX + "not-found");
        assertThat(problem.getDetail()).isEqualTo("No endpoint GET /api/v1/nothing");
    }

    @Test
    void failureOutsideSpringMvcBecomesAnInternalErrorProblem() {
        var request = errorDispatch(500);
        request.setAttribute(RequestDispatcher.ERROR_EXCEPTION, new IllegalStateException("db password wrong"));

        ProblemDetail problem = controller.error(request).getBody();

        assertThat(problem.getType()).hasToString(Problems.TYPE_PREFIX + "internal-error");
        assertThat(problem.getTitle()).isEqualTo("Internal error");
        assertThat(problem.getDetail()).isEqualTo("An unexpected error occurred");
    }

    @Test
    void aDatabaseOutOfReachOutsideSpringMvcIsAServiceUnavailableToRetry() {
        var request = errorDispatch(500);
        request.setAttribute(RequestDispatcher.ERROR_EXCEPTION, new CannotGetJdbcConnectionException(
                "Failed to obtain JDBC Connection", new SQLException("Connection refused", "08001")));

        var answer = controller.error(request);

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("2");
        assertThat(answer.getBody().getType()).hasToString(Problems.TYPE_PREFIX + "service-unavailable");
    }

    @Test
    void otherClientErrorsKeepTheirStatus() {
        ProblemDetail problem = controller.error(errorDispatch(413)).getBody();

        assertThat(problem.getStatus()).isEqualTo(413);
        assertThat(problem.getType()).hasToString(Problems.TYPE_PREFIX + "content-too-large");
    }

    private static MockHttpServletRequest errorDispatch(int status) {
        var request = new MockHttpServletRequest("GET", "/error");
        request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, status);
        return request;
    }
}
