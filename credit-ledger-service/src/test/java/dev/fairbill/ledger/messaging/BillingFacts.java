package dev.fairbill.ledger.messaging;

import java.time.Instant;
import java.util.UUID;

import dev.fairbill.contracts.Topics;
import dev.fairbill.contracts.billing.AccountOpenedV1;
import dev.fairbill.platform.testsupport.KafkaTestMessages;

/**
 * Publishes billing's facts as billing's outbox does: CloudEvents binary mode, keyed by account id (with the test
 * helper's {@code ce_source} and {@code ce_time}, which the ledger does not read).
 */
final class BillingFacts {

    static String newAccountId() {
        return "acct_" + UUID.randomUUID().toString().replace("-", "").substring(0, 26).toUpperCase();
    }

    /** Sends an account-opened fact with the given CloudEvents id and waits for the broker's ack. */
    static void accountOpened(String eventId, String accountId, String tenant) {
        var data = new AccountOpenedV1(accountId, tenant, "CUSTOMER", null, Instant.parse("2026-11-22T10:15:30Z"));
        KafkaTestMessages.sendCloudEvent(Topics.BILLING_EVENTS, eventId, AccountOpenedV1.TYPE, accountId, data);
    }

    private BillingFacts() {
    }
}
