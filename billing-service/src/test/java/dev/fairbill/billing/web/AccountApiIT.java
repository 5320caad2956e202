package dev.fairbill.billing.web;

import static dev.fairbill.platform.testsupport.ApiClient.bearer;
import static dev.fairbill.platform.testsupport.KafkaTestMessages.awaitRecord;
import static dev.fairbill.platform.testsupport.KafkaTestMessages.data;
import static dev.fairbill.platform.testsupport.KafkaTestMessages.header;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.fairbill.billing.BillingApi;
import dev.fairbill.billing.BillingTestClient;
import dev.fairbill.contracts.Topics;
import dev.fairbill.contracts.billing.AccountOpenedV1;
import dev.fairbill.contracts.ledger.TierChangedV1;
import dev.fairbill.platform.testsupport.IntegrationTest;
import dev.fairbill.platform.testsupport.TestJwts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Opening and reading accounts over HTTP on real PostgreSQL, and the fact published on the real broker. */
@IntegrationTest
class AccountApiIT {

    private static final String CUSTOMER = """
            {"externalRef": "shop-customer-1", "role": "CUSTOMER", "email": "jo@example.com"}""";

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();
    private BillingApi api;

    @BeforeEach
    void client() {
        api = new BillingApi(port);
    }

    @Test
    void openedAccountCanBeReadBackByItsTenant() {
        var created = api.post("/api/v1/accounts", CUSTOMER, bearer(TestJwts.admin("panel")));

        assertThat(created.status()).isEqualTo(201);
        JsonNode account = json.readTree(created.body());
        String id = account.get("id").asString();
        assertThat(id).startsWith("acct_");
        assertThat(account.get("tenant").asString()).isEqualTo("panel");
        assertThat(account.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(account.get("holds").isEmpty()).isTrue();
        assertThat(created.header("Location")).isEqualTo("/api/v1/accounts/" + id);

        var read = api.get("/api/v1/accounts/" + id, bearer(TestJwts.readOnly("panel")));
        assertThat(read.status()).isEqualTo(200);
        assertThat(json.readTree(read.body())).isEqualTo(account);
    }

    @Test
    void anotherTenantsAccountIsNotFound() {
        String id = api.openAccount("panel", CUSTOMER);

        var read = api.get("/api/v1/accounts/" + id, bearer(TestJwts.admin("studio")));

        assertThat(read.status()).isEqualTo(404);
        assertThat(read.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void requestWithoutTokenIsUnauthorized() {
        var response = api.post("/api/v1/accounts", CUSTOMER, Map.of());

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(response.body()).contains("https://fairbill.dev/problems/unauthorized");
    }

    @Test
    void tokenSignedWithAnotherSecretIsUnauthorized() {
        String forged = TestJwts.token("panel", TestJwts.ALL_SCOPES, Instant.now(),
                "another-secret-that-is-long-enough-0123456789");

        assertThat(api.get("/api/v1/accounts/acct_x", bearer(forged)).status()).isEqualTo(401);
    }

    /** The gateway's tokens live a minute: one that never expires, or lives for a day, was not issued for a request. */
    @Test
    void tokenWithoutExpiryOrLivingTooLongIsUnauthorized() {
        Instant now = Instant.now();
        String noExpiry = TestJwts.token("panel", TestJwts.ALL_SCOPES, now, null, TestJwts.SECRET);
        String aDay = TestJwts.token("panel", TestJwts.ALL_SCOPES, now, now.plus(Duration.ofDays(1)), TestJwts.SECRET);
        String aMinute = TestJwts.token("panel", TestJwts.ALL_SCOPES, now, now.plusSeconds(60), TestJwts.SECRET);

        assertThat(api.get("/api/v1/accounts/acct_x", bearer(noExpiry)).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/accounts/acct_x", bearer(aDay)).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/accounts/acct_x", bearer(aMinute)).status()).isEqualTo(404);
    }

    /** A validly signed token for a tenant this deployment does not serve was not issued by our gateway's keys. */
    @Test
    void tokenNamingAnUnknownTenantIsUnauthorized() {
        for (String tenant : new String[] {"acme", "PANEL", "panel ", "*"}) {
            var response = api.post("/api/v1/accounts", CUSTOMER, bearer(TestJwts.admin(tenant)));

            assertThat(response.status()).as(tenant).isEqualTo(401);
        }
        assertThat(jdbc.sql("""
                SELECT count(*) FROM accounts WHERE tenant NOT IN ('panel', 'studio', 'imaging', 'smm', 'chat')""")
                .query(Long.class).single()).isZero();
    }

    @Test
    void readOnlyTokenCannotOpenAccounts() {
        var response = api.post("/api/v1/accounts", CUSTOMER, bearer(TestJwts.readOnly("panel")));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.body()).contains("https://fairbill.dev/problems/forbidden");
    }

    @Test
    void unknownFieldIsRejectedAndNothingIsCreated() {
        long before = accountCount("panel");

        var response = api.post("/api/v1/accounts", """
                {"externalRef": "x", "role": "CUSTOMER", "creditLimit": 5}""", bearer(TestJwts.admin("panel")));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.body()).contains("creditLimit");
        assertThat(accountCount("panel")).isEqualTo(before);
    }

    @Test
    void missingRoleIsAValidationProblemNamingTheField() {
        var response = api.post("/api/v1/accounts", """
                {"externalRef": "x"}""", bearer(TestJwts.admin("panel")));

        assertThat(response.status()).isEqualTo(400);
        assertThat(json.readTree(response.body()).get("errors").toString()).contains("role");
    }

    @Test
    void subResellerNeedsAResellerParentOfTheSameTenant() {
        var orphan = api.post("/api/v1/accounts", """
                {"externalRef": "sub-1", "role": "SUB_RESELLER"}""", bearer(TestJwts.admin("panel")));
        assertThat(orphan.status()).isEqualTo(422);

        String customer = api.openAccount("panel", CUSTOMER);
        var underCustomer = api.post("/api/v1/accounts", """
                {"externalRef": "sub-2", "role": "SUB_RESELLER", "parentAccountId": "%s"}""".formatted(customer),
                bearer(TestJwts.admin("panel")));
        assertThat(underCustomer.status()).isEqualTo(422);

        String reseller = api.openAccount("studio", """
                {"externalRef": "reseller-1", "role": "RESELLER"}""");
        var otherTenantsParent = api.post("/api/v1/accounts", """
                {"externalRef": "sub-3", "role": "SUB_RESELLER", "parentAccountId": "%s"}""".formatted(reseller),
                bearer(TestJwts.admin("panel")));
        assertThat(otherTenantsParent.status()).isEqualTo(422);

        var proper = api.post("/api/v1/accounts", """
                {"externalRef": "sub-4", "role": "SUB_RESELLER", "parentAccountId": "%s"}""".formatted(reseller),
                bearer(TestJwts.admin("studio")));
        assertThat(proper.status()).isEqualTo(201);
        assertThat(json.readTree(proper.body()).get("parentAccountId").asString()).isEqualTo(reseller);
    }

    @Test
    void idempotencyKeyReplaysTheFirstAccount() {
        Map<String, String> headers = new HashMap<>(bearer(TestJwts.admin("panel")));
        headers.put("Idempotency-Key", UUID.randomUUID().toString());

        var first = api.post("/api/v1/accounts", CUSTOMER, headers);
        var replay = api.post("/api/v1/accounts", CUSTOMER, headers);
        var reused = api.post("/api/v1/accounts", CUSTOMER.replace("shop-customer-1", "other"), headers);

        assertThat(first.status()).isEqualTo(201);
        assertThat(replay.status()).isEqualTo(201);
        assertThat(json.readTree(replay.body()).get("id")).isEqualTo(json.readTree(first.body()).get("id"));
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.body()).contains("idempotency-key-reused");
    }

    @Test
    void openedAccountIsPublishedAsACloudEvent() {
        String id = api.openAccount("chat", CUSTOMER);

        var record = awaitRecord(Topics.BILLING_EVENTS, id, null, Duration.ofSeconds(20));
        assertThat(header(record, "ce_type")).isEqualTo(AccountOpenedV1.TYPE);
        assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(record, "ce_source")).isEqualTo("/fairbill/billing");
        assertThat(header(record, "ce_subject")).isEqualTo(id);
        assertThat(header(record, "ce_id")).isNotBlank();
        AccountOpenedV1 data = data(record, AccountOpenedV1.class);
        assertThat(data.accountId()).isEqualTo(id);
        assertThat(data.tenant()).isEqualTo("chat");
        assertThat(data.role()).isEqualTo("CUSTOMER");
    }

    /**
     * final-sale-reseller §5: in the reseller tenant a reseller may create sub-resellers once its tier, which the
     * ledger
     * publishes from its lifetime purchased credits, allows it; an older tier fact does not take that back.
     */
    @Test
    void aResellerCreatesSubResellersOnlyOnceItsTierAllowsIt() {
        String reseller = api.openAccount("panel", """
                {"externalRef": "tiered-reseller", "role": "RESELLER"}""");
        String subReseller = """
                {"externalRef": "tiered-sub", "role": "SUB_RESELLER", "parentAccountId": "%s"}""".formatted(reseller);

        var refused = api.post("/api/v1/accounts", subReseller, bearer(TestJwts.admin("panel")));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(json.readTree(refused.body()).get("type").asString())
                .isEqualTo("https://fairbill.dev/problems/tier-required");

        Instant at = Instant.parse("2026-11-22T10:15:30Z");
        BillingTestClient.ledgerFact(TierChangedV1.TYPE, reseller,
                new TierChangedV1(reseller, "panel", "GOLD", 5000, at, true));
        BillingTestClient.ledgerFact(TierChangedV1.TYPE, reseller,
                new TierChangedV1(reseller, "panel", "BRONZE", 100, at, false));

        var allowed = Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> api.post("/api/v1/accounts", subReseller, bearer(TestJwts.admin("panel"))),
                        response -> response.status() == 201);
        assertThat(json.readTree(allowed.body()).get("parentAccountId").asString()).isEqualTo(reseller);
    }

    private long accountCount(String tenant) {
        return jdbc.sql("SELECT count(*) FROM accounts WHERE tenant = ?").param(tenant).query(Long.class).single();
    }
}
