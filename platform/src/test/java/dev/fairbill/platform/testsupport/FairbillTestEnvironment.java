package dev.fairbill.platform.testsupport;

import java.util.Locale;
import java.util.UUID;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

import dev.fairbill.postgres.PostgresServer;

/**
 * Points a service under test at a database of its own (created fresh for each context) on the shared PostgreSQL
 * server and at the JVM's embedded Kafka broker.
 */
public class FairbillTestEnvironment implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        properties(newDatabase()).applyTo(context);
    }

    /** A fresh, empty database on the shared server; returns its JDBC URL. */
    public static String newDatabase() {
        return PostgresServer.shared().createDatabase(
                "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20).toLowerCase(Locale.ROOT));
    }

    /** Everything a service needs to run against {@code jdbcUrl}, the test broker and the test JWT secret. */
    public static TestPropertyValues properties(String jdbcUrl) {
        var postgres = PostgresServer.shared();
        return TestPropertyValues.of(
                "spring.datasource.url=" + jdbcUrl,
                "spring.datasource.username=" + postgres.user(),
                "spring.datasource.password=" + postgres.password(),
                "spring.kafka.bootstrap-servers=" + KafkaBroker.bootstrapServers(),
                "fairbill.security.internal-jwt.secret=" + TestJwts.SECRET,
                "fairbill.datasource.nested-connections=fail",
                "fairbill.messaging.partitions=1",
                "fairbill.messaging.retry-initial=50ms",
                "fairbill.messaging.retry-max=200ms",
                "fairbill.messaging.retry-attempts=3",
                "db-scheduler.polling-interval=1s",
                "logging.structured.format.console=");
    }
}
