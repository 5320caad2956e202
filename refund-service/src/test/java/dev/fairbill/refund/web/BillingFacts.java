package dev.fairbill.refund.web;

import java.time.Instant;
import java.util.UUID;

import dev.fairbill.contracts.MoneyAmount;
import dev.fairbill.contracts.Topics;
import dev.fairbill.contracts.billing.ChargeCapturedV1;
import dev.fairbill.platform.testsupport.KafkaTestMessages;

/** Publishes billing's (and the ledger's) facts as their outboxes do: CloudEvents keyed by account id. */
public final class BillingFacts {

    public static String id(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 26).toUpperCase();
    }

    public static void billing(String type, String accountId, Object data) {
        KafkaTestMessages.sendCloudEvent(Topics.BILLING_EVENTS, UUID.randomUUID().toString(), type, accountId, data);
    }

    public static void ledger(String type, String accountId, Object data) {
        KafkaTestMessages.sendCloudEvent(Topics.LEDGER_EVENTS, UUID.randomUUID().toString(), type, accountId, data);
    }

    /** An ad-hoc charge of {@code amount} EUR captured at {@code at}. */
    public static void chargeCaptured(String tenant, String accountId, String chargeId, long amount, Instant at) {
        billing(ChargeCapturedV1.TYPE, accountId, new ChargeCapturedV1(chargeId, accountId, tenant,
                new MoneyAmount(amount, "EUR"), "credits", null, null, null, "sandbox", "ch_sandbox_x", at,
                new MoneyAmount(0, "EUR")));
    }

    private BillingFacts() {
    }
}
