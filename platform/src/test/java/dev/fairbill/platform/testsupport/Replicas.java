package dev.fairbill.platform.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Replicas of a service in one test: each a context of its own on one database, with a node name of its own and quick
 * segment balancing, and what the tests ask of their shared database.
 */
public final class Replicas {

    private Replicas() {
    }

    /**
     * A replica of {@code application} named {@code node} on {@code database}: heartbeats every 500 ms, claims that
     * time out after 4 s, idle threads looking for segments every 300 ms; {@code properties} added.
     */
    public static ConfigurableApplicationContext start(Class<?> application, String database, String node,
                                                       String... properties) {
        return start(application, database, node, context -> { }, properties);
    }

    /** {@link #start(Class, String, String, String...)}, the context prepared by {@code customize} too. */
    public static ConfigurableApplicationContext start(Class<?> application, String database, String node,
                                                       Consumer<ConfigurableApplicationContext> customize,
                                                       String... properties) {
        return new SpringApplicationBuilder(application)
                .initializers(context -> {
                    FairbillTestEnvironment.properties(database)
                            .and(Stream.concat(Stream.of("server.port=0", "management.server.port=0",
                                    "fairbill.axon.node=" + node, "fairbill.axon.replica-heartbeat=500ms",
                                    "fairbill.axon.token-claim-timeout=4s",
                                    "fairbill.axon.token-claim-interval-ms=300"), Stream.of(properties)).toList())
                            .applyTo(context);
                    customize.accept(context);
                })
                .run();
    }

    public static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    /** Waits until each of {@code processors} has exactly {@code segments} segments held by each node. */
    public static void awaitSegments(JdbcClient jdbc, List<String> processors, Map<String, Long> segments) {
        Awaitility.await("segments of " + processors + " held as " + segments).atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> processors.forEach(processor -> assertThat(owners(jdbc, processor))
                        .as(processor).containsExactlyInAnyOrderEntriesOf(segments)));
    }

    /** How many segments of {@code processor} each node holds. */
    public static Map<String, Long> owners(JdbcClient jdbc, String processor) {
        return jdbc.sql("SELECT owner, count(*) AS held FROM tokenentry WHERE processorname = ? AND owner IS NOT NULL "
                        + "GROUP BY owner").param(processor)
                .query((row, n) -> Map.entry(row.getString("owner"), row.getLong("held"))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** How many events of the stored type each aggregate has. */
    public static Map<String, Long> perAggregate(JdbcClient jdbc, String type) {
        return jdbc.sql("SELECT aggregateidentifier, count(*) AS events FROM domainevententry WHERE payloadtype = ? "
                        + "GROUP BY aggregateidentifier").param(type)
                .query((row, n) -> Map.entry(row.getString("aggregateidentifier"), row.getLong("events"))).list()
                .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
