package dev.fairbill.ledger;

import static dev.fairbill.platform.testsupport.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;

import dev.fairbill.ledger.messaging.BillingFacts;
import dev.fairbill.platform.testsupport.ApiClient;
import dev.fairbill.platform.testsupport.TestJwts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The ledger's HTTP API as its integration tests drive it, as one tenant, with the setup steps they share. */
public final class LedgerTestApi {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ApiClient api;
    private final String tenant;

    public LedgerTestApi(int port, String tenant) {
        this.api = new ApiClient("http://localhost:" + port);
        this.tenant = tenant;
    }

    public ApiClient http() {
        return api;
    }

    /** Opens an account through billing's fact and waits until its ledger answers; returns the account id. */
    public String openedAccount(String role, String parentAccountId) {
        String account = BillingFacts.newAccountId();
        BillingFacts.accountOpened(account, tenant, role, parentAccountId);
        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> api.get(
                "/api/v1/ledgers/" + account, bearer(TestJwts.readOnly(tenant))).status() == 200);
        return account;
    }

    /** A POST to the ledger's sub-path as the tenant's admin, with a fresh Idempotency-Key. */
    public ApiClient.Response post(String account, String subPath, String body) {
        Map<String, String> headers = new HashMap<>(bearer(TestJwts.admin(tenant)));
        headers.put("Idempotency-Key", UUID.randomUUID().toString());
        return api.send("POST", "/api/v1/ledgers/" + account + subPath, body, headers);
    }

    public JsonNode ledger(String account) {
        return JSON.readTree(api.get("/api/v1/ledgers/" + account, bearer(TestJwts.readOnly(tenant))).body());
    }

    /**
     * {@code cents} of cash balance paid back from a charge billing captured for the account (granted once the ledger
     * has learnt of the charge); returns the charge's id.
     */
    public String cashBalance(String account, long cents) {
        String charge = BillingFacts.chargeCaptured(account, tenant, cents);
        String body = "{\"amount\": " + cents + ", \"source\": \"REFUND_BALANCE\", \"unit\": \"EUR\", \"chargeId\": \""
                + charge + "\"}";
        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(post(account, "/grants", body).status()).isEqualTo(201));
        return charge;
    }
}
