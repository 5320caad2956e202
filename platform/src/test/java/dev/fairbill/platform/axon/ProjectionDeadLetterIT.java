package dev.fairbill.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.awaitility.Awaitility;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.fairbill.platform.PlatformIntegrationTest;

/**
 * A projection that fails on one event parks it in the PostgreSQL dead-letter queue and keeps projecting the rest:
 * one poisoned event never stalls a read model.
 */
@PlatformIntegrationTest
@Import(ProjectionDeadLetterIT.FailingProjectionConfiguration.class)
class ProjectionDeadLetterIT {

    @Autowired EventGateway events;
    @Autowired JdbcClient jdbc;
    @Autowired FailingProjection projection;

    @Test
    void failingEventIsParkedAndLaterEventsAreStillProjected() {
        events.publish(new Noted("poison", "n-1"), new Noted("fine", "n-2"));

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> projection.projected.contains("n-2"));
        assertThat(projection.projected).doesNotContain("n-1");
        // the batch that projected n-2 commits the parked n-1 with it, a moment after the projection saw n-2
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                jdbc.sql("SELECT processinggroup FROM deadletterentry").query(String.class).list())
                .containsExactly(FailingProjection.GROUP));
    }

    record Noted(String kind, String id) {
    }

    @ProcessingGroup(FailingProjection.GROUP)
    static class FailingProjection {

        static final String GROUP = "failing-projection";
        final List<String> projected = new CopyOnWriteArrayList<>();

        @EventHandler
        void on(Noted event) {
            if (event.kind().equals("poison")) {
                throw new IllegalStateException("cannot project " + event.id());
            }
            projected.add(event.id());
        }
    }

    @TestConfiguration
    static class FailingProjectionConfiguration {

        @Bean
        FailingProjection failingProjection() {
            return new FailingProjection();
        }
    }
}
