package dev.fairbill.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

import org.awaitility.Awaitility;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.fairbill.platform.PlatformTestApplication;
import dev.fairbill.platform.testsupport.FairbillTestEnvironment;

/**
 * The outbox promise: the publisher's token moves only after the broker acknowledged the batch. With no broker
 * reachable, the event stays unpublished and is not skipped.
 */
class KafkaPublisherAckIT {

    @Test
    void tokenDoesNotMovePastAnEventTheBrokerNeverAcknowledged() {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(PlatformTestApplication.class,
                PublishNotes.class)
                .initializers(context -> FairbillTestEnvironment.properties(FairbillTestEnvironment.newDatabase())
                        .and("spring.application.name=platform-test",
                                "fairbill.messaging.source=/fairbill/platform-test",
                                "fairbill.messaging.publish-timeout=2s",
                                "fairbill.security.internal-jwt.issuer=fairbill-gateway",
                                "fairbill.security.internal-jwt.audience=fairbill-services",
                                "fairbill.security.internal-jwt.scope-family=billing",
                                "fairbill.security.internal-jwt.tenants=panel",
                                "server.port=0", "management.server.port=0",
                                // nothing listens here: every send fails
                                "spring.kafka.bootstrap-servers=127.0.0.1:9",
                                "spring.kafka.producer.properties.max.block.ms=500",
                                "spring.kafka.producer.properties.delivery.timeout.ms=1500",
                                "spring.kafka.producer.properties.request.timeout.ms=1000",
                                "spring.kafka.admin.operation-timeout=1s")
                        .applyTo(context))
                .run()) {

            app.getBean(EventGateway.class).publish(new Note("n-1"));
            long eventIndex = app.getBean(JdbcClient.class)
                    .sql("SELECT max(globalindex) FROM domainevententry").query(Long.class).single();

            TokenStore tokens = app.getBean(TokenStore.class);
            // a publisher that skipped failed sends would move its token past the event within a second
            // (the other segments do not handle it, and move past it)
            int[] segments = tokens.fetchSegments(KafkaPublisher.PROCESSING_GROUP);
            assertThat(segments).hasSizeGreaterThan(1);
            Awaitility.await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(10))
                    .until(() -> Arrays.stream(segments).anyMatch(segment ->
                            !covers(tokens.fetchToken(KafkaPublisher.PROCESSING_GROUP, segment), eventIndex)));
        }
    }

    private static boolean covers(TrackingToken token, long eventIndex) {
        return token != null && token.position().orElse(-1) >= eventIndex;
    }

    record Note(String id) {
    }

    @Configuration(proxyBeanMethods = false)
    static class PublishNotes {

        @Bean
        IntegrationEventMapper notes() {
            return event -> event instanceof Note note
                    ? Optional.of(new IntegrationMessage("fairbill.test.notes.v1", "fairbill.test.note.v1", note.id(),
                    note))
                    : Optional.empty();
        }
    }
}
