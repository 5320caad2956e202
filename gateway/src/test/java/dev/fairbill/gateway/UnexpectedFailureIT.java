package dev.fairbill.gateway;

import static dev.fairbill.gateway.testsupport.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

import dev.fairbill.gateway.testsupport.GatewayClient;

/** A failure no resolver knows is still a problem+json, and tells the caller nothing of its cause. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
@Import(UnexpectedFailureIT.Failing.class)
class UnexpectedFailureIT {

    @LocalServerPort
    int port;

    @Test
    void anUnexpectedFailureIsAnInternalErrorProblemWithoutItsMessage() {
        HttpResponse<String> response = new GatewayClient(port).get("/test/failing");

        assertProblem(response, 500, "internal-error");
        assertThat(response.body()).doesNotContain("secret-ish detail");
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Failing {

        @Bean
        RouterFunction<ServerResponse> failing() {
            return RouterFunctions.route().GET("/test/failing", request -> {
                throw new IllegalStateException("secret-ish detail");
            }).build();
        }
    }
}
