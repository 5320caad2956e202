package dev.fairbill.platform.web.idempotency;

import static dev.fairbill.platform.web.ProblemMatchers.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import dev.fairbill.platform.jdbc.ProcessLiveness;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** The Idempotency-Key filter against a real PostgreSQL with the platform's migration. */
class IdempotencyFilterTest {

    private static final Duration RETENTION = Duration.ofHours(24);
    private static final Duration TAKEOVER_AFTER = Duration.ofSeconds(60);

    private static EmbeddedPostgres postgres;
    private static JdbcClient jdbc;
    private static ProcessLiveness thisProcess;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:15:30Z"));
    private final IdempotencyKeyStore store = storeOf(thisProcess);
    private final IdempotentTestController controller = new IdempotentTestController();
    private MockMvc mvc;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = IdempotencyDatabase.start();
        jdbc = JdbcClient.create(postgres.getPostgresDatabase());
        thisProcess = liveness();
        thisProcess.start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        thisProcess.stop();
        postgres.close();
    }

    private static ProcessLiveness liveness() {
        return new ProcessLiveness(postgres.getJdbcUrl("postgres", "postgres"), "postgres", null);
    }

    private IdempotencyKeyStore storeOf(ProcessLiveness process) {
        return storeOf(jdbc, process);
    }

    private IdempotencyKeyStore storeOf(JdbcClient database, ProcessLiveness process) {
        return new IdempotencyKeyStore(database, clock,
                new IdempotencyProperties(RETENTION, TAKEOVER_AFTER, Duration.ofHours(1), List.of(), false), process);
    }

    /** Claims key-1 of panel for {@code POST /things} named {@code name}, as the filter would. */
    private static Claim claimThing(IdempotencyKeyStore store, String name) {
        return store.claim(IdempotentRequest.of("panel", "key-1", "POST", "/things",
                ("{\"name\":\"" + name + "\"}").getBytes(StandardCharsets.UTF_8)));
    }

    @BeforeEach
    void emptyTableAndMockMvc() {
        jdbc.sql("TRUNCATE idempotency_keys").update();
        mvc = FilterMvc.of(controller, new IdempotencyFilter(store, FilterMvc.PROBLEMS, List.of("/slow-things")));
    }

    @Test
    void retryWithSameKeyAndBodyReplaysTheFirstResponseExactly() throws Exception {
        MockHttpServletResponse first = perform(thing("panel", "key-1", "alpha"));
        MockHttpServletResponse second = perform(thing("panel", "key-1", "alpha"));

        assertThat(first.getStatus()).isEqualTo(201);
        assertThat(first.getHeader(IdempotencyFilter.IDEMPOTENT_REPLAYED)).isNull();
        assertThat(second.getStatus()).isEqualTo(201);
        assertThat(second.getContentAsByteArray()).isEqualTo(first.getContentAsByteArray());
        assertThat(second.getContentType()).isEqualTo(first.getContentType());
        assertThat(second.getHeader(IdempotencyFilter.IDEMPOTENT_REPLAYED)).isEqualTo("true");
        assertThat(controller.executions).hasValue(1);
    }

    @Test
    void aPathThatRequiresAKeyRefusesARequestWithoutOneAndRunsNothing() throws Exception {
        mvc.perform(post("/slow-things").header(TenantFromHeaderFilter.TENANT, "panel")
                        .contentType("application/json").content("{\"name\":\"alpha\"}"))
                .andExpect(problem(400, "idempotency-key-required"));
        assertThat(controller.executions).hasValue(0);

        mvc.perform(post("/things").header(TenantFromHeaderFilter.TENANT, "panel")
                        .contentType("application/json").content("{\"name\":\"alpha\"}"))
                .andExpect(status().isCreated());
        assertThat(controller.executions).hasValue(1);
        assertThat(jdbc.sql("SELECT count(*) FROM idempotency_keys").query(Long.class).single()).isZero();
    }

    @Test
    void sameKeyWithDifferentBodyIsRefusedAsReused() throws Exception {
        perform(thing("panel", "key-1", "alpha"));

        mvc.perform(thing("panel", "key-1", "beta")).andExpect(problem(422, "idempotency-key-reused"));
        assertThat(controller.executions).hasValue(1);
    }

    @Test
    void sameKeyOnAnotherPathIsRefusedAsReused() throws Exception {
        perform(thing("panel", "key-1", "alpha"));

        mvc.perform(post("/slow-things").header(TenantFromHeaderFilter.TENANT, "panel")
                        .header(IdempotencyFilter.IDEMPOTENCY_KEY, "key-1")
                        .contentType("application/json").content("{\"name\":\"alpha\"}"))
                .andExpect(problem(422, "idempotency-key-reused"));
    }

    @Test
    void retryWhileTheFirstRequestRunsIsToldTheKeyIsInUse() throws Exception {
        CompletableFuture<MockHttpServletResponse> first = CompletableFuture.supplyAsync(
                () -> performUnchecked(slowThing("key-1")));
        assertThat(controller.slow.awaitEntered()).isTrue();

        mvc.perform(slowThing("key-1")).andExpect(problem(409, "idempotency-key-in-use"));

        controller.slow.release();
        assertThat(first.get(10, TimeUnit.SECONDS).getStatus()).isEqualTo(201);
        mvc.perform(slowThing("key-1"))
                .andExpect(status().isCreated())
                .andExpect(header().string(IdempotencyFilter.IDEMPOTENT_REPLAYED, "true"));
        assertThat(controller.executions).hasValue(1);
    }

    @Test
    void retryTakesOverAKeyAbandonedLongerThanTheTakeoverTimeout() throws Exception {
        Claim crashed = claimThing(store, "alpha");
        assertThat(crashed).isInstanceOf(Claim.Claimed.class);

        clock.advance(TAKEOVER_AFTER.minusSeconds(1));
        mvc.perform(thing("panel", "key-1", "alpha")).andExpect(problem(409, "idempotency-key-in-use"));

        clock.advance(Duration.ofSeconds(1));
        byte[] takenOver = perform(thing("panel", "key-1", "alpha")).getContentAsByteArray();

        store.complete(((Claim.Claimed) crashed).attempt(), new StoredResponse(200, "text/plain", new byte[] {'x'}));
        assertThat(perform(thing("panel", "key-1", "alpha")).getContentAsByteArray()).isEqualTo(takenOver);
        assertThat(controller.executions).hasValue(1);
    }

    @Test
    void retryTakesOverAtOnceTheKeyOfAProcessThatDied() throws Exception {
        ProcessLiveness crashedProcess = liveness();
        crashedProcess.start();
        Claim crashed = claimThing(storeOf(crashedProcess), "alpha");
        assertThat(crashed).isInstanceOf(Claim.Claimed.class);
        mvc.perform(thing("panel", "key-1", "alpha")).andExpect(problem(409, "idempotency-key-in-use"));

        crashedProcess.stop();

        mvc.perform(thing("panel", "key-1", "alpha"))
                .andExpect(status().isCreated())
                .andExpect(header().doesNotExist(IdempotencyFilter.IDEMPOTENT_REPLAYED));
        assertThat(controller.executions).hasValue(1);
    }

    @Test
    void aKeyThatCouldNotBeReleasedWhileTheDatabaseWasOutOfReachIsReleasedOnceItIsBack() throws Exception {
        var link = new CuttableDataSource(postgres.getPostgresDatabase());
        var cutOff = storeOf(JdbcClient.create(link), thisProcess);
        var claimed = (Claim.Claimed) claimThing(cutOff, "alpha");

        link.cut = true;
        cutOff.release(claimed.attempt());
        link.cut = false;
        mvc.perform(thing("panel", "key-1", "alpha")).andExpect(problem(409, "idempotency-key-in-use"));

        assertThat(cutOff.finishUnfinished()).isZero();
        mvc.perform(thing("panel", "key-1", "alpha")).andExpect(status().isCreated());
        assertThat(controller.executions).hasValue(1);
    }

    @Test
    void aResponseThatCouldNotBeStoredWhileTheDatabaseWasOutOfReachIsStoredOnceItIsBack() throws Exception {
        var link = new CuttableDataSource(postgres.getPostgresDatabase());
        var cutOff = storeOf(JdbcClient.create(link), thisProcess);
        var claimed = (Claim.Claimed) claimThing(cutOff, "alpha");

        link.cut = true;
        cutOff.complete(claimed.attempt(), new StoredResponse(201, "application/json",
                "{\"id\":\"thing-1\"}".getBytes(StandardCharsets.UTF_8)));
        assertThat(cutOff.finishUnfinished()).isOne();
        link.cut = false;

        assertThat(cutOff.finishUnfinished()).isZero();
        mvc.perform(thing("panel", "key-1", "alpha"))
                .andExpect(status().isCreated())
                .andExpect(header().string(IdempotencyFilter.IDEMPOTENT_REPLAYED, "true"))
                .andExpect(jsonPath("$.id").value("thing-1"));
        assertThat(controller.executions).hasValue(0);
    }

    /** The database as seen through a network link that can be cut: no connection while {@code cut}. */
    private static final class CuttableDataSource extends DelegatingDataSource {

        volatile boolean cut;

        CuttableDataSource(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (cut) {
                throw new SQLException("Connection refused", "08001");
            }
            return super.getConnection();
        }
    }

    @Test
    void aDeadProcessesKeyIsTakenOverOnlyForTheSameRequest() throws Exception {
        ProcessLiveness crashedProcess = liveness();
        crashedProcess.start();
        claimThing(storeOf(crashedProcess), "alpha");
        crashedProcess.stop();

        mvc.perform(thing("panel", "key-1", "beta")).andExpect(problem(422, "idempotency-key-reused"));
        assertThat(controller.executions).hasValue(0);
    }

    @Test
    void serverErrorIsNotStoredSoARetryRunsAgain() throws Exception {
        mvc.perform(keyed(post("/unavailable-things"), "panel", "key-1")).andExpect(status().isServiceUnavailable());
        mvc.perform(keyed(post("/unavailable-things"), "panel", "key-1")).andExpect(status().isServiceUnavailable());

        assertThat(controller.executions).hasValue(2);
        assertThat(storedKeys()).isZero();
    }

    @Test
    void exceptionEscapingTheRequestReleasesTheKey() {
        assertThatThrownBy(() -> mvc.perform(keyed(post("/exploding-things"), "panel", "key-1")))
                .hasRootCauseMessage("boom");

        assertThat(storedKeys()).isZero();
    }

    @Test
    void clientErrorIsStoredAndReplayed() throws Exception {
        mvc.perform(keyed(post("/rejected-things"), "panel", "key-1")).andExpect(status().isUnprocessableContent());
        mvc.perform(keyed(post("/rejected-things"), "panel", "key-1"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(header().string(IdempotencyFilter.IDEMPOTENT_REPLAYED, "true"));

        assertThat(controller.executions).hasValue(1);
    }

    @Test
    void anotherTenantsSameKeyIsIndependent() throws Exception {
        perform(thing("panel", "key-1", "alpha"));

        mvc.perform(thing("studio", "key-1", "beta"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.name").value("beta"))
                .andExpect(header().doesNotExist(IdempotencyFilter.IDEMPOTENT_REPLAYED));
        assertThat(controller.executions).hasValue(2);
    }

    @Test
    void expiredKeyIsForgottenAndPurged() throws Exception {
        perform(thing("panel", "key-1", "alpha"));
        clock.advance(RETENTION.minusSeconds(1));
        mvc.perform(thing("panel", "key-1", "beta")).andExpect(problem(422, "idempotency-key-reused"));

        clock.advance(Duration.ofSeconds(1));
        mvc.perform(thing("panel", "key-1", "beta"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.name").value("beta"));
        perform(thing("panel", "key-2", "gamma"));

        clock.advance(RETENTION);
        assertThat(store.purgeExpired()).isEqualTo(2);
        assertThat(storedKeys()).isZero();
    }

    @Test
    void purgeKeepsKeysWithinRetention() throws Exception {
        perform(thing("panel", "key-1", "alpha"));
        clock.advance(RETENTION.minusSeconds(1));

        assertThat(store.purgeExpired()).isZero();
        assertThat(storedKeys()).isEqualTo(1);
    }

    @Test
    void keyWithAControlCharacterIsABadRequest() throws Exception {
        mvc.perform(thing("panel", "key\u0001", "alpha")).andExpect(problem(400, "invalid-idempotency-key"));
        mvc.perform(thing("panel", "   ", "alpha")).andExpect(problem(400, "invalid-idempotency-key"));
        assertThat(controller.executions).hasValue(0);
    }

    @Test
    void keyLongerThan255CharactersIsABadRequest() throws Exception {
        mvc.perform(thing("panel", "k".repeat(256), "alpha")).andExpect(problem(400, "invalid-idempotency-key"));
        mvc.perform(thing("panel", "k".repeat(255), "alpha")).andExpect(status().isCreated());
        assertThat(controller.executions).hasValue(1);
    }

    @Test
    void requestWithoutKeyOrWithoutTenantIsNotRecorded() throws Exception {
        mvc.perform(post("/things").header(TenantFromHeaderFilter.TENANT, "panel")
                .contentType("application/json").content("{\"name\":\"alpha\"}")).andExpect(status().isCreated());
        mvc.perform(post("/things").header(IdempotencyFilter.IDEMPOTENCY_KEY, "key-1")
                .contentType("application/json").content("{\"name\":\"alpha\"}")).andExpect(status().isCreated());

        assertThat(storedKeys()).isZero();
    }

    @Test
    void asynchronousResponseIsStoredOnceItIsComplete() throws Exception {
        MockHttpServletRequestBuilder asyncThing = keyed(post("/async-things"), "panel", "key-1")
                .contentType("application/json").content("{\"name\":\"alpha\"}");
        MvcResult started = mvc.perform(asyncThing).andExpect(request().asyncStarted()).andReturn();
        byte[] first = mvc.perform(asyncDispatch(started))
                .andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsByteArray();

        mvc.perform(asyncThing)
                .andExpect(status().isCreated())
                .andExpect(header().string(IdempotencyFilter.IDEMPOTENT_REPLAYED, "true"))
                .andExpect(content().bytes(first));
        assertThat(controller.executions).hasValue(1);
    }

    private MockHttpServletRequestBuilder thing(String tenant, String key, String name) {
        return keyed(post("/things"), tenant, key).contentType("application/json")
                .content("{\"name\":\"" + name + "\"}");
    }

    private MockHttpServletRequestBuilder slowThing(String key) {
        return keyed(post("/slow-things"), "panel", key).contentType("application/json")
                .content("{\"name\":\"alpha\"}");
    }

    private static MockHttpServletRequestBuilder keyed(MockHttpServletRequestBuilder request, String tenant,
            String key) {
        return request.header(TenantFromHeaderFilter.TENANT, tenant).header(IdempotencyFilter.IDEMPOTENCY_KEY, key);
    }

    private MockHttpServletResponse perform(MockHttpServletRequestBuilder request) throws Exception {
        return FilterMvc.perform(mvc, request);
    }

    private MockHttpServletResponse performUnchecked(MockHttpServletRequestBuilder request) {
        return FilterMvc.performUnchecked(mvc, request);
    }

    private long storedKeys() {
        return jdbc.sql("SELECT count(*) FROM idempotency_keys").query(Long.class).single();
    }
}
