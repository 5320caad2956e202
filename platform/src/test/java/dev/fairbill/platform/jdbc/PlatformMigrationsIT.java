package dev.fairbill.platform.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import dev.fairbill.postgres.PostgresServer;

/**
 * The platform's migrations are numbered below every service's own, so one the platform adds later lies below what a
 * running service's database has applied already. With the defaults every service runs on, that database still takes
 * it on the next start instead of refusing to start.
 */
class PlatformMigrationsIT {

    @Test
    void aDatabaseMigratedBeforeAPlatformMigrationWasAddedTakesItOnTheNextStart(@TempDir Path before)
            throws IOException {
        List<Resource> platform = Arrays.stream(new PathMatchingResourcePatternResolver()
                        .getResources("classpath:db/platform/V*__*.sql"))
                .sorted(Comparator.comparingInt(PlatformMigrationsIT::version)).toList();
        Path olderPlatform = Files.createDirectories(before.resolve("platform"));
        for (Resource migration : platform.subList(0, platform.size() - 1)) {
            try (InputStream in = migration.getInputStream()) {
                Files.copy(in, olderPlatform.resolve(migration.getFilename()));
            }
        }
        Path service = Files.createDirectories(before.resolve("service"));
        Files.writeString(service.resolve("V100__service_table.sql"), "CREATE TABLE service_things (id INTEGER);");
        var postgres = PostgresServer.shared();
        String url = postgres.createDatabase("platform_migrations_" + UUID.randomUUID().toString().substring(0, 8));

        flyway(url, "filesystem:" + olderPlatform, "filesystem:" + service).migrate();
        var next = flyway(url, "classpath:db/platform", "filesystem:" + service).migrate();

        assertThat(next.migrationsExecuted).isEqualTo(1);
        assertThat(next.migrations.getFirst().version).isEqualTo(String.valueOf(version(platform.getLast())));
    }

    private static Flyway flyway(String url, String... locations) throws IOException {
        var defaults = new Properties();
        try (InputStream in = PlatformMigrationsIT.class.getResourceAsStream("/fairbill-platform-defaults.properties")) {
            defaults.load(in);
        }
        var postgres = PostgresServer.shared();
        return Flyway.configure().dataSource(url, postgres.user(), postgres.password()).locations(locations)
                .outOfOrder(Boolean.parseBoolean(defaults.getProperty("spring.flyway.out-of-order", "false")))
                .load();
    }

    private static int version(Resource migration) {
        String name = migration.getFilename();
        return Integer.parseInt(name.substring(1, name.indexOf("__")));
    }
}
