package dev.fairbill.ledger.messaging;

import static dev.fairbill.platform.testsupport.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.fairbill.platform.testsupport.ApiClient;
import dev.fairbill.platform.testsupport.IntegrationTest;
import dev.fairbill.platform.testsupport.TestJwts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Billing's account-opened fact, received from the real broker, opens an empty ledger exactly once. */
@IntegrationTest
class AccountOpenedConsumerIT {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();
    private ApiClient api;

    @BeforeEach
    void setUp() {
        api = new ApiClient("http://localhost:" + port);
    }

    @Test
    void openedAccountGetsAnEmptyLedger() {
        String accountId = BillingFacts.newAccountId();

        BillingFacts.accountOpened(UUID.randomUUID().toString(), accountId, "panel");

        ApiClient.Response ledger = awaitLedger(accountId, "panel");
        JsonNode body = json.readTree(ledger.body());
        assertThat(body.get("accountId").asString()).isEqualTo(accountId);
        assertThat(body.get("balance").asLong()).isZero();
        assertThat(body.get("frozen").asBoolean()).isFalse();
        assertThat(body.get("lots").isEmpty()).isTrue();
        assertThat(body.get("cashBalances").isEmpty()).isTrue();
    }

    @Test
    void ledgerOfAnotherTenantsAccountIsNotFound() {
        String accountId = BillingFacts.newAccountId();
        BillingFacts.accountOpened(UUID.randomUUID().toString(), accountId, "panel");
        awaitLedger(accountId, "panel");

        assertThat(api.get("/api/v1/ledgers/" + accountId, bearer(TestJwts.admin("studio"))).status())
                .isEqualTo(404);
    }

    @Test
    void redeliveredMessageHasOneEffect() {
        String accountId = BillingFacts.newAccountId();
        String eventId = UUID.randomUUID().toString();
        String marker = BillingFacts.newAccountId();

        BillingFacts.accountOpened(eventId, accountId, "smm");
        BillingFacts.accountOpened(eventId, accountId, "smm");
        // a later message on the same partition: once it is applied, both copies before it have been handled
        BillingFacts.accountOpened(UUID.randomUUID().toString(), marker, "smm");
        awaitLedger(marker, "smm");

        assertThat(jdbc.sql("SELECT count(*) FROM inbox WHERE message_id = ?").param(eventId)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?").param(accountId)
                .query(Long.class).single()).isEqualTo(1);
    }

    private ApiClient.Response awaitLedger(String accountId, String tenant) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> api.get("/api/v1/ledgers/" + accountId, bearer(TestJwts.readOnly(tenant))),
                        response -> response.status() == 200);
    }
}
