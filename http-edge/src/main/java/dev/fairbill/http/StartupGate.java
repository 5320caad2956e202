package dev.fairbill.http;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Answers {@code 503 service-unavailable} with {@code Retry-After: 1} until the application is ready. The web server
 * takes requests before the application has finished starting (its runners and the listeners of the context's
 * refresh, some of which set up request handling, come after it); a request in that gap must be told to come back,
 * not fail with a 500.
 */
public class StartupGate extends HttpFilter implements ApplicationListener<ApplicationReadyEvent> {

    private volatile boolean ready;

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        ready = true;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (ready) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("Retry-After", "1");
        EdgeProblems.write(response, 503, "service-unavailable", "Service unavailable",
                "The service is starting; try again in a second");
    }
}
