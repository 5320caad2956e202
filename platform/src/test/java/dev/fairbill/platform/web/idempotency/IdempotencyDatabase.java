package dev.fairbill.platform.web.idempotency;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** A fresh embedded PostgreSQL with the platform's {@code idempotency_keys} table, for the filter's tests. */
final class IdempotencyDatabase {

    static EmbeddedPostgres start() throws IOException {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        JdbcClient jdbc = JdbcClient.create(postgres.getPostgresDatabase());
        for (String migration : List.of("V4__idempotency_keys.sql", "V5__idempotency_key_owner.sql")) {
            jdbc.sql(new ClassPathResource("db/platform/" + migration).getContentAsString(StandardCharsets.UTF_8))
                    .update();
        }
        return postgres;
    }

    private IdempotencyDatabase() {
    }
}
