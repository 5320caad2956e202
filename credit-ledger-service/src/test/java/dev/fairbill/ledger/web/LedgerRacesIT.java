package dev.fairbill.ledger.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import org.awaitility.Awaitility;
import org.axonframework.commandhandling.gateway.CommandGateway;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import dev.fairbill.ledger.LedgerTestApi;
import dev.fairbill.ledger.ledger.CreditUnit;
import dev.fairbill.ledger.ledger.LedgerCommands.GrantLot;
import dev.fairbill.ledger.ledger.LedgerId;
import dev.fairbill.ledger.ledger.LotId;
import dev.fairbill.ledger.ledger.LotSource;
import dev.fairbill.platform.testsupport.ApiClient;
import dev.fairbill.platform.testsupport.IntegrationTest;
import dev.fairbill.platform.testsupport.ParallelCalls;
import dev.fairbill.platform.testsupport.TestJwts;
import tools.jackson.databind.JsonNode;

/** Requests racing on one ledger's last credits or cash: each outcome is exact, whatever the order. */
@IntegrationTest
class LedgerRacesIT {

    private static final String TENANT = "panel";
    private static final int PARALLEL = 8;
    /** More callers than the service works for at once (its connection pool), so some queue. */
    private static final int MANY = 12;

    @LocalServerPort int port;
    @Autowired CommandGateway commands;
    @Autowired TransactionTemplate transaction;
    @Autowired JdbcClient jdbc;
    private LedgerTestApi ledgers;

    @BeforeEach
    void setUp() {
        ledgers = new LedgerTestApi(port, TENANT);
    }

    /** Held credits are reserved: consumptions racing the capture of a hold on the last credits all fail. */
    @Test
    void consumptionsRacingTheCaptureOfAHoldOnTheLastCreditsAreRefused() {
        String account = openedAccount();
        assertThat(post(account, "/grants", "{\"amount\": 10, \"source\": \"GOODWILL\"}").status()).isEqualTo(201);
        String hold = LedgerTestApi.JSON.readTree(post(account, "/holds",
                "{\"amount\": 6, \"reference\": \"render\"}").body()).get("id").asString();

        List<ApiClient.Response> answers = ParallelCalls.run(PARALLEL, i -> i == 0
                ? post(account, "/holds/" + hold + "/capture", "{}")
                : post(account, "/consumptions", "{\"amount\": 5, \"reference\": \"job-" + i + "\"}"));

        assertThat(answers.getFirst().status()).as(answers.getFirst().body()).isEqualTo(200);
        assertThat(LedgerTestApi.JSON.readTree(answers.getFirst().body()).get("status").asString()).isEqualTo("CAPTURED");
        assertThat(answers.subList(1, PARALLEL)).allSatisfy(refused -> {
            assertThat(refused.status()).as(refused.body()).isEqualTo(409);
            assertThat(refused.body()).contains("insufficient-credits");
        });
        assertThat(ledger(account).get("balance").asLong()).isEqualTo(4);
    }

    @Test
    void parallelWithdrawalsOfTheWholeCashBalancePayOutOnce() {
        String account = openedAccount();
        ledgers.cashBalance(account, 100);

        List<ApiClient.Response> answers = ParallelCalls.run(PARALLEL, i -> post(account, "/withdrawals",
                "{\"amount\": {\"amount\": 100, \"currency\": \"EUR\"}}"));

        assertThat(answers).filteredOn(answer -> answer.status() == 202).hasSize(1);
        assertThat(answers).filteredOn(answer -> answer.status() != 202).hasSize(PARALLEL - 1)
                .allSatisfy(refused -> {
                    assertThat(refused.status()).as(refused.body()).isEqualTo(409);
                    assertThat(refused.body()).contains("insufficient-balance");
                });
        assertThat(ledger(account).get("cashBalances").findValues("amount"))
                .allSatisfy(amount -> assertThat(amount.asLong()).isZero());
    }

    /**
     * A Kafka message's commands run inside its inbox transaction, which commits after the command's unit of work has
     * ended. A caller's grant on the same ledger waits for that transaction instead of loading the ledger without the
     * message's grant (and losing the append race), and is applied on top of it.
     */
    @Test
    void aGrantRacingAMessageAppliedInItsInboxTransactionWaitsForItAndIsAppliedToo() {
        String account = openedAccount();
        AtomicReference<CompletableFuture<ApiClient.Response>> call = new AtomicReference<>();
        transaction.executeWithoutResult(status -> {
            String operation = "message-" + UUID.randomUUID();
            commands.sendAndWait(new GrantLot(LedgerId.of(account), operation, LotId.derive(operation),
                    CreditUnit.CREDIT, LotSource.GOODWILL, 5, null, "message", null, null));
            call.set(CompletableFuture.supplyAsync(() ->
                    post(account, "/grants", "{\"amount\": 7, \"source\": \"GOODWILL\"}")));
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> requestsPastReadingTheLedger() > 0);
        });

        ApiClient.Response granted = call.get().join();
        assertThat(granted.status()).as(granted.body()).isEqualTo(201);
        assertThat(ledger(account).get("balance").asLong()).isEqualTo(12);
    }

    /** Callers consuming from one ledger at once are each applied, one after the other, none refused. */
    @Test
    void parallelConsumptionsOfOneLedgerAreAllApplied() {
        String account = openedAccount();
        assertThat(post(account, "/grants", "{\"amount\": 1000, \"source\": \"GOODWILL\"}").status())
                .isEqualTo(201);

        List<ApiClient.Response> answers = ParallelCalls.run(MANY, i ->
                post(account, "/consumptions", "{\"amount\": 10, \"reference\": \"job-" + i + "\"}"));

        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as(answer.body()).isEqualTo(201));
        assertThat(answers).extracting(answer -> LedgerTestApi.JSON.readTree(answer.body()).get("balanceAfter")
                .asLong()).doesNotHaveDuplicates();
        assertThat(ledger(account).get("balance").asLong()).isEqualTo(1000 - 10 * MANY);
    }

    /**
     * Retries of a consumption sent while the first is still running wait for it and answer what it answered: one
     * consumption, the same answer to all, no {@code 409 idempotency-key-in-use}.
     */
    @Test
    void retriesOfARunningConsumptionWaitForItAndReplayItsAnswer() {
        String account = openedAccount();
        assertThat(post(account, "/grants", "{\"amount\": 100, \"source\": \"GOODWILL\"}").status())
                .isEqualTo(201);
        Map<String, String> headers = new HashMap<>(ApiClient.bearer(TestJwts.admin(TENANT)));
        headers.put("Idempotency-Key", "retried-" + UUID.randomUUID());

        List<ApiClient.Response> answers = ParallelCalls.run(MANY, i -> ledgers.http().send("POST",
                "/api/v1/ledgers/" + account + "/consumptions", "{\"amount\": 30, \"reference\": \"job\"}",
                headers));

        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as(answer.body()).isEqualTo(201));
        assertThat(answers).extracting(ApiClient.Response::body).containsOnly(answers.getFirst().body());
        assertThat(answers).filteredOn(answer -> answer.header("Idempotent-Replayed") == null).hasSize(1);
        assertThat(ledger(account).get("balance").asLong()).isEqualTo(70);
    }

    /**
     * A message's command whose inbox transaction rolls back leaves no trace in the ledger's state, cached or not: the
     * credits it granted cannot be consumed afterwards.
     */
    @Test
    void aGrantRolledBackWithItsMessageLeavesNothingToConsume() {
        String account = openedAccount();
        assertThat(post(account, "/grants", "{\"amount\": 7, \"source\": \"GOODWILL\"}").status()).isEqualTo(201);
        transaction.executeWithoutResult(status -> {
            String operation = "message-" + UUID.randomUUID();
            commands.sendAndWait(new GrantLot(LedgerId.of(account), operation, LotId.derive(operation),
                    CreditUnit.CREDIT, LotSource.GOODWILL, 5, null, "message", null, null));
            status.setRollbackOnly();
        });

        ApiClient.Response consumed = post(account, "/consumptions", "{\"amount\": 10, \"reference\": \"job\"}");

        assertThat(consumed.status()).as(consumed.body()).isEqualTo(409);
        assertThat(consumed.body()).contains("insufficient-credits");
        assertThat(post(account, "/consumptions", "{\"amount\": 7, \"reference\": \"job-2\"}").status())
                .isEqualTo(201);
        assertThat(ledger(account).get("balance").asLong()).isZero();
    }

    /** The balance a consumption answers is the balance the ledger shows afterwards, with a hold on it too. */
    @Test
    void aConsumptionsBalanceAfterIsTheLedgersBalance() {
        String account = openedAccount();
        assertThat(post(account, "/grants", "{\"amount\": 10, \"source\": \"GOODWILL\"}").status()).isEqualTo(201);
        assertThat(post(account, "/grants", "{\"amount\": 5, \"source\": \"SERVICE_CREDIT\"}").status())
                .isEqualTo(201);
        assertThat(post(account, "/holds", "{\"amount\": 3, \"reference\": \"render\"}").status()).isEqualTo(201);

        ApiClient.Response consumed = post(account, "/consumptions", "{\"amount\": 4, \"reference\": \"job\"}");

        assertThat(consumed.status()).as(consumed.body()).isEqualTo(201);
        long balanceAfter = LedgerTestApi.JSON.readTree(consumed.body()).get("balanceAfter").asLong();
        assertThat(ledger(account).get("balance").asLong()).isEqualTo(balanceAfter);
    }

    /** Requests in a transaction that has read a ledger (and now waits to command it) or appends to the store. */
    private long requestsPastReadingTheLedger() {
        return jdbc.sql("""
                SELECT count(*) FROM pg_stat_activity
                WHERE pid <> pg_backend_pid() AND xact_start IS NOT NULL
                  AND (query ILIKE '%FROM ledgers%' OR query ILIKE 'insert into domainevententry%')""")
                .query(Long.class).single();
    }

    private ApiClient.Response post(String account, String subPath, String body) {
        return ledgers.post(account, subPath, body);
    }

    private JsonNode ledger(String account) {
        return ledgers.ledger(account);
    }

    private String openedAccount() {
        return ledgers.openedAccount("CUSTOMER", null);
    }
}
