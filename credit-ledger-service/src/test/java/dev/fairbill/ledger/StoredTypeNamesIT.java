package dev.fairbill.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.fairbill.platform.testsupport.IntegrationTest;
import dev.fairbill.platform.testsupport.StoredTypeRules;

/** A ledger's events are stored under stable names, and a ledger stored under today's class names still loads. */
@IntegrationTest
class StoredTypeNamesIT {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired @Qualifier("creditLedgerCache") Cache ledgers;
    private LedgerTestApi api;

    @BeforeEach
    void setUp() {
        api = new LedgerTestApi(port, "panel");
    }

    @Test
    void aLedgersEventsAreStoredUnderTheirStableNames() {
        String account = fundedAndUsed();

        assertThat(storedTypes(account)).containsExactly("ledger.LedgerOpened", "ledger.LotGranted",
                "ledger.CreditsConsumed");
    }

    @Test
    void aLedgerStoredUnderTheClassNamesOfItsEventsStillLoadsAndTakesCommands() {
        String account = fundedAndUsed();
        Map<String, String> classNames = new TreeMap<>();
        StoredTypeRules.history().forEach((className, name) -> classNames.put(name, className));
        storedTypes(account).forEach(name -> jdbc.sql("""
                        UPDATE domainevententry SET payloadtype = ? WHERE aggregateidentifier = ? AND payloadtype = ?""")
                .params(classNames.get(name), account, name).update());
        ledgers.removeAll();

        var consumed = api.post(account, "/consumptions", "{\"amount\": 4, \"reference\": \"after-the-rename\"}");

        assertThat(consumed.status()).isEqualTo(201);
        assertThat(LedgerTestApi.JSON.readTree(consumed.body()).get("balanceAfter").asLong()).isEqualTo(3);
        assertThat(storedTypes(account)).containsExactly(classNames.get("ledger.LedgerOpened"),
                classNames.get("ledger.LotGranted"), classNames.get("ledger.CreditsConsumed"),
                "ledger.CreditsConsumed");
    }

    private String fundedAndUsed() {
        String account = api.openedAccount("CUSTOMER", null);
        assertThat(api.post(account, "/grants", "{\"amount\": 10, \"source\": \"GOODWILL\"}").status()).isEqualTo(201);
        assertThat(api.post(account, "/consumptions", "{\"amount\": 3, \"reference\": \"job-1\"}").status())
                .isEqualTo(201);
        return account;
    }

    private List<String> storedTypes(String account) {
        return jdbc.sql("SELECT payloadtype FROM domainevententry WHERE aggregateidentifier = ? ORDER BY sequencenumber")
                .param(account).query(String.class).list();
    }
}
