package dev.fairbill.billing.process;

import static dev.fairbill.billing.BillingApi.admin;
import static dev.fairbill.billing.BillingTestClient.WAIT;
import static dev.fairbill.billing.BillingTestClient.awaitFact;
import static dev.fairbill.billing.BillingTestClient.holds;
import static dev.fairbill.billing.BillingTestClient.request;
import static dev.fairbill.billing.BillingTestClient.status;
import static dev.fairbill.platform.testsupport.KafkaTestMessages.awaitRecord;
import static dev.fairbill.platform.testsupport.KafkaTestMessages.awaitRecords;
import static dev.fairbill.platform.testsupport.KafkaTestMessages.data;
import static dev.fairbill.platform.testsupport.KafkaTestMessages.header;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.fairbill.billing.BillingApi;
import dev.fairbill.billing.BillingTestClient;
import dev.fairbill.contracts.Topics;
import dev.fairbill.contracts.billing.ReinstateAccountRequestedV1;
import dev.fairbill.contracts.billing.SubscriptionReinstatedV1;
import dev.fairbill.contracts.billing.SubscriptionStartedV1;
import dev.fairbill.contracts.billing.SubscriptionSuspendedV1;
import dev.fairbill.contracts.billing.SubscriptionTerminatedV1;
import dev.fairbill.contracts.billing.SuspendAccountRequestedV1;
import dev.fairbill.contracts.billing.TerminateAccountRequestedV1;
import dev.fairbill.platform.testsupport.IntegrationTest;

/**
 * An account's holds reach its subscriptions through {@link SubscriptionSuspensionsProcess} (final-sale-reseller §9,
 * final-sale-duplicates-refunded §7), on
 * real PostgreSQL and the embedded broker: a hold suspends every ongoing subscription, it is reinstated only when
 * every hold is lifted, and termination ends it; the facts about each change are published.
 */
@IntegrationTest
class SubscriptionSuspensionsIT {

    private static final Set<String> HOLD_FACTS = Set.of(SubscriptionSuspendedV1.TYPE, SubscriptionReinstatedV1.TYPE);

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    private BillingTestClient billing;

    @BeforeEach
    void client() {
        billing = new BillingTestClient(port, jdbc);
    }

    @Test
    // final-sale-reseller §9, final-sale-duplicates-refunded §7: suspension
    void holdsSuspendTheSubscriptionUntilEveryOneIsLifted() {
        String account = billing.openCustomer("studio");
        String subscription = startedSubscription("studio", account, "monthly");

        request(SuspendAccountRequestedV1.TYPE, account,
                new SuspendAccountRequestedV1(account, "studio", "DISPUTE", "dp_sub_1"));

        var suspended = billing.awaitSubscription("studio", subscription, read -> status(read).equals("SUSPENDED"));
        assertThat(holds(suspended)).containsExactly("DISPUTE:dp_sub_1");
        var suspendedFact = data(awaitRecord(Topics.BILLING_EVENTS, account, SubscriptionSuspendedV1.TYPE, WAIT),
                SubscriptionSuspendedV1.class);
        assertThat(suspendedFact).isEqualTo(new SubscriptionSuspendedV1(subscription, account, "studio", "DISPUTE",
                "dp_sub_1", suspendedFact.suspendedAt()));

        request(SuspendAccountRequestedV1.TYPE, account,
                new SuspendAccountRequestedV1(account, "studio", "OPERATOR", "case-2"));
        billing.awaitSubscription("studio", subscription, read -> holds(read).size() == 2);
        request(ReinstateAccountRequestedV1.TYPE, account,
                new ReinstateAccountRequestedV1(account, "studio", "DISPUTE", "dp_sub_1"));

        var stillHeld = billing.awaitSubscription("studio", subscription, read -> holds(read).size() == 1);
        assertThat(holds(stillHeld)).containsExactly("OPERATOR:case-2");
        assertThat(status(stillHeld)).isEqualTo("SUSPENDED");

        request(ReinstateAccountRequestedV1.TYPE, account,
                new ReinstateAccountRequestedV1(account, "studio", "OPERATOR", "case-2"));

        var active = billing.awaitSubscription("studio", subscription, read -> status(read).equals("ACTIVE"));
        assertThat(holds(active)).isEmpty();
        var reinstated = data(awaitRecord(Topics.BILLING_EVENTS, account, SubscriptionReinstatedV1.TYPE, WAIT),
                SubscriptionReinstatedV1.class);
        assertThat(reinstated.subscriptionId()).isEqualTo(subscription);
        assertThat(reinstated.status()).isEqualTo("ACTIVE");
        // the first 7 facts about the account, in publication order (opened, charge captured, started, then a
        // suspended and a reinstated for the account and for the subscription): only the first hold and the last
        // lift published anything about the subscription
        assertThat(awaitRecords(Topics.BILLING_EVENTS, account, null, 7, WAIT).stream()
                .map(record -> header(record, "ce_type")).filter(HOLD_FACTS::contains))
                .containsExactly(SubscriptionSuspendedV1.TYPE, SubscriptionReinstatedV1.TYPE);
    }

    @Test // final-sale-reseller §9, final-sale-duplicates-refunded §7: no subscription of a held account stays ACTIVE
    void subscriptionCreatedWhileItsAccountIsBeingHeldTakesTheHold() {
        String account = billing.openCustomer("panel");
        request(SuspendAccountRequestedV1.TYPE, account,
                new SuspendAccountRequestedV1(account, "panel", "DISPUTE", "dp_race_1"));
        billing.awaitAccount("panel", account, read -> status(read).equals("SUSPENDED"));
        // a later hold reaching another account's subscription: the process has handled ours (it had no subscription)
        String other = billing.openCustomer("panel");
        String othersSubscription = startedSubscription("panel", other, "monthly");
        request(SuspendAccountRequestedV1.TYPE, other,
                new SuspendAccountRequestedV1(other, "panel", "DISPUTE", "dp_race_2"));
        billing.awaitSubscription("panel", othersSubscription, read -> status(read).equals("SUSPENDED"));
        // the race: the API read the account as ACTIVE just before the hold committed, so it takes the subscription
        jdbc.sql("UPDATE accounts SET status = 'ACTIVE' WHERE id = ?").param(account).update();

        String subscription = billing.subscribe("panel", account, "monthly").get("id").asString();

        var suspended = billing.awaitSubscription("panel", subscription, read -> status(read).equals("SUSPENDED"));
        assertThat(holds(suspended)).containsExactly("DISPUTE:dp_race_1");
        request(ReinstateAccountRequestedV1.TYPE, account,
                new ReinstateAccountRequestedV1(account, "panel", "DISPUTE", "dp_race_1"));
        var reinstated = billing.awaitSubscription("panel", subscription, read -> holds(read).isEmpty());
        assertThat(status(reinstated)).isEqualTo("ACTIVE");
    }

    @Test // final-sale-reseller §9: a held account is not charged and grows no tree
    void aHeldAccountIsNotChargedSoldToNorGivenNewAccounts() {
        var api = new BillingApi(port);
        String reseller = api.openAccount("panel", """
                {"externalRef": "held-reseller", "role": "RESELLER", "defaultPaymentMethod": "pm_card_ok"}""");
        request(SuspendAccountRequestedV1.TYPE, reseller,
                new SuspendAccountRequestedV1(reseller, "panel", "DISPUTE", "dp_held_1"));
        billing.awaitAccount("panel", reseller, read -> status(read).equals("SUSPENDED"));
        long charges = count("SELECT count(*) FROM charges WHERE account_id = ?", reseller);
        long purchases = count("SELECT count(*) FROM purchases WHERE account_id = ?", reseller);
        long children = count("SELECT count(*) FROM accounts WHERE parent_account_id = ?", reseller);

        var refused = List.of(
                api.post("/api/v1/charges", """
                        {"accountId": "%s", "amount": {"amount": 500, "currency": "EUR"}, "description": "fee"}"""
                        .formatted(reseller), admin("panel")),
                api.post("/api/v1/purchases", """
                        {"accountId": "%s", "productId": "credits-500"}""".formatted(reseller),
                        admin("panel")),
                api.post("/api/v1/accounts", """
                        {"externalRef": "held-child", "role": "CUSTOMER", "parentAccountId": "%s"}"""
                        .formatted(reseller), admin("panel")),
                api.post("/api/v1/subscriptions", """
                        {"accountId": "%s", "planId": "monthly"}""".formatted(reseller),
                        admin("panel")));

        assertThat(refused).allSatisfy(response -> {
            assertThat(response.status()).as(response.body()).isEqualTo(409);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            assertThat(response.body()).contains("account-not-active", "SUSPENDED", "DISPUTE dp_held_1");
        });
        assertThat(count("SELECT count(*) FROM charges WHERE account_id = ?", reseller)).isEqualTo(charges);
        assertThat(count("SELECT count(*) FROM purchases WHERE account_id = ?", reseller)).isEqualTo(purchases);
        assertThat(count("SELECT count(*) FROM accounts WHERE parent_account_id = ?", reseller)).isEqualTo(children);
    }

    private long count(String sql, String account) {
        return jdbc.sql(sql).param(account).query(Long.class).single();
    }

    @Test // final-sale-reseller §9: a lost dispute terminates
    void terminationEndsEveryOngoingSubscriptionAndLeavesEndedOnesAsTheyAre() {
        String account = billing.openCustomer("imaging");
        String cancelled = startedSubscription("imaging", account, "yearly");
        assertThat(status(billing.cancel("imaging", cancelled, """
                {"mode": "IMMEDIATE"}"""))).isEqualTo("CANCELLED");
        String ongoing = startedSubscription("imaging", account, "monthly");
        request(SuspendAccountRequestedV1.TYPE, account,
                new SuspendAccountRequestedV1(account, "imaging", "DISPUTE", "dp_sub_9"));
        billing.awaitSubscription("imaging", ongoing, read -> status(read).equals("SUSPENDED"));

        request(TerminateAccountRequestedV1.TYPE, account,
                new TerminateAccountRequestedV1(account, "imaging", "DISPUTE", "dp_sub_9"));

        billing.awaitSubscription("imaging", ongoing, read -> status(read).equals("TERMINATED"));
        var terminated = data(awaitRecord(Topics.BILLING_EVENTS, account, SubscriptionTerminatedV1.TYPE, WAIT),
                SubscriptionTerminatedV1.class);
        assertThat(terminated).isEqualTo(new SubscriptionTerminatedV1(ongoing, account, "imaging", "DISPUTE",
                "dp_sub_9", terminated.terminatedAt()));
        assertThat(status(billing.account("imaging", account))).isEqualTo("TERMINATED");
        assertThat(status(billing.subscription("imaging", cancelled))).isEqualTo("CANCELLED");
        assertThat(billing.eventsOf(cancelled, "SubscriptionTerminated")).isZero();
        assertThat(billing.eventsOf(cancelled, "SubscriptionHoldPlaced")).isZero();
    }

    /** A subscription whose first period is paid (its start is published), so holds meet an ACTIVE subscription. */
    private String startedSubscription(String tenant, String account, String plan) {
        String id = billing.subscribe(tenant, account, plan).get("id").asString();
        awaitFact(account, SubscriptionStartedV1.TYPE, SubscriptionStartedV1.class,
                started -> started.subscriptionId().equals(id));
        assertThat(status(billing.subscription(tenant, id))).isEqualTo("ACTIVE");
        return id;
    }
}
