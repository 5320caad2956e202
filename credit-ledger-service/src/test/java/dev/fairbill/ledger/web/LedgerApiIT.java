package dev.fairbill.ledger.web;

import static dev.fairbill.platform.testsupport.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import dev.fairbill.contracts.MoneyAmount;
import dev.fairbill.contracts.Topics;
import dev.fairbill.contracts.billing.ChargeRefundFailedV1;
import dev.fairbill.contracts.billing.ChargeRefundedV1;
import dev.fairbill.contracts.billing.RefundChargeRequestedV1;
import dev.fairbill.ledger.LedgerTestApi;
import dev.fairbill.ledger.messaging.BillingFacts;
import dev.fairbill.platform.testsupport.ApiClient;
import dev.fairbill.platform.testsupport.IntegrationTest;
import dev.fairbill.platform.testsupport.KafkaTestMessages;
import dev.fairbill.platform.testsupport.TestJwts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The ledger's REST API (docs/api.md, credit ledger) against real PostgreSQL and the real broker. */
@IntegrationTest
@TestPropertySource(properties = "fairbill.ledger.tenants." + LedgerApiIT.OVERDRAFT_TENANT + ".overdraft-limit=100")
class LedgerApiIT {

    private static final String TENANT = "panel";
    /** The one tenant here whose customers may overdraw their credits, by up to 100. */
    static final String OVERDRAFT_TENANT = "smm";

    @LocalServerPort int port;
    private final JsonMapper json = JsonMapper.builder().build();
    private ApiClient api;

    @BeforeEach
    void setUp() {
        api = new ApiClient("http://localhost:" + port);
    }

    /** Consumption takes the soonest-expiring lot first, then the oldest. */
    @Test
    void consumptionTakesTheSoonestExpiringLotFirstThenTheOldest() {
        String account = openedAccount("CUSTOMER", null);
        String later = lot(grant(account, 10, "GOODWILL", in(Duration.ofDays(10))));
        String never = lot(grant(account, 10, "ADJUSTMENT", null));
        String sooner = lot(grant(account, 10, "GOODWILL", in(Duration.ofDays(5))));
        String neverYounger = lot(grant(account, 10, "SERVICE_CREDIT", null));

        ApiClient.Response consumed = post(account, "/consumptions", "{\"amount\": 25, \"reference\": \"job-1\"}");

        assertThat(consumed.status()).isEqualTo(201);
        JsonNode body = json.readTree(consumed.body());
        assertThat(body.get("allocations")).extracting(a -> a.get("lotId").asString() + "=" + a.get("amount").asLong())
                .containsExactly(sooner + "=10", later + "=10", never + "=5");
        assertThat(body.get("balanceAfter").asLong()).isEqualTo(15);
        JsonNode ledger = ledger(account);
        assertThat(ledger.get("balance").asLong()).isEqualTo(15);
        assertThat(ledger.get("lots")).extracting(l -> l.get("id").asString()).containsExactly(never, neverYounger);
    }

    /** Who granted and who voided a lot, when and from which request, scoped to the tenant. */
    @Test
    void grantsAndVoidsAreInTheAuditTrailWithTheKeyAndTheRequest() {
        String account = openedAccount("CUSTOMER", null);
        Map<String, String> granting = new HashMap<>(admin());
        granting.put("X-Request-Id", "req-grant-" + account);
        var granted = api.post(path(account, "/grants"), "{\"amount\": 40, \"source\": \"GOODWILL\", "
                + "\"reference\": \"ticket-7\"}", granting);
        assertThat(granted.status()).isEqualTo(201);
        String lot = lot(granted);
        Map<String, String> voiding = new HashMap<>(admin());
        voiding.put("X-Request-Id", "req-void-" + account);
        assertThat(api.post(path(account, "/lots/" + lot + "/void"), "{\"reason\": \"granted twice\"}", voiding)
                .status()).isEqualTo(200);

        JsonNode trail = json.readTree(api.get("/api/v1/audit?resource=" + lot, read()).body()).get("data");

        assertThat(trail).hasSize(2);
        assertThat(trail.get(0).get("action").asString()).isEqualTo("lot.granted");
        assertThat(trail.get(0).get("actor").get("keyId").asString()).isEqualTo("key_panel_test");
        assertThat(trail.get(0).get("requestId").asString()).isEqualTo("req-grant-" + account);
        assertThat(trail.get(0).get("accountId").asString()).isEqualTo(account);
        assertThat(trail.get(0).get("detail").asString()).contains("40", "GOODWILL", "ticket-7");
        assertThat(trail.get(1).get("action").asString()).isEqualTo("lot.voided");
        assertThat(trail.get(1).get("actor").get("keyId").asString()).isEqualTo("key_panel_test");
        assertThat(trail.get(1).get("requestId").asString()).isEqualTo("req-void-" + account);
        assertThat(trail.get(1).get("detail").asString()).contains("granted twice");
        assertThat(Instant.parse(trail.get(1).get("at").asString())).isBeforeOrEqualTo(Instant.now());
        assertThat(json.readTree(api.get("/api/v1/audit?resource=" + account, read()).body()).get("data"))
                .as("the account's trail holds its lots' entries").hasSize(2);
        assertThat(json.readTree(api.get("/api/v1/audit?resource=" + lot,
                bearer(TestJwts.readOnly("studio"))).body()).get("data")).as("another tenant's").isEmpty();
        var unnamed = api.get("/api/v1/audit", read());
        assertThat(unnamed.status()).isEqualTo(400);
        assertThat(api.get("/api/v1/audit?resource=lot_%00", read()).status()).isEqualTo(400);
    }

    @Test
    void consumingMoreThanTheBalanceIsRefusedAndChangesNothing() {
        String account = openedAccount("CUSTOMER", null);
        grant(account, 10, "GOODWILL", null);

        ApiClient.Response refused = post(account, "/consumptions", "{\"amount\": 11, \"reference\": \"job-1\"}");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body()).contains("https://fairbill.dev/problems/insufficient-credits");
        assertThat(ledger(account).get("balance").asLong()).isEqualTo(10);
    }

    /**
     * A consumption beyond the balance, where the tenant allows an overdraft, takes every lot and overdraws the rest:
     * the statement shows the lot's movement and then the overdraft, the balance goes below zero, and the next grant
     * settles the overdraft first.
     */
    @Test
    void anOverdraftShowsInTheStatementAndTheNextGrantSettlesIt() {
        String account = openedAccount(OVERDRAFT_TENANT, "CUSTOMER", null);
        String lot = lot(grant(OVERDRAFT_TENANT, account, 10, "GOODWILL", null));

        ApiClient.Response consumed = api.post(path(account, "/consumptions"),
                "{\"amount\": 25, \"reference\": \"job-1\"}", admin(OVERDRAFT_TENANT));

        assertThat(consumed.status()).isEqualTo(201);
        JsonNode body = json.readTree(consumed.body());
        assertThat(body.get("allocations")).extracting(a -> a.get("lotId").asString() + "=" + a.get("amount").asLong())
                .containsExactly(lot + "=10");
        assertThat(body.get("balanceAfter").asLong()).isEqualTo(-15);
        assertThat(ledger(OVERDRAFT_TENANT, account).get("balance").asLong()).isEqualTo(-15);
        assertThat(entries(OVERDRAFT_TENANT, account)).containsExactly("GRANT10", "CONSUMPTION-10", "OVERDRAFT-15");

        grant(OVERDRAFT_TENANT, account, 20, "GOODWILL", null);

        assertThat(ledger(OVERDRAFT_TENANT, account).get("balance").asLong()).isEqualTo(5);
        assertThat(entries(OVERDRAFT_TENANT, account)).containsExactly("GRANT10", "CONSUMPTION-10", "OVERDRAFT-15",
                "GRANT20", "OVERDRAFT_SETTLED-15", "OVERDRAFT_SETTLED15");
    }

    @Test
    void aConsumptionRetriedWithTheSameIdempotencyKeyIsAppliedOnce() {
        String account = openedAccount("CUSTOMER", null);
        grant(account, 10, "GOODWILL", null);
        Map<String, String> headers = admin();
        headers.put("Idempotency-Key", UUID.randomUUID().toString());
        String body = "{\"amount\": 4, \"reference\": \"job-1\"}";

        ApiClient.Response first = api.post(path(account, "/consumptions"), body, headers);
        ApiClient.Response retried = api.post(path(account, "/consumptions"), body, headers);

        assertThat(retried.status()).isEqualTo(first.status()).isEqualTo(201);
        assertThat(retried.body()).isEqualTo(first.body());
        assertThat(ledger(account).get("balance").asLong()).isEqualTo(6);
    }

    @Test
    void invalidGrantsAreRefusedWithAProblemAndChangeNothing() {
        String account = openedAccount("CUSTOMER", null);

        assertProblem(post(account, "/grants", "{\"amount\": 0, \"source\": \"GOODWILL\"}"), 400, "validation-failed");
        assertProblem(post(account, "/grants", "{\"amount\": -5, \"source\": \"GOODWILL\"}"), 400,
                "validation-failed");
        assertProblem(post(account, "/grants", "{\"amount\": 5, \"source\": \"GIFT\"}"), 400, "malformed-request");
        assertProblem(post(account, "/grants", "{\"amount\": 5, \"source\": \"PURCHASED\"}"), 422,
                "source-not-grantable");
        assertProblem(post(account, "/grants", "{\"amount\": 5, \"source\": \"GOODWILL\", \"unit\": \"XYZ\"}"), 400,
                "validation-failed");
        assertProblem(post(account, "/grants", "{\"amount\": 5, \"source\": \"GOODWILL\", \"unit\": \"EUR\"}"), 422,
                "unit-mismatch");
        assertProblem(post(account, "/grants", "{\"amount\": 5, \"source\": \"GOODWILL\", \"expiresAt\": \""
                + Instant.now().minusSeconds(60) + "\"}"), 422, "expiry-in-past");
        assertProblem(post(account, "/grants", "{\"amount\": 5, \"source\": \"GOODWILL\", \"colour\": \"red\"}"), 400,
                null);

        JsonNode ledger = ledger(account);
        assertThat(ledger.get("balance").asLong()).isZero();
        assertThat(ledger.get("lots").isEmpty()).isTrue();
    }

    /** Holds: reserve, then capture (part) — the rest goes back — and a captured hold stays captured. */
    @Test
    void aHoldReservesCreditsAndCapturingPartOfItReleasesTheRest() {
        String account = openedAccount("CUSTOMER", null);
        grant(account, 50, "GOODWILL", null);

        ApiClient.Response placed = post(account, "/holds", "{\"amount\": 30, \"reference\": \"render-7\"}");
        assertThat(placed.status()).isEqualTo(201);
        String hold = json.readTree(placed.body()).get("id").asString();
        assertThat(json.readTree(placed.body()).get("status").asString()).isEqualTo("PENDING");
        assertThat(ledger(account).get("balance").asLong()).isEqualTo(20);

        ApiClient.Response captured = post(account, "/holds/" + hold + "/capture", "{\"amount\": 20}");
        assertThat(captured.status()).isEqualTo(200);
        assertThat(json.readTree(captured.body()).get("status").asString()).isEqualTo("CAPTURED");
        assertThat(ledger(account).get("balance").asLong()).isEqualTo(30);

        assertProblem(post(account, "/holds/" + hold + "/release", ""), 409, "hold-not-pending");
        assertThat(ledger(account).get("balance").asLong()).isEqualTo(30);
    }

    /**
     * A hold times out and releases by itself, and a lot expires at its {@code expiresAt} — both on
     * persistent deadlines, without any request to the ledger.
     */
    @Test
    void aHoldTimesOutAndALotExpiresByThemselves() {
        String account = openedAccount("CUSTOMER", null);
        grant(account, 40, "GOODWILL", null);
        String expiring = lot(grant(account, 5, "SERVICE_CREDIT", Instant.now().plusSeconds(2)));
        ApiClient.Response placed = post(account, "/holds",
                "{\"amount\": 30, \"reference\": \"job-9\", \"expiresIn\": \"PT1S\"}");
        String hold = json.readTree(placed.body()).get("id").asString();
        assertThat(ledger(account).get("balance").asLong()).isEqualTo(15);

        JsonNode settled = awaitLedger(account, l -> l.get("balance").asLong() == 40);
        assertThat(settled.get("lots")).extracting(l -> l.get("id").asString()).doesNotContain(expiring);
        assertThat(json.readTree(api.get(path(account, "/holds/" + hold), admin()).body()).get("status").asString())
                .isEqualTo("EXPIRED");
        assertThat(json.readTree(api.get(path(account, "/lots/" + expiring), admin()).body()).get("closedAs")
                .asString()).isEqualTo("EXPIRED");
    }

    /** final-sale-reseller §5: a reseller transfers to its own sub-resellers only. */
    @Test
    void aResellerTransfersCreditsToItsSubResellerButNotToAnotherAccount() {
        String reseller = openedAccount("RESELLER", null);
        String subReseller = openedAccount("SUB_RESELLER", reseller);
        String stranger = openedAccount("SUB_RESELLER", openedAccount("RESELLER", null));
        grant(reseller, 100, "ADJUSTMENT", null);

        assertProblem(post(reseller, "/transfers", "{\"toAccountId\": \"" + stranger + "\", \"amount\": 10}"), 422,
                "not-a-sub-reseller");
        ApiClient.Response transferred = post(reseller, "/transfers",
                "{\"toAccountId\": \"" + subReseller + "\", \"amount\": 40}");

        assertThat(transferred.status()).isEqualTo(201);
        assertThat(ledger(reseller).get("balance").asLong()).isEqualTo(60);
        JsonNode received = awaitLedger(subReseller, l -> l.get("balance").asLong() == 40);
        assertThat(received.get("lots")).singleElement()
                .satisfies(l -> assertThat(l.get("source").asString()).isEqualTo("TRANSFER"));
        assertThat(ledger(stranger).get("balance").asLong()).isZero();
    }

    /**
     * cooling-off-prorata: cash balance is withdrawable to the original payment method; the balance is reduced once and
     * comes
     * back when billing cannot refund.
     */
    @Test
    void aWithdrawalAsksBillingForARefundAndRestoresTheBalanceWhenItFails() {
        String account = openedAccount("CUSTOMER", null);
        String charge = new LedgerTestApi(port, TENANT).cashBalance(account, 600);

        ApiClient.Response withdrawn = post(account, "/withdrawals",
                "{\"amount\": {\"amount\": 450, \"currency\": \"EUR\"}}");

        assertThat(withdrawn.status()).isEqualTo(202);
        JsonNode withdrawal = json.readTree(withdrawn.body());
        assertThat(withdrawal.get("status").asString()).isEqualTo("PENDING");
        assertThat(cash(ledger(account))).isEqualTo(150);
        var request = KafkaTestMessages.data(KafkaTestMessages.awaitRecord(Topics.BILLING_REQUESTS, account,
                RefundChargeRequestedV1.TYPE, Duration.ofSeconds(30)), RefundChargeRequestedV1.class);
        assertThat(request.chargeId()).isEqualTo(charge);
        assertThat(request.amount()).isEqualTo(new MoneyAmount(450, "EUR"));

        BillingFacts.fact(ChargeRefundFailedV1.TYPE, account, new ChargeRefundFailedV1(request.chargeId(), account,
                TENANT, request.refundId(), request.amount(), "refund_failed", Instant.now()));
        BillingFacts.fact(ChargeRefundedV1.TYPE, account, new ChargeRefundedV1(request.chargeId(), account, TENANT,
                request.refundId(), request.amount(), request.amount(), "re_x", "late duplicate", Instant.now()));

        awaitLedger(account, l -> cash(l) == 600);
        JsonNode settled = json.readTree(api.get(path(account, "/withdrawals/" + withdrawal.get("id").asString()),
                admin()).body());
        assertThat(settled.get("status").asString()).isEqualTo("FAILED");
        assertThat(settled.get("restored").get("amount").asLong()).isEqualTo(450);
    }

    /** ADR 0010: the part of a refund the cash balance had paid comes back to it, once per refund id. */
    @Test
    void thePartOfARefundThatTheBalancePaidComesBackToTheBalanceOnce() {
        String account = openedAccount("CUSTOMER", null);
        String charge = BillingFacts.chargeCaptured(account, TENANT, 1000);
        var refunded = new ChargeRefundedV1(charge, account, TENANT, "re_split_" + account,
                new MoneyAmount(1000, "EUR"), new MoneyAmount(1000, "EUR"), "re_sandbox_1", "DUPLICATE_CHARGE",
                Instant.now(), new MoneyAmount(300, "EUR"));

        BillingFacts.fact(ChargeRefundedV1.TYPE, account, refunded);
        BillingFacts.fact(ChargeRefundedV1.TYPE, account, refunded);

        JsonNode ledger = awaitLedger(account, l -> cash(l) == 300);
        assertThat(ledger.get("lots")).filteredOn(lot -> lot.get("source").asString().equals("REFUND_BALANCE"))
                .singleElement().satisfies(lot -> assertThat(lot.get("remaining").asLong()).isEqualTo(300));
        BillingFacts.fact(ChargeRefundedV1.TYPE, account, new ChargeRefundedV1(charge, account, TENANT,
                "re_card_only_" + account, new MoneyAmount(100, "EUR"), new MoneyAmount(1100, "EUR"), "re_2",
                "DUPLICATE_CHARGE", Instant.now()));
        BillingFacts.fact(ChargeRefundedV1.TYPE, account, new ChargeRefundedV1(charge, account, TENANT,
                "re_next_" + account, new MoneyAmount(50, "EUR"), new MoneyAmount(1150, "EUR"), null,
                "DUPLICATE_CHARGE", Instant.now(), new MoneyAmount(50, "EUR")));
        assertThat(cash(awaitLedger(account, l -> cash(l) == 350))).isEqualTo(350);
    }

    /** A cash lot is money a charge took: it names a charge captured for this account, in its currency, at most. */
    @Test
    void aCashLotMustNameACapturedChargeOfItsOwnAccountInItsCurrencyForNoMoreThanItTook() {
        String account = openedAccount("CUSTOMER", null);
        String other = openedAccount("CUSTOMER", null);
        LedgerTestApi ledgers = new LedgerTestApi(port, TENANT);
        String own = ledgers.cashBalance(account, 500);
        String othersCharge = ledgers.cashBalance(other, 500);
        String cash = "{\"amount\": %d, \"source\": \"REFUND_BALANCE\", \"unit\": \"%s\", \"chargeId\": \"%s\"}";

        assertProblem(post(account, "/grants", cash.formatted(100, "EUR", othersCharge)), 422, "unknown-charge");
        assertProblem(post(account, "/grants", cash.formatted(100, "EUR", "ch_01JDQ8Z3V5G7N2K4M6P8R0T2W4")), 422,
                "unknown-charge");
        assertProblem(post(account, "/grants", cash.formatted(100, "USD", own)), 422, "currency-mismatch");
        assertProblem(post(account, "/grants", cash.formatted(501, "EUR", own)), 422, "exceeds-charge");
        assertProblem(post(account, "/grants", "{\"amount\": 100, \"source\": \"REFUND_BALANCE\", \"unit\": \"EUR\"}"),
                400, "validation-failed");
        assertProblem(post(account, "/grants", "{\"amount\": 5, \"source\": \"GOODWILL\", \"chargeId\": \"" + own
                + "\"}"), 400, "validation-failed");
        assertThat(cash(ledger(account))).isEqualTo(500);
    }

    @Test
    void withdrawingMoreThanTheCashBalanceIsRefused() {
        String account = openedAccount("CUSTOMER", null);
        new LedgerTestApi(port, TENANT).cashBalance(account, 100);

        assertProblem(post(account, "/withdrawals", "{\"amount\": {\"amount\": 101, \"currency\": \"EUR\"}}"), 409,
                "insufficient-balance");
        assertThat(cash(ledger(account))).isEqualTo(100);
    }

    /** The statement pages with a cursor and the journal balances, per unit and against every account's lots. */
    @Test
    void theStatementPagesWithACursorAndTheJournalBalances() {
        String account = openedAccount("CUSTOMER", null);
        grant(account, 10, "GOODWILL", null);
        grant(account, 20, "SERVICE_CREDIT", null);
        post(account, "/consumptions", "{\"amount\": 15, \"reference\": \"job-1\"}");

        JsonNode first = json.readTree(api.get(path(account, "/entries?limit=2"), admin()).body());
        assertThat(first.get("data")).extracting(e -> e.get("type").asString() + e.get("amount").asLong())
                .containsExactly("GRANT10", "GRANT20");
        JsonNode second = json.readTree(api.get(path(account, "/entries?limit=2&after="
                + first.get("nextCursor").asString()), admin()).body());
        assertThat(second.get("data")).extracting(e -> e.get("type").asString() + e.get("amount").asLong())
                .containsExactly("CONSUMPTION-10", "CONSUMPTION-5");
        assertThat(second.get("nextCursor").isNull()).isTrue();

        JsonNode check = Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> json.readTree(api.get("/api/v1/journal/check", admin()).body()),
                        result -> result.get("balanced").asBoolean());
        assertThat(check.get("units")).allSatisfy(unit -> assertThat(unit.get("imbalance").asLong()).isZero());
        assertThat(check.get("mismatches").isEmpty()).isTrue();
    }

    @Test
    void anotherTenantsLedgerIsNotFound() {
        String account = openedAccount("CUSTOMER", null);

        assertThat(api.get(path(account, ""), bearer(TestJwts.admin("studio"))).status()).isEqualTo(404);
        assertThat(api.post(path(account, "/grants"), "{\"amount\": 5, \"source\": \"GOODWILL\"}",
                bearer(TestJwts.admin("studio"))).status()).isEqualTo(404);
    }

    private String openedAccount(String role, String parent) {
        return openedAccount(TENANT, role, parent);
    }

    private String openedAccount(String tenant, String role, String parent) {
        String account = BillingFacts.newAccountId();
        BillingFacts.accountOpened(account, tenant, role, parent);
        awaitLedger(tenant, account, ledger -> true);
        return account;
    }

    private ApiClient.Response grant(String account, long amount, String source, Instant expiresAt) {
        return grant(TENANT, account, amount, source, expiresAt);
    }

    private ApiClient.Response grant(String tenant, String account, long amount, String source, Instant expiresAt) {
        ApiClient.Response response = api.post(path(account, "/grants"), "{\"amount\": " + amount
                + ", \"source\": \"" + source + "\""
                + (expiresAt == null ? "" : ", \"expiresAt\": \"" + expiresAt + "\"") + "}", admin(tenant));
        assertThat(response.status()).isEqualTo(201);
        return response;
    }

    /** The account's statement, oldest first, each entry as its type and signed amount. */
    private List<String> entries(String tenant, String account) {
        return json.readTree(api.get(path(account, "/entries?limit=100"), admin(tenant)).body()).get("data")
                .valueStream().map(e -> e.get("type").asString() + e.get("amount").asLong()).toList();
    }

    private String lot(ApiClient.Response granted) {
        return json.readTree(granted.body()).get("id").asString();
    }

    private static Instant in(Duration duration) {
        return Instant.now().plus(duration).truncatedTo(ChronoUnit.SECONDS);
    }

    private static long cash(JsonNode ledger) {
        List<JsonNode> balances = ledger.get("cashBalances").findParents("currency");
        return balances.isEmpty() ? 0 : balances.getFirst().get("amount").asLong();
    }

    private ApiClient.Response post(String account, String subPath, String body) {
        return api.post(path(account, subPath), body, admin());
    }

    private static String path(String account, String subPath) {
        return "/api/v1/ledgers/" + account + subPath;
    }

    private static Map<String, String> read() {
        return bearer(TestJwts.readOnly(TENANT));
    }

    private static Map<String, String> admin() {
        return admin(TENANT);
    }

    private static Map<String, String> admin(String tenant) {
        return new HashMap<>(bearer(TestJwts.admin(tenant)));
    }

    private JsonNode ledger(String account) {
        return ledger(TENANT, account);
    }

    private JsonNode ledger(String tenant, String account) {
        return json.readTree(api.get(path(account, ""), admin(tenant)).body());
    }

    private void assertProblem(ApiClient.Response response, int status, String slug) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.headers().get("content-type")).contains("application/problem+json");
        if (slug != null) {
            assertThat(json.readTree(response.body()).get("type").asString())
                    .isEqualTo("https://fairbill.dev/problems/" + slug);
        }
    }

    private JsonNode awaitLedger(String account, Predicate<JsonNode> condition) {
        return awaitLedger(TENANT, account, condition);
    }

    private JsonNode awaitLedger(String tenant, String account, Predicate<JsonNode> condition) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    ApiClient.Response response = api.get(path(account, ""), bearer(TestJwts.readOnly(tenant)));
                    return response.status() == 200 ? json.readTree(response.body()) : null;
                }, ledger -> ledger != null && condition.test(ledger));
    }
}
