package dev.fairbill.ledger.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.fairbill.ledger.LedgerApplication;
import dev.fairbill.platform.testsupport.FairbillTestEnvironment;

/** Facts published while the ledger service is down are applied when it comes back: Kafka keeps them, nothing is lost. */
class ConsumerRestartIT {

    @Test
    void messagePublishedWhileTheConsumerIsDownIsAppliedAfterRestart() {
        String database = FairbillTestEnvironment.newDatabase();
        String before = BillingFacts.newAccountId();
        String whileDown = BillingFacts.newAccountId();

        try (var ledger = start(database)) {
            BillingFacts.accountOpened(UUID.randomUUID().toString(), before, "imaging");
            awaitLedgerRow(ledger, before);
        }

        BillingFacts.accountOpened(UUID.randomUUID().toString(), whileDown, "imaging");

        try (var restarted = start(database)) {
            awaitLedgerRow(restarted, whileDown);
            assertThat(ledgerRows(restarted, before)).isEqualTo(1);
        }
    }

    private static ConfigurableApplicationContext start(String database) {
        return new SpringApplicationBuilder(LedgerApplication.class)
                .initializers(context -> FairbillTestEnvironment.properties(database)
                        .and("server.port=0", "management.server.port=0")
                        .applyTo(context))
                .run();
    }

    private static void awaitLedgerRow(ConfigurableApplicationContext ledger, String accountId) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> ledgerRows(ledger, accountId) == 1);
    }

    private static long ledgerRows(ConfigurableApplicationContext ledger, String accountId) {
        return ledger.getBean(JdbcClient.class).sql("SELECT count(*) FROM ledgers WHERE account_id = ?")
                .param(accountId).query(Long.class).single();
    }
}
