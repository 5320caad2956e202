package dev.fairbill.billing.messaging;

import static dev.fairbill.billing.BillingApi.admin;
import static dev.fairbill.billing.BillingApi.created;
import static dev.fairbill.billing.BillingTestClient.WAIT;
import static dev.fairbill.billing.BillingTestClient.awaitFact;
import static dev.fairbill.billing.BillingTestClient.awaitLedgerRequest;
import static dev.fairbill.billing.BillingTestClient.ledgerFact;
import static dev.fairbill.billing.BillingTestClient.redeliverLedgerFact;
import static dev.fairbill.billing.BillingTestClient.status;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.fairbill.billing.BillingApi;
import dev.fairbill.billing.BillingTestClient;
import dev.fairbill.billing.ids.AccountId;
import dev.fairbill.billing.payment.SandboxPaymentGateway;
import dev.fairbill.billing.query.AccountCashBalances;
import dev.fairbill.contracts.MoneyAmount;
import dev.fairbill.contracts.Topics;
import dev.fairbill.contracts.billing.ChargeCapturedV1;
import dev.fairbill.contracts.billing.ChargeRefundedV1;
import dev.fairbill.contracts.billing.PurchasePaidV1;
import dev.fairbill.contracts.billing.RefundChargeRequestedV1;
import dev.fairbill.contracts.billing.SubscriptionStartedV1;
import dev.fairbill.contracts.ledger.ApplyCashBalanceRequestedV1;
import dev.fairbill.contracts.ledger.CashBalanceAppliedV1;
import dev.fairbill.contracts.ledger.CashBalanceChangedV1;
import dev.fairbill.contracts.ledger.CreditsConsumedV1;
import dev.fairbill.contracts.ledger.LotGrantedV1;
import dev.fairbill.platform.id.IdPrefix;
import dev.fairbill.platform.id.Ids;
import dev.fairbill.platform.money.Money;
import dev.fairbill.platform.testsupport.IntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;

/**
 * The next charges of the account use cash balance first (ADR 0010). The ledger is played by
 * the test: it publishes the ledger's facts on the real broker and reads billing's requests to the ledger.
 */
@IntegrationTest
class CashBalanceFirstIT {

    private static final String TENANT = "chat";
    private static final Currency EUR = Currency.getInstance("EUR");

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired AccountCashBalances cashBalances;
    @Autowired SandboxPaymentGateway sandbox;
    @Autowired MeterRegistry meters;
    private BillingApi api;
    private BillingTestClient billing;

    @BeforeEach
    void clients() {
        api = new BillingApi(port);
        billing = new BillingTestClient(port, jdbc);
    }

    @Test
    void chargeIsPaidFromCashBalanceFirstAndTheRestByCardOnce() {
        String account = billing.openCustomer(TENANT);
        cashBalanceIs(account, 300, 1);

        JsonNode pending = created(api.post("/api/v1/charges", """
                {"accountId": "%s", "amount": {"amount": 1000, "currency": "EUR"}, "description": "Setup fee"}"""
                .formatted(account), admin(TENANT)));

        assertThat(status(pending)).isEqualTo("PENDING");
        assertThat(pending.get("paidFromBalance").get("amount").asLong()).isZero();
        assertThat(pending.get("processor").isNull()).isTrue();
        String chargeId = pending.get("id").asString();
        ApplyCashBalanceRequestedV1 request = awaitLedgerRequest(account, ApplyCashBalanceRequestedV1.TYPE,
                ApplyCashBalanceRequestedV1.class, asked -> asked.chargeId().equals(chargeId));
        assertThat(request.amount()).isEqualTo(eur(1000));
        assertThat(request.tenant()).isEqualTo(TENANT);

        var applied = new CashBalanceAppliedV1(chargeId, account, TENANT, eur(1000), eur(300), Instant.now());
        String answerId = ledgerFact(CashBalanceAppliedV1.TYPE, account, applied);

        JsonNode paid = billing.awaitCharge(TENANT, chargeId, read -> !status(read).equals("PENDING"));
        assertThat(status(paid)).isEqualTo("SUCCEEDED");
        assertThat(paid.get("amount").get("amount").asLong()).isEqualTo(1000);
        assertThat(paid.get("paidFromBalance").get("amount").asLong()).isEqualTo(300);
        assertThat(paid.get("paidFromBalance").get("currency").asString()).isEqualTo("EUR");
        assertThat(paid.get("processor").asString()).isEqualTo("sandbox");
        assertThat(paid.get("processorChargeId").asString()).startsWith("ch_sandbox_");
        ChargeCapturedV1 captured = awaitFact(account, ChargeCapturedV1.TYPE, ChargeCapturedV1.class,
                fact -> fact.chargeId().equals(chargeId));
        assertThat(captured.paidFromBalance()).isEqualTo(eur(300));
        assertThat(captured.amount()).isEqualTo(eur(1000));

        // the same answer again, and once more under a new id: the charge settled once and stays as it is
        redeliverLedgerFact(answerId, CashBalanceAppliedV1.TYPE, account, applied);
        ledgerFact(CashBalanceAppliedV1.TYPE, account,
                new CashBalanceAppliedV1(chargeId, account, TENANT, eur(1000), eur(0), Instant.now()));
        cashBalanceIs(account, 0, 2);
        assertThat(billing.charge(TENANT, chargeId)).isEqualTo(paid);
        assertThat(billing.eventsOf(chargeId, "ChargeCaptured")).isEqualTo(1);
        assertThat(billing.inboxRows(answerId)).isEqualTo(1);
    }

    /** ADR 0010: a refund goes back where the money came from, the card part to the card, the rest to the balance. */
    @Test
    void aFullRefundOfAPartlyBalancePaidChargeGoesBackToTheCardAndTheBalanceOnce() {
        String account = billing.openCustomer(TENANT);
        cashBalanceIs(account, 300, 1);
        String chargeId = created(api.post("/api/v1/charges", """
                {"accountId": "%s", "amount": {"amount": 1000, "currency": "EUR"}, "description": "Setup fee"}"""
                .formatted(account), admin(TENANT))).get("id").asString();
        awaitLedgerRequest(account, ApplyCashBalanceRequestedV1.TYPE, ApplyCashBalanceRequestedV1.class,
                asked -> asked.chargeId().equals(chargeId));
        ledgerFact(CashBalanceAppliedV1.TYPE, account,
                new CashBalanceAppliedV1(chargeId, account, TENANT, eur(1000), eur(300), Instant.now()));
        JsonNode paid = billing.awaitCharge(TENANT, chargeId, read -> status(read).equals("SUCCEEDED"));
        String refundId = Ids.generate(IdPrefix.REFUND);
        var refund = new RefundChargeRequestedV1(refundId, chargeId, account, TENANT, eur(1000), "DUPLICATE_CHARGE");

        String messageId = BillingTestClient.request(RefundChargeRequestedV1.TYPE, account, refund);
        BillingTestClient.redeliver(messageId, RefundChargeRequestedV1.TYPE, account, refund);

        ChargeRefundedV1 refunded = awaitFact(account, ChargeRefundedV1.TYPE, ChargeRefundedV1.class,
                fact -> fact.refundId().equals(refundId));
        assertThat(refunded.amount()).isEqualTo(eur(1000));
        assertThat(refunded.toBalance()).isEqualTo(eur(300));
        assertThat(refunded.amountRefunded()).isEqualTo(eur(1000));
        JsonNode read = billing.awaitCharge(TENANT, chargeId, charge -> status(charge).equals("REFUNDED"));
        assertThat(read.get("amountRefunded").get("amount").asLong()).isEqualTo(1000);
        assertThat(sandbox.refundsOf(paid.get("processorChargeId").asString())).containsExactly(Money.of(700, "EUR"));
        Awaitility.await().atMost(WAIT).until(() -> billing.eventsOf(chargeId, "ChargeRefunded") == 1);
    }

    /** A refund case paid to the account balance shows on the charge it refunds, once. */
    @Test
    void aRefundPaidToTheBalanceCountsOnTheChargeOnce() {
        String account = billing.openCustomer(TENANT);
        String chargeId = billing.capturedCharge(TENANT, account, 1000).get("id").asString();
        String refundId = Ids.generate(IdPrefix.REFUND);
        var granted = new LotGrantedV1(account, TENANT, "lot_x", "EUR", "REFUND_BALANCE", 400, null, "rc_x",
                chargeId, refundId, Instant.now());

        ledgerFact(LotGrantedV1.TYPE, account, granted);
        ledgerFact(LotGrantedV1.TYPE, account, granted);
        ledgerFact(LotGrantedV1.TYPE, account, new LotGrantedV1(account, TENANT, "lot_y", "EUR", "REFUND_BALANCE",
                100, null, "top-up", chargeId, "api:" + account + ":key-1", Instant.now()));

        JsonNode read = billing.awaitCharge(TENANT, chargeId, charge -> status(charge).equals("PARTIALLY_REFUNDED"));
        assertThat(read.get("amountRefunded").get("amount").asLong()).isEqualTo(400);
        Awaitility.await().atMost(WAIT).until(() -> billing.eventsOf(chargeId, "ChargeRefundedToBalance") == 1);
        assertThat(billing.charge(TENANT, chargeId).get("amountRefunded").get("amount").asLong()).isEqualTo(400);
    }

    @Test
    void olderCashBalanceReportIsIgnored() {
        String account = billing.openCustomer(TENANT);
        cashBalanceIs(account, 500, 5);

        ledgerFact(CashBalanceChangedV1.TYPE, account, changed(account, 100, "EUR", 4));
        // a later fact on the same partition: once it is recorded, the older one before it has been handled
        ledgerFact(CashBalanceChangedV1.TYPE, account, changed(account, 700, "USD", 6));
        awaitCashBalance(account, Money.of(700, "USD"));

        assertThat(cashBalances.of(AccountId.of(account), EUR)).isEqualTo(Money.of(500, "EUR"));
    }

    @Test
    void ledgerFactsBillingDoesNotActOnAreSkippedNotDeadLettered() {
        String account = billing.openCustomer(TENANT);
        String unknownId = ledgerFact(CreditsConsumedV1.TYPE, account, Map.of("accountId", account));

        cashBalanceIs(account, 100, 1);

        assertThat(billing.inboxRows(unknownId)).isZero();
        var deadLetters = meters.find("fairbill_kafka_dead_letters_total").tag("topic", Topics.LEDGER_EVENTS)
                .counter();
        assertThat(deadLetters == null ? 0 : deadLetters.count()).isZero();
    }

    @Test
    void subscriptionWhoseFirstChargeTheBalancePaysInFullStarts() {
        String account = billing.openCustomer(TENANT);
        cashBalanceIs(account, 5000, 1);

        JsonNode subscription = billing.subscribe(TENANT, account, "monthly");
        String chargeId = subscription.get("latestChargeId").asString();
        awaitLedgerRequest(account, ApplyCashBalanceRequestedV1.TYPE, ApplyCashBalanceRequestedV1.class,
                asked -> asked.chargeId().equals(chargeId));
        assertThat(status(billing.charge(TENANT, chargeId))).isEqualTo("PENDING");

        ledgerFact(CashBalanceAppliedV1.TYPE, account,
                new CashBalanceAppliedV1(chargeId, account, TENANT, eur(1000), eur(1000), Instant.now()));

        SubscriptionStartedV1 started = awaitFact(account, SubscriptionStartedV1.TYPE, SubscriptionStartedV1.class,
                fact -> fact.subscriptionId().equals(subscription.get("id").asString()));
        assertThat(started.chargeId()).isEqualTo(chargeId);
        JsonNode charge = billing.charge(TENANT, chargeId);
        assertThat(status(charge)).isEqualTo("SUCCEEDED");
        assertThat(charge.get("processor").asString()).isEqualTo("balance");
        assertThat(charge.get("processorChargeId").isNull()).isTrue();
        assertThat(charge.get("paidFromBalance").get("amount").asLong()).isEqualTo(1000);
    }

    @Test
    void purchaseIsPaidOnceTheLedgerHasAnsweredAndTheCardPaidTheRest() {
        String account = billing.openCustomer(TENANT);
        cashBalanceIs(account, 500, 1);

        JsonNode purchase = created(api.post("/api/v1/purchases", """
                {"accountId": "%s", "productId": "credits-500"}""".formatted(account), admin(TENANT)));
        assertThat(status(purchase)).isEqualTo("PENDING_PAYMENT");
        String chargeId = purchase.get("chargeId").asString();
        awaitLedgerRequest(account, ApplyCashBalanceRequestedV1.TYPE, ApplyCashBalanceRequestedV1.class,
                asked -> asked.chargeId().equals(chargeId));

        ledgerFact(CashBalanceAppliedV1.TYPE, account,
                new CashBalanceAppliedV1(chargeId, account, TENANT, eur(2500), eur(500), Instant.now()));

        PurchasePaidV1 paid = awaitFact(account, PurchasePaidV1.TYPE, PurchasePaidV1.class,
                fact -> fact.purchaseId().equals(purchase.get("id").asString()));
        assertThat(paid.chargeId()).isEqualTo(chargeId);
        assertThat(paid.amount()).isEqualTo(eur(2500));
        assertThat(billing.charge(TENANT, chargeId).get("paidFromBalance").get("amount").asLong()).isEqualTo(500);
    }

    /** The ledger reports the account's EUR cash balance; waits until billing has recorded it. */
    private void cashBalanceIs(String account, long amount, long version) {
        ledgerFact(CashBalanceChangedV1.TYPE, account, changed(account, amount, "EUR", version));
        awaitCashBalance(account, Money.of(amount, "EUR"));
    }

    private void awaitCashBalance(String account, Money balance) {
        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(100))
                .until(() -> cashBalances.of(AccountId.of(account), balance.currency()), balance::equals);
    }

    private static CashBalanceChangedV1 changed(String account, long amount, String currency, long version) {
        return new CashBalanceChangedV1(account, TENANT, new MoneyAmount(amount, currency), version, Instant.now());
    }

    private static MoneyAmount eur(long amount) {
        return new MoneyAmount(amount, "EUR");
    }
}
