package dev.fairbill.ledger.messaging;

import static dev.fairbill.platform.testsupport.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.function.Predicate;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import dev.fairbill.contracts.MoneyAmount;
import dev.fairbill.contracts.Topics;
import dev.fairbill.contracts.billing.AccountReinstatedV1;
import dev.fairbill.contracts.billing.AccountSuspendedV1;
import dev.fairbill.contracts.billing.PurchasePaidV1;
import dev.fairbill.contracts.billing.SubscriptionCancelledV1;
import dev.fairbill.contracts.billing.SubscriptionStartedV1;
import dev.fairbill.contracts.ledger.ApplyCashBalanceRequestedV1;
import dev.fairbill.contracts.ledger.CashBalanceAppliedV1;
import dev.fairbill.contracts.ledger.FreezeLedgerRequestedV1;
import dev.fairbill.contracts.ledger.GrantCreditsRequestedV1;
import dev.fairbill.contracts.ledger.LotGrantedV1;
import dev.fairbill.contracts.ledger.UnfreezeLedgerRequestedV1;
import dev.fairbill.platform.testsupport.ApiClient;
import dev.fairbill.platform.testsupport.IntegrationTest;
import dev.fairbill.platform.testsupport.KafkaTestMessages;
import dev.fairbill.platform.testsupport.TestJwts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The ledger reacting to billing's facts and to requests, received from the real broker, each applied once. */
@IntegrationTest
@TestPropertySource(properties = "fairbill.ledger.tenants.studio.grant-expiry.SERVICE_CREDIT=P30D")
class BillingFactsIT {

    private static final String TENANT = "studio";
    private static final MoneyAmount EUR_1000 = new MoneyAmount(1000, "EUR");

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();
    private ApiClient api;

    @BeforeEach
    void setUp() {
        api = new ApiClient("http://localhost:" + port);
    }

    /** final-sale-duplicates-refunded §3.1/§3.2: cancelling forfeits the allowance; purchased credits are kept. */
    @Test
    void allowanceIsGrantedWhenASubscriptionStartsAndForfeitedWhenItIsCancelledWhilePurchasedCreditsStay() {
        String account = openedAccount();
        String subscription = "sub_" + UUID.randomUUID().toString().replace("-", "").substring(0, 26);
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        BillingFacts.fact(SubscriptionStartedV1.TYPE, account, new SubscriptionStartedV1(subscription, account, TENANT,
                "monthly", "ACTIVE", start, start.plus(30, ChronoUnit.DAYS), 100, 0, null, EUR_1000, EUR_1000, null,
                "ch_FIRST", start));
        BillingFacts.fact(PurchasePaidV1.TYPE, account, new PurchasePaidV1("pur_PACK", account, TENANT,
                "credits-500", "CREDIT_PACK", "ch_PACK", new MoneyAmount(2500, "EUR"), 500, 1, start, start, null,
                null));

        JsonNode granted = awaitLedger(account, ledger -> ledger.get("balance").asLong() == 600);
        assertThat(granted.get("lots")).extracting(lot -> lot.get("source").asString())
                .containsExactlyInAnyOrder("SUBSCRIPTION_ALLOWANCE", "PURCHASED");

        BillingFacts.fact(SubscriptionCancelledV1.TYPE, account, new SubscriptionCancelledV1(subscription, account,
                TENANT, "IMMEDIATE", null, false, null, null, start, start.plus(30, ChronoUnit.DAYS), Instant.now()));

        JsonNode afterCancel = awaitLedger(account, ledger -> ledger.get("balance").asLong() == 500);
        assertThat(afterCancel.get("lots")).singleElement()
                .satisfies(lot -> assertThat(lot.get("source").asString()).isEqualTo("PURCHASED"));
        assertThat(entryTypes(account)).contains("FORFEIT");
    }

    /** Freeze: a suspended account's ledger refuses consumption (423) and keeps its balance. */
    @Test
    void suspensionFreezesTheLedgerAndReinstatementUnfreezesIt() {
        String account = openedAccount();
        grant(account, 50);
        awaitLedger(account, ledger -> ledger.get("balance").asLong() == 50);

        BillingFacts.fact(AccountSuspendedV1.TYPE, account, new AccountSuspendedV1(account, TENANT, "CUSTOMER",
                "DISPUTE", "dp_1", Instant.now()));
        awaitLedger(account, ledger -> ledger.get("frozen").asBoolean());

        ApiClient.Response refused = consume(account, 10);
        assertThat(refused.status()).isEqualTo(423);
        assertThat(refused.body()).contains("https://fairbill.dev/problems/ledger-frozen");
        assertThat(awaitLedger(account, ledger -> true).get("balance").asLong()).isEqualTo(50);

        BillingFacts.fact(AccountReinstatedV1.TYPE, account, new AccountReinstatedV1(account, TENANT, "CUSTOMER",
                "DISPUTE", "dp_1", Instant.now()));
        awaitLedger(account, ledger -> !ledger.get("frozen").asBoolean());
        assertThat(consume(account, 10).status()).isEqualTo(201);
    }

    /** A redelivered request (same message id) and a repeated operation id (new message id) are applied once. */
    /** A remedy's service credits follow the tenant's grant-expiry setting, like a grant through the API. */
    @Test
    void requestedServiceCreditsExpireAsTheTenantSays() {
        String account = openedAccount();
        Instant before = Instant.now();
        BillingFacts.request(UUID.randomUUID().toString(), GrantCreditsRequestedV1.TYPE, account,
                new GrantCreditsRequestedV1("op-" + UUID.randomUUID(), account, TENANT, 40, "CREDIT",
                        "SERVICE_CREDIT", null, "rc_outage", null));

        JsonNode lot = awaitLedger(account, l -> !l.get("lots").isEmpty()).get("lots").get(0);

        assertThat(lot.get("source").asString()).isEqualTo("SERVICE_CREDIT");
        assertThat(Instant.parse(lot.get("expiresAt").asString()))
                .isBetween(before.plus(Duration.ofDays(30)).minusSeconds(1), Instant.now().plus(Duration.ofDays(30)));
    }

    @Test
    void aRedeliveredGrantRequestIsAppliedOnce() {
        String account = openedAccount();
        var request = new GrantCreditsRequestedV1("op-" + UUID.randomUUID(), account, TENANT, 700, "EUR",
                "REFUND_BALANCE", null, "rc_1", "ch_ORIGINAL");
        String messageId = UUID.randomUUID().toString();
        String lastMessageId = UUID.randomUUID().toString();

        BillingFacts.request(messageId, GrantCreditsRequestedV1.TYPE, account, request);
        BillingFacts.request(messageId, GrantCreditsRequestedV1.TYPE, account, request);
        BillingFacts.request(lastMessageId, GrantCreditsRequestedV1.TYPE, account, request);
        // one account's messages share a partition: once the last is in the inbox, the two before it were handled
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "SELECT count(*) FROM inbox WHERE message_id = ?").param(lastMessageId).query(Long.class)
                .single() == 1);

        JsonNode ledger = awaitLedger(account, l -> true);
        assertThat(ledger.get("cashBalances")).singleElement().satisfies(cash -> {
            assertThat(cash.get("amount").asLong()).isEqualTo(700);
            assertThat(cash.get("currency").asString()).isEqualTo("EUR");
        });
        // the answer names the requester's own operation id, so the requester (the refund saga) can match it
        var granted = KafkaTestMessages.data(KafkaTestMessages.awaitRecord(Topics.LEDGER_EVENTS, account,
                LotGrantedV1.TYPE, Duration.ofSeconds(30)), LotGrantedV1.class);
        assertThat(granted.operationId()).isEqualTo(request.operationId());
    }

    /** The next charges use cash balance first; the ledger applies it once per charge. */
    @Test
    void cashBalanceIsAppliedToAChargeOnce() {
        String account = openedAccount();
        BillingFacts.request(UUID.randomUUID().toString(), GrantCreditsRequestedV1.TYPE, account,
                new GrantCreditsRequestedV1("op-" + UUID.randomUUID(), account, TENANT, 300, "EUR",
                        "REFUND_BALANCE", null, "rc_1", "ch_ORIGINAL"));
        awaitLedger(account, ledger -> !ledger.get("cashBalances").isEmpty());

        var apply = new ApplyCashBalanceRequestedV1("ch_NEW", account, TENANT, new MoneyAmount(100, "EUR"));
        BillingFacts.request(UUID.randomUUID().toString(), ApplyCashBalanceRequestedV1.TYPE, account, apply);
        BillingFacts.request(UUID.randomUUID().toString(), ApplyCashBalanceRequestedV1.TYPE, account, apply);
        grant(account, 1);

        awaitLedger(account, l -> l.get("balance").asLong() == 1);
        var answer = KafkaTestMessages.awaitRecord(Topics.LEDGER_EVENTS, account, CashBalanceAppliedV1.TYPE,
                Duration.ofSeconds(30));
        assertThat(KafkaTestMessages.data(answer, CashBalanceAppliedV1.class).applied())
                .isEqualTo(new MoneyAmount(100, "EUR"));
        JsonNode ledger = awaitLedger(account, l -> true);
        assertThat(ledger.get("cashBalances").get(0).get("amount").asLong()).isEqualTo(200);
    }

    /**
     * Requests sent before the account's opening fact reached the ledger wait for it instead of going to the
     * dead-letter topic; they are then applied once each and in the order they were sent (a freeze, then its lifting).
     */
    @Test
    void requestsForALedgerNotOpenYetWaitForItAndAreAppliedOnceInOrder() {
        String account = BillingFacts.newAccountId();
        String grantMessage = UUID.randomUUID().toString();
        var grant = new GrantCreditsRequestedV1("op-" + UUID.randomUUID(), account, TENANT, 40, "CREDIT",
                "GOODWILL", null, "early", null);
        BillingFacts.request(grantMessage, GrantCreditsRequestedV1.TYPE, account, grant);
        BillingFacts.request(grantMessage, GrantCreditsRequestedV1.TYPE, account, grant);
        BillingFacts.request(UUID.randomUUID().toString(), FreezeLedgerRequestedV1.TYPE, account,
                new FreezeLedgerRequestedV1(account, TENANT, "DISPUTE", "dp_early"));
        BillingFacts.request(UUID.randomUUID().toString(), UnfreezeLedgerRequestedV1.TYPE, account,
                new UnfreezeLedgerRequestedV1(account, TENANT, "DISPUTE", "dp_early"));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> waiting(account) == 3);

        BillingFacts.accountOpened(account, TENANT, "CUSTOMER", null);

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> waiting(account) == 0);
        JsonNode ledger = awaitLedger(account, l -> l.get("balance").asLong() == 40);
        assertThat(ledger.get("frozen").asBoolean()).isFalse();
        assertThat(ledger.get("lots")).hasSize(1);
        assertThat(jdbc.sql("SELECT count(*) FROM inbox WHERE message_id = ?").param(grantMessage)
                .query(Long.class).single()).isEqualTo(1);
    }

    /** A request for an account that never opens goes to the dead-letter topic, with why, once its wait is over. */
    @Test
    void aRequestWhoseLedgerNeverOpensIsDeadLetteredAfterItsWait() {
        String account = BillingFacts.newAccountId();
        String message = UUID.randomUUID().toString();
        BillingFacts.request(message, GrantCreditsRequestedV1.TYPE, account, new GrantCreditsRequestedV1(
                "op-" + UUID.randomUUID(), account, TENANT, 40, "CREDIT", "GOODWILL", null, "orphan", null));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> waiting(account) == 1);
        // still waiting a few rounds later: a request does not run out of retries while it waits
        Awaitility.await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> waiting(account) == 1);

        jdbc.sql("UPDATE inbox_waiting SET waiting_since = waiting_since - INTERVAL '61 minutes' WHERE record_key = ?")
                .param(account).update();

        var dead = KafkaTestMessages.awaitRecord(Topics.deadLetterTopic(Topics.LEDGER_REQUESTS), account,
                GrantCreditsRequestedV1.TYPE, Duration.ofSeconds(30));
        assertThat(KafkaTestMessages.header(dead, "ce_id")).isEqualTo(message);
        assertThat(KafkaTestMessages.header(dead, "fairbill_wait_reason")).contains("is not open yet");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> waiting(account) == 0);
        assertThat(jdbc.sql("SELECT count(*) FROM inbox WHERE message_id = ?").param(message).query(Long.class)
                .single()).isZero();
    }

    private long waiting(String account) {
        return jdbc.sql("SELECT count(*) FROM inbox_waiting WHERE record_key = ?").param(account).query(Long.class)
                .single();
    }

    private String openedAccount() {
        String account = BillingFacts.newAccountId();
        BillingFacts.accountOpened(account, TENANT, "CUSTOMER", null);
        awaitLedger(account, ledger -> true);
        return account;
    }

    private void grant(String account, long credits) {
        ApiClient.Response response = api.post("/api/v1/ledgers/" + account + "/grants",
                "{\"amount\": " + credits + ", \"source\": \"GOODWILL\"}", bearer(TestJwts.admin(TENANT)));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    private ApiClient.Response consume(String account, long credits) {
        return api.post("/api/v1/ledgers/" + account + "/consumptions",
                "{\"amount\": " + credits + ", \"reference\": \"job-1\"}", bearer(TestJwts.admin(TENANT)));
    }

    private java.util.List<String> entryTypes(String account) {
        return jdbc.sql("SELECT type FROM ledger_entries WHERE account_id = ? ORDER BY seq").param(account)
                .query(String.class).list();
    }

    private JsonNode awaitLedger(String account, Predicate<JsonNode> condition) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    ApiClient.Response response = api.get("/api/v1/ledgers/" + account,
                            bearer(TestJwts.readOnly(TENANT)));
                    return response.status() == 200 ? json.readTree(response.body()) : null;
                }, ledger -> ledger != null && condition.test(ledger));
    }
}
