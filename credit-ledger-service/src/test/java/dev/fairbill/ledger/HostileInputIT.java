package dev.fairbill.ledger;

import static dev.fairbill.platform.testsupport.ApiClient.bearer;
import static dev.fairbill.platform.testsupport.fuzz.RequestFuzzer.refused;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.fairbill.platform.testsupport.ApiClient;
import dev.fairbill.platform.testsupport.IntegrationTest;
import dev.fairbill.platform.testsupport.TestJwts;
import dev.fairbill.platform.testsupport.fuzz.RequestFuzzer;

/**
 * Hostile variants of every ledger write endpoint: nothing answers 5xx, nothing invalid is accepted, and a refused
 * request stores no event. Other tenants' ledgers, holds and lots are as unknown as ones that do not exist.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputIT {

    private static final String TENANT = "panel";

    @LocalServerPort int port;
    @Autowired ApplicationContext service;
    @Autowired JdbcClient jdbc;
    private RequestFuzzer fuzzer;

    @BeforeAll
    void fixtures() {
        var ledgers = new LedgerTestApi(port, TENANT);
        var foreign = new LedgerTestApi(port, "studio");
        String account = ledgers.openedAccount("CUSTOMER", null);
        String reseller = ledgers.openedAccount("RESELLER", null);
        String sub = ledgers.openedAccount("SUB_RESELLER", reseller);
        String foreignAccount = foreign.openedAccount("CUSTOMER", null);
        String foreignSub = foreign.openedAccount("SUB_RESELLER", foreign.openedAccount("RESELLER", null));
        created(ledgers.post(account, "/grants", "{\"amount\": 1000000, \"source\": \"GOODWILL\"}"));
        created(ledgers.post(reseller, "/grants", "{\"amount\": 1000000, \"source\": \"ADJUSTMENT\"}"));
        created(foreign.post(foreignAccount, "/grants", "{\"amount\": 1000, \"source\": \"GOODWILL\"}"));
        String charge = ledgers.cashBalance(account, 100000);
        String lot = created(ledgers.post(account, "/grants", "{\"amount\": 10, \"source\": \"SERVICE_CREDIT\"}"));
        String hold = created(ledgers.post(account, "/holds", "{\"amount\": 50, \"reference\": \"render\"}"));
        String otherHold = created(ledgers.post(account, "/holds", "{\"amount\": 50, \"reference\": \"render\"}"));
        String foreignHold = created(foreign.post(foreignAccount, "/holds", "{\"amount\": 5, \"reference\": \"r\"}"));
        String foreignLot = created(foreign.post(foreignAccount, "/grants",
                "{\"amount\": 5, \"source\": \"GOODWILL\"}"));
        String inAWeek = Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        String ledger = "/api/v1/ledgers/" + account;
        String foreignLedger = "/api/v1/ledgers/" + foreignAccount;

        fuzzer = new RequestFuzzer(service, ledgers.http(), this::storedEvents, bearer(TestJwts.admin(TENANT)))
                .endpoint("POST /api/v1/ledgers/{accountId}/grants", ledger + "/grants", """
                        {"amount": 25, "source": "SERVICE_CREDIT", "expiresAt": "%s", "reference": "outage-7"}"""
                        .formatted(inAWeek),
                        refused("another tenant's ledger", foreignLedger + "/grants",
                                "{\"amount\": 5, \"source\": \"GOODWILL\"}"),
                        refused("an unknown ledger", "/api/v1/ledgers/acct_01JDQ8Z3V5G7N2K4M6P8R0T2W4/grants",
                                "{\"amount\": 5, \"source\": \"GOODWILL\"}"),
                        refused("cash from another tenant's charge", ledger + "/grants", """
                                {"amount": 5, "source": "REFUND_BALANCE", "unit": "EUR", "chargeId": "%s"}"""
                                .formatted(foreign.cashBalance(foreignAccount, 100))),
                        refused("cash in a currency the charge was not paid in", ledger + "/grants", """
                                {"amount": 5, "source": "REFUND_BALANCE", "unit": "XXX", "chargeId": "%s"}"""
                                .formatted(charge)),
                        refused("a purchased lot", ledger + "/grants", "{\"amount\": 5, \"source\": \"PURCHASED\"}"))
                .endpoint("POST /api/v1/ledgers/{accountId}/consumptions", ledger + "/consumptions",
                        "{\"amount\": 3, \"reference\": \"export-1\"}",
                        refused("another tenant's ledger", foreignLedger + "/consumptions",
                                "{\"amount\": 1, \"reference\": \"x\"}"),
                        refused("more than the balance", ledger + "/consumptions",
                                "{\"amount\": 9999999999, \"reference\": \"x\"}"))
                .endpoint("POST /api/v1/ledgers/{accountId}/holds", ledger + "/holds",
                        "{\"amount\": 4, \"reference\": \"render-2\", \"expiresIn\": \"PT10M\"}",
                        refused("another tenant's ledger", foreignLedger + "/holds",
                                "{\"amount\": 1, \"reference\": \"x\"}"),
                        refused("a hold for a year", ledger + "/holds",
                                "{\"amount\": 1, \"reference\": \"x\", \"expiresIn\": \"P365D\"}"))
                .endpoint("POST /api/v1/ledgers/{accountId}/holds/{holdId}/capture",
                        ledger + "/holds/" + hold + "/capture", "{\"amount\": 20}",
                        refused("another tenant's hold", foreignLedger + "/holds/" + foreignHold + "/capture", "{}"),
                        refused("another tenant's hold on an own ledger", ledger + "/holds/" + foreignHold
                                + "/capture", "{}"),
                        refused("more than held", ledger + "/holds/" + otherHold + "/capture", "{\"amount\": 51}"))
                .endpoint("POST /api/v1/ledgers/{accountId}/holds/{holdId}/release",
                        ledger + "/holds/" + otherHold + "/release", null,
                        refused("another tenant's hold", foreignLedger + "/holds/" + foreignHold + "/release", null),
                        refused("an unknown hold", ledger + "/holds/hold_01JDQ8Z3V5G7N2K4M6P8R0T2W4/release", null))
                .endpoint("POST /api/v1/ledgers/{accountId}/lots/{lotId}/void", ledger + "/lots/" + lot + "/void",
                        "{\"reason\": \"granted by mistake\"}",
                        refused("another tenant's lot", foreignLedger + "/lots/" + foreignLot + "/void",
                                "{\"reason\": \"x\"}"),
                        refused("another tenant's lot on an own ledger", ledger + "/lots/" + foreignLot + "/void",
                                "{\"reason\": \"x\"}"))
                .endpoint("POST /api/v1/ledgers/{accountId}/transfers", "/api/v1/ledgers/" + reseller
                        + "/transfers", "{\"toAccountId\": \"%s\", \"amount\": 10}".formatted(sub),
                        refused("to another tenant's sub-reseller", "/api/v1/ledgers/" + reseller + "/transfers",
                                "{\"toAccountId\": \"%s\", \"amount\": 10}".formatted(foreignSub)),
                        refused("to an account that is not a sub-reseller", "/api/v1/ledgers/" + reseller
                                + "/transfers", "{\"toAccountId\": \"%s\", \"amount\": 10}".formatted(account)))
                .endpoint("POST /api/v1/ledgers/{accountId}/withdrawals", ledger + "/withdrawals",
                        "{\"amount\": {\"amount\": 100, \"currency\": \"EUR\"}}",
                        refused("another tenant's ledger", foreignLedger + "/withdrawals",
                                "{\"amount\": {\"amount\": 1, \"currency\": \"EUR\"}}"),
                        refused("a currency without a cash balance", ledger + "/withdrawals",
                                "{\"amount\": {\"amount\": 1, \"currency\": \"USD\"}}"),
                        refused("more than the cash balance", ledger + "/withdrawals",
                                "{\"amount\": {\"amount\": 100001, \"currency\": \"EUR\"}}"));
    }

    @TestFactory
    Stream<DynamicTest> everyWriteEndpointRefusesHostileInputWithAProblemAndChangesNothing() {
        return fuzzer.tests();
    }

    @Test
    void everyWriteEndpointIsFuzzed() {
        fuzzer.coveredEndpointsAre();
    }

    /** Sums over many accounts may pass 64 bits: the check adds them exactly and still answers. */
    @Test
    void theJournalCheckAddsSumsBeyondSixtyFourBits() {
        for (int line = 0; line < 4; line++) {
            jdbc.sql("""
                            INSERT INTO journal_lines (posting_id, line, account_id, tenant, journal_account, unit,
                                                       amount, posted_at)
                            VALUES ('post_huge', ?, 'acct_huge', 'imaging', ?, 'CREDIT', ?, now())""")
                    .params(line, line < 2 ? "REVENUE" : "CUSTOMER_LIABILITY",
                            line < 2 ? Long.MAX_VALUE : -Long.MAX_VALUE)
                    .update();
        }
        var check = new LedgerTestApi(port, "imaging").http().get("/api/v1/journal/check",
                bearer(TestJwts.readOnly("imaging")));

        assertThat(check.status()).as(check.body()).isEqualTo(200);
        var unit = LedgerTestApi.JSON.readTree(check.body()).get("units").get(0);
        assertThat(unit.get("debits").bigIntegerValue()).isEqualTo(BigInteger.valueOf(Long.MAX_VALUE).shiftLeft(1));
        assertThat(unit.get("imbalance").bigIntegerValue()).isZero();
    }

    private long storedEvents() {
        return jdbc.sql("SELECT count(*) FROM domainevententry").query(Long.class).single();
    }

    private static String created(ApiClient.Response response) {
        if (response.status() / 100 != 2) {
            throw new IllegalStateException(response.status() + " " + response.body());
        }
        return LedgerTestApi.JSON.readTree(response.body()).get("id").asString();
    }
}
