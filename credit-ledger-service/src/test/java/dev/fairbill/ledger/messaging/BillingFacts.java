package dev.fairbill.ledger.messaging;

import java.time.Instant;
import java.util.UUID;

import dev.fairbill.contracts.MoneyAmount;
import dev.fairbill.contracts.Topics;
import dev.fairbill.contracts.billing.AccountOpenedV1;
import dev.fairbill.contracts.billing.ChargeCapturedV1;
import dev.fairbill.platform.testsupport.KafkaTestMessages;

/**
 * Publishes billing's facts as billing's outbox does: CloudEvents binary mode, keyed by account id (with the test
 * helper's {@code ce_source} and {@code ce_time}, which the ledger does not read).
 */
public final class BillingFacts {

    public static String newAccountId() {
        return "acct_" + UUID.randomUUID().toString().replace("-", "").substring(0, 26).toUpperCase();
    }

    /** Sends an account-opened fact with the given CloudEvents id and waits for the broker's ack. */
    static void accountOpened(String eventId, String accountId, String tenant) {
        var data = new AccountOpenedV1(accountId, tenant, "CUSTOMER", null, Instant.parse("2026-11-22T10:15:30Z"));
        KafkaTestMessages.sendCloudEvent(Topics.BILLING_EVENTS, eventId, AccountOpenedV1.TYPE, accountId, data);
    }

    /** Opens the account (of {@code role}, under {@code parentAccountId}) with a fresh event id. */
    public static void accountOpened(String accountId, String tenant, String role, String parentAccountId) {
        var data = new AccountOpenedV1(accountId, tenant, role, parentAccountId, Instant.parse("2026-11-22T10:15:30Z"));
        KafkaTestMessages.sendCloudEvent(Topics.BILLING_EVENTS, UUID.randomUUID().toString(), AccountOpenedV1.TYPE,
                accountId, data);
    }

    /** A charge of {@code amount} euro cents billing captured for the account; returns its id. */
    public static String chargeCaptured(String accountId, String tenant, long amount) {
        String chargeId = "ch_" + UUID.randomUUID().toString().replace("-", "").substring(0, 26).toUpperCase();
        fact(ChargeCapturedV1.TYPE, accountId, new ChargeCapturedV1(chargeId, accountId, tenant,
                new MoneyAmount(amount, "EUR"), "credits", null, null, null, "sandbox", "ch_sandbox_x", Instant.now(),
                new MoneyAmount(0, "EUR")));
        return chargeId;
    }

    /** Sends a fact of billing about the account with a fresh event id. */
    public static void fact(String type, String accountId, Object data) {
        KafkaTestMessages.sendCloudEvent(Topics.BILLING_EVENTS, UUID.randomUUID().toString(), type, accountId, data);
    }

    /** Sends a request to the ledger with the given CloudEvents id. */
    public static void request(String eventId, String type, String accountId, Object data) {
        KafkaTestMessages.sendCloudEvent(Topics.LEDGER_REQUESTS, eventId, type, accountId, data);
    }

    private BillingFacts() {
    }
}
