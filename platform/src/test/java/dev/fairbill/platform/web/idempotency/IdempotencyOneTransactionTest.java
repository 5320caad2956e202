package dev.fairbill.platform.web.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.fairbill.platform.jdbc.ProcessLiveness;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The Idempotency-Key filter with claim, work and answer in one transaction, against a real PostgreSQL: the work of a
 * request (a row in {@code things}) and its stored answer commit together or not at all.
 */
class IdempotencyOneTransactionTest {

    private static EmbeddedPostgres postgres;
    private static JdbcClient jdbc;
    private static ProcessLiveness thisProcess;
    private static TransactionTemplate transaction;

    private final ThingsController controller = new ThingsController();
    private MockMvc mvc;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = IdempotencyDatabase.start();
        DataSource dataSource = postgres.getPostgresDatabase();
        jdbc = JdbcClient.create(dataSource);
        // a name may appear once, checked only when the transaction commits
        jdbc.sql("""
                CREATE TABLE things (name text NOT NULL,
                                     CONSTRAINT unique_name UNIQUE (name) DEFERRABLE INITIALLY DEFERRED)""")
                .update();
        thisProcess = new ProcessLiveness(postgres.getJdbcUrl("postgres", "postgres"), "postgres", null);
        thisProcess.start();
        transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        thisProcess.stop();
        postgres.close();
    }

    @BeforeEach
    void emptyTablesAndMockMvc() {
        jdbc.sql("TRUNCATE idempotency_keys, things").update();
        var store = new IdempotencyKeyStore(jdbc, new MutableClock(Instant.parse("2026-11-22T10:15:30Z")),
                new IdempotencyProperties(Duration.ofHours(24), Duration.ofSeconds(60), Duration.ofHours(1),
                        List.of(), true), thisProcess);
        mvc = FilterMvc.of(controller, new IdempotencyFilter(store, FilterMvc.PROBLEMS, List.of(), transaction));
    }

    @Test
    void theWorkAndTheStoredAnswerCommitTogetherAndARetryReplaysIt() throws Exception {
        MockHttpServletResponse first = perform(thing("/things", "key-1", "alpha"));
        MockHttpServletResponse retry = perform(thing("/things", "key-1", "alpha"));

        assertThat(first.getStatus()).isEqualTo(201);
        assertThat(retry.getStatus()).isEqualTo(201);
        assertThat(retry.getHeader(IdempotencyFilter.IDEMPOTENT_REPLAYED)).isEqualTo("true");
        assertThat(retry.getContentAsByteArray()).isEqualTo(first.getContentAsByteArray());
        assertThat(things()).containsExactly("alpha");
        assertThat(storedKeys()).isOne();
    }

    @Test
    void aServerErrorRollsBackTheWorkAndTheClaimSoThatARetryRunsAgain() throws Exception {
        assertThat(perform(thing("/unavailable-things", "key-1", "alpha")).getStatus()).isEqualTo(503);
        assertThat(things()).isEmpty();
        assertThat(storedKeys()).isZero();

        controller.available = true;
        MockHttpServletResponse retry = perform(thing("/unavailable-things", "key-1", "alpha"));

        assertThat(retry.getStatus()).isEqualTo(201);
        assertThat(retry.getHeader(IdempotencyFilter.IDEMPOTENT_REPLAYED)).isNull();
        assertThat(things()).containsExactly("alpha");
    }

    @Test
    void aSuccessThatCannotCommitIsNeverAnsweredAndLeavesNothing() throws Exception {
        perform(thing("/things", "key-1", "taken"));

        assertThatThrownBy(() -> perform(thing("/things", "key-2", "taken")))
                .hasStackTraceContaining("unique_name");

        assertThat(things()).containsExactly("taken");
        assertThat(storedKeys()).isOne();
    }

    @Test
    void aRetryWhileTheFirstRequestRunsWaitsForItAndReplaysItsAnswer() throws Exception {
        CompletableFuture<MockHttpServletResponse> first = CompletableFuture.supplyAsync(
                () -> performUnchecked(thing("/slow-things", "key-1", "alpha")));
        assertThat(controller.slow.awaitEntered()).isTrue();
        CompletableFuture<MockHttpServletResponse> retry = CompletableFuture.supplyAsync(
                () -> performUnchecked(thing("/slow-things", "key-1", "alpha")));

        Thread.sleep(300);
        assertThat(retry).isNotDone();
        controller.slow.release();

        assertThat(first.get(10, TimeUnit.SECONDS).getStatus()).isEqualTo(201);
        MockHttpServletResponse replayed = retry.get(10, TimeUnit.SECONDS);
        assertThat(replayed.getStatus()).isEqualTo(201);
        assertThat(replayed.getHeader(IdempotencyFilter.IDEMPOTENT_REPLAYED)).isEqualTo("true");
        assertThat(things()).containsExactly("alpha");
    }

    private static MockHttpServletRequestBuilder thing(String path, String key, String name) {
        return post(path).header(TenantFromHeaderFilter.TENANT, "panel").header(IdempotencyFilter.IDEMPOTENCY_KEY, key)
                .contentType("application/json").content("{\"name\":\"" + name + "\"}");
    }

    private MockHttpServletResponse perform(MockHttpServletRequestBuilder request) throws Exception {
        return FilterMvc.perform(mvc, request);
    }

    private MockHttpServletResponse performUnchecked(MockHttpServletRequestBuilder request) {
        return FilterMvc.performUnchecked(mvc, request);
    }

    private static List<String> things() {
        return jdbc.sql("SELECT name FROM things ORDER BY name").query(String.class).list();
    }

    private static long storedKeys() {
        return jdbc.sql("SELECT count(*) FROM idempotency_keys").query(Long.class).single();
    }

    /** Writes a row in the request's transaction for each thing it creates. */
    @RestController
    static class ThingsController {

        volatile boolean available;
        final SlowRequest slow = new SlowRequest();

        @PostMapping("/things")
        ResponseEntity<Map<String, Object>> create(@RequestBody Map<String, Object> body) {
            jdbc.sql("INSERT INTO things (name) VALUES (?)").param(body.get("name")).update();
            return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("name", body.get("name")));
        }

        @PostMapping("/unavailable-things")
        ResponseEntity<Map<String, Object>> createWhenAvailable(@RequestBody Map<String, Object> body) {
            ResponseEntity<Map<String, Object>> created = create(body);
            return available ? created
                    : ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("error", "try later"));
        }

        @PostMapping("/slow-things")
        ResponseEntity<Map<String, Object>> createSlowly(@RequestBody Map<String, Object> body)
                throws InterruptedException {
            slow.enterAndWait();
            return create(body);
        }
    }
}
