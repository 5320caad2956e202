package dev.fairbill.gateway.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * The last resolver: a failure nothing else answered is logged with its trace and answered {@code 500 internal-error}
 * problem+json, without its message, instead of the servlet container's error page.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
public class UnexpectedFailureResolver implements HandlerExceptionResolver {

    private static final Logger log = LoggerFactory.getLogger(UnexpectedFailureResolver.class);

    private final ProblemExceptionResolver problems;

    public UnexpectedFailureResolver(ProblemExceptionResolver problems) {
        this.problems = problems;
    }

    @Override
    public @Nullable ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response,
            @Nullable Object handler, Exception exception) {
        log.error("Request {} {} failed", request.getMethod(), request.getRequestURI(), exception);
        if (response.isCommitted()) {
            return null;
        }
        return problems.write(response, ProblemType.INTERNAL_ERROR, "An unexpected error occurred.", request);
    }
}
