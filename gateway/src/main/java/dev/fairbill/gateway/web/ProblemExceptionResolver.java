package dev.fairbill.gateway.web;

import java.io.IOException;
import java.io.UncheckedIOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.cloud.gateway.server.mvc.common.MvcUtils;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Answers with problem+json when no route matches or a route's service cannot be reached. A resolver rather than
 * {@code @ControllerAdvice} because advice does not apply to the gateway's handler functions.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class ProblemExceptionResolver implements HandlerExceptionResolver {

    private final JacksonJsonHttpMessageConverter converter = new JacksonJsonHttpMessageConverter();

    @Override
    public @Nullable ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response,
            @Nullable Object handler, Exception exception) {
        if (response.isCommitted()) {
            return null;
        }
        if (exception instanceof NoHandlerFoundException || exception instanceof NoResourceFoundException) {
            return write(response, ProblemType.NOT_FOUND,
                    "No route for " + request.getMethod() + " " + request.getRequestURI() + ".", request);
        }
        if (exception instanceof ResourceAccessException || exception instanceof UncheckedIOException) {
            return write(response, ProblemType.BAD_GATEWAY,
                    "The service behind route '" + routeId(request) + "' could not be reached.", request);
        }
        return null;
    }

    private static Object routeId(HttpServletRequest request) {
        return request.getAttribute(MvcUtils.GATEWAY_ROUTE_ID_ATTR);
    }

    ModelAndView write(HttpServletResponse response, ProblemType type, String detail,
            HttpServletRequest request) {
        response.setStatus(type.status().value());
        try {
            converter.write(type.detail(detail, request.getRequestURI()), MediaType.APPLICATION_PROBLEM_JSON,
                    new ServletServerHttpResponse(response));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ModelAndView();
    }
}
