package dev.fairbill.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The web server answers before the application has finished starting: runners run after it started, and so do the
 * context-refresh listeners some request handling needs. Until the application is ready, a request is told to come
 * back.
 */
class StartupGateTest {

    @Test
    void aRequestBeforeTheApplicationIsReadyIsAskedToComeBackAndOneAfterIsServed() throws Exception {
        var startingUp = new CountDownLatch(1);
        var port = new CompletableFuture<Integer>();
        ApplicationRunner stillStarting = arguments -> startingUp.await(30, TimeUnit.SECONDS);
        var application = new SpringApplicationBuilder(EdgeTestApplication.class)
                .initializers(context -> context.getBeanFactory().registerSingleton("stillStarting", stillStarting))
                .listeners(event -> {
                    if (event instanceof WebServerInitializedEvent started) {
                        port.complete(started.getWebServer().getPort());
                    }
                })
                .properties("server.port=0");
        var running = CompletableFuture.supplyAsync(application::run);
        try (var http = HttpClient.newHttpClient()) {
            URI thing = URI.create("http://localhost:" + port.get(30, TimeUnit.SECONDS) + "/things/acct_1");

            HttpResponse<String> early = http.send(HttpRequest.newBuilder(thing).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(early.statusCode()).isEqualTo(503);
            assertThat(early.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(early.headers().firstValue("Content-Type")).hasValue(EdgeProblems.CONTENT_TYPE);
            assertThat(early.body()).contains("https://fairbill.dev/problems/service-unavailable");

            startingUp.countDown();
            try (ConfigurableApplicationContext context = running.get(30, TimeUnit.SECONDS)) {
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(thing).timeout(Duration.ofSeconds(10))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(ready.statusCode()).isEqualTo(200);
                assertThat(ready.body()).contains("acct_1");
            }
        } finally {
            startingUp.countDown();
        }
    }
}
