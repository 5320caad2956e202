package dev.fairbill.billing.messaging;

import static dev.fairbill.billing.BillingTestClient.WAIT;
import static dev.fairbill.billing.BillingTestClient.deadLetter;
import static dev.fairbill.billing.BillingTestClient.holds;
import static dev.fairbill.billing.BillingTestClient.redeliver;
import static dev.fairbill.billing.BillingTestClient.request;
import static dev.fairbill.billing.BillingTestClient.status;
import static dev.fairbill.platform.testsupport.KafkaTestMessages.awaitRecord;
import static dev.fairbill.platform.testsupport.KafkaTestMessages.awaitRecords;
import static dev.fairbill.platform.testsupport.KafkaTestMessages.data;
import static dev.fairbill.platform.testsupport.KafkaTestMessages.header;
import static org.assertj.core.api.Assertions.assertThat;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import dev.fairbill.billing.BillingTestClient;
import dev.fairbill.contracts.Topics;
import dev.fairbill.contracts.billing.AccountOpenedV1;
import dev.fairbill.contracts.billing.AccountReinstatedV1;
import dev.fairbill.contracts.billing.AccountSuspendedV1;
import dev.fairbill.contracts.billing.AccountTerminatedV1;
import dev.fairbill.contracts.billing.ReinstateAccountRequestedV1;
import dev.fairbill.contracts.billing.SuspendAccountRequestedV1;
import dev.fairbill.contracts.billing.TerminateAccountRequestedV1;
import dev.fairbill.platform.id.IdPrefix;
import dev.fairbill.platform.id.Ids;
import dev.fairbill.platform.testsupport.IntegrationTest;

/**
 * Suspend, reinstate and terminate requests from other services' sagas on the real broker and PostgreSQL
 * (final-sale-reseller
 * §9, final-sale-duplicates-refunded §7): combined holds, the facts published when the status changes, once-only effect
 * per message id, and
 * requests billing cannot apply parked on the dead-letter topic. Retries are shortened so parking takes a second.
 */
@IntegrationTest
@TestPropertySource(properties = {"fairbill.messaging.retry-initial=50ms", "fairbill.messaging.retry-max=100ms"})
class AccountRequestsIT {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    private BillingTestClient billing;

    @BeforeEach
    void client() {
        billing = new BillingTestClient(port, jdbc);
    }

    @Test
    // final-sale-reseller §9, final-sale-duplicates-refunded §7: suspension
    void accountIsReinstatedOnlyWhenEveryHoldIsLifted() {
        String account = billing.openCustomer("panel");
        // lifting a hold that is not there changes nothing, and placing the same hold twice holds it once
        String liftNothing = request(ReinstateAccountRequestedV1.TYPE, account,
                new ReinstateAccountRequestedV1(account, "panel", "OPERATOR", "case-none"));
        request(SuspendAccountRequestedV1.TYPE, account,
                new SuspendAccountRequestedV1(account, "panel", "DISPUTE", "dp_first"));
        String sameAgain = request(SuspendAccountRequestedV1.TYPE, account,
                new SuspendAccountRequestedV1(account, "panel", "DISPUTE", "dp_first"));

        billing.awaitAccount("panel", account, read -> status(read).equals("SUSPENDED"));
        Awaitility.await().atMost(WAIT).until(() -> billing.inboxRows(sameAgain) == 1);
        assertThat(billing.inboxRows(liftNothing)).isEqualTo(1);
        assertThat(holds(billing.account("panel", account))).containsExactly("DISPUTE:dp_first");
        assertThat(billing.eventsOf(account, "AccountHoldPlaced")).isEqualTo(1);
        var suspendedFact = data(awaitRecord(Topics.BILLING_EVENTS, account, AccountSuspendedV1.TYPE, WAIT),
                AccountSuspendedV1.class);
        assertThat(suspendedFact).isEqualTo(new AccountSuspendedV1(account, "panel", "CUSTOMER", "DISPUTE",
                "dp_first", suspendedFact.suspendedAt()));

        request(SuspendAccountRequestedV1.TYPE, account,
                new SuspendAccountRequestedV1(account, "panel", "OPERATOR", "case-7"));
        billing.awaitAccount("panel", account, read -> holds(read).size() == 2);
        request(ReinstateAccountRequestedV1.TYPE, account,
                new ReinstateAccountRequestedV1(account, "panel", "DISPUTE", "dp_first"));

        var oneHoldLeft = billing.awaitAccount("panel", account, read -> holds(read).size() == 1);
        assertThat(holds(oneHoldLeft)).containsExactly("OPERATOR:case-7");
        assertThat(status(oneHoldLeft)).isEqualTo("SUSPENDED");

        request(ReinstateAccountRequestedV1.TYPE, account,
                new ReinstateAccountRequestedV1(account, "panel", "OPERATOR", "case-7"));

        var active = billing.awaitAccount("panel", account, read -> status(read).equals("ACTIVE"));
        assertThat(holds(active)).isEmpty();
        var reinstated = data(awaitRecord(Topics.BILLING_EVENTS, account, AccountReinstatedV1.TYPE, WAIT),
                AccountReinstatedV1.class);
        assertThat(reinstated.reason()).isEqualTo("OPERATOR");
        assertThat(reinstated.reference()).isEqualTo("case-7");
        assertThat(reinstated.role()).isEqualTo("CUSTOMER");
        // facts about one account are published in order: only the first hold and the last lift published one
        assertThat(awaitRecords(Topics.BILLING_EVENTS, account, null, 3, WAIT).stream()
                .map(record -> header(record, "ce_type")).limit(3))
                .containsExactly(AccountOpenedV1.TYPE, AccountSuspendedV1.TYPE, AccountReinstatedV1.TYPE);
    }

    @Test
    void redeliveredRequestHasOneEffect() { // each message id is applied once (inbox)
        String account = billing.openCustomer("studio");
        var lift = new ReinstateAccountRequestedV1(account, "studio", "OPERATOR", "case-1");
        request(SuspendAccountRequestedV1.TYPE, account,
                new SuspendAccountRequestedV1(account, "studio", "OPERATOR", "case-1"));
        billing.awaitAccount("studio", account, read -> status(read).equals("SUSPENDED"));
        String liftId = request(ReinstateAccountRequestedV1.TYPE, account, lift);
        billing.awaitAccount("studio", account, read -> status(read).equals("ACTIVE"));
        request(SuspendAccountRequestedV1.TYPE, account,
                new SuspendAccountRequestedV1(account, "studio", "OPERATOR", "case-1"));
        billing.awaitAccount("studio", account, read -> status(read).equals("SUSPENDED"));

        redeliver(liftId, ReinstateAccountRequestedV1.TYPE, account, lift);
        // a later request on the same partition: once it shows, the redelivered lift before it has been handled
        request(SuspendAccountRequestedV1.TYPE, account,
                new SuspendAccountRequestedV1(account, "studio", "OPERATOR", "case-2"));

        var read = billing.awaitAccount("studio", account, current -> holds(current).size() == 2);
        assertThat(holds(read)).containsExactly("OPERATOR:case-1", "OPERATOR:case-2");
        assertThat(status(read)).isEqualTo("SUSPENDED");
        assertThat(billing.inboxRows(liftId)).isEqualTo(1);
        assertThat(billing.eventsOf(account, "AccountHoldLifted")).isEqualTo(1);
    }

    @Test
    void terminateRequestTerminatesOnceAndTheTerminatedAccountTakesNoMoreHolds() { // suspension, final-sale-reseller §9
        String account = billing.openCustomer("imaging");
        request(SuspendAccountRequestedV1.TYPE, account,
                new SuspendAccountRequestedV1(account, "imaging", "DISPUTE", "dp_lost"));
        billing.awaitAccount("imaging", account, read -> status(read).equals("SUSPENDED"));
        var terminate = new TerminateAccountRequestedV1(account, "imaging", "DISPUTE", "dp_lost");

        String terminateId = request(TerminateAccountRequestedV1.TYPE, account, terminate);
        redeliver(terminateId, TerminateAccountRequestedV1.TYPE, account, terminate);

        billing.awaitAccount("imaging", account, read -> status(read).equals("TERMINATED"));
        var terminated = data(awaitRecord(Topics.BILLING_EVENTS, account, AccountTerminatedV1.TYPE, WAIT),
                AccountTerminatedV1.class);
        assertThat(terminated).isEqualTo(new AccountTerminatedV1(account, "imaging", "CUSTOMER", "DISPUTE",
                "dp_lost", terminated.terminatedAt()));

        String lateHold = request(SuspendAccountRequestedV1.TYPE, account,
                new SuspendAccountRequestedV1(account, "imaging", "OPERATOR", "case-late"));

        deadLetter(account, SuspendAccountRequestedV1.TYPE, lateHold);
        assertThat(billing.inboxRows(terminateId)).isEqualTo(1);
        assertThat(billing.inboxRows(lateHold)).isZero();
        assertThat(billing.eventsOf(account, "AccountTerminated")).isEqualTo(1);
        var read = billing.account("imaging", account);
        assertThat(status(read)).isEqualTo("TERMINATED");
        assertThat(holds(read)).doesNotContain("OPERATOR:case-late");
    }

    @Test
    void requestForAnUnknownAccountEndsOnTheDeadLetterTopicAndChangesNothing() {
        String unknown = Ids.generate(IdPrefix.ACCOUNT);
        String othersAccount = billing.openCustomer("smm");

        String forUnknown = request(SuspendAccountRequestedV1.TYPE, unknown,
                new SuspendAccountRequestedV1(unknown, "chat", "OPERATOR", "case-x"));
        String wrongTenant = request(SuspendAccountRequestedV1.TYPE, othersAccount,
                new SuspendAccountRequestedV1(othersAccount, "chat", "OPERATOR", "case-y"));

        assertThat(header(deadLetter(unknown, SuspendAccountRequestedV1.TYPE, forUnknown), "ce_type"))
                .isEqualTo(SuspendAccountRequestedV1.TYPE);
        deadLetter(othersAccount, SuspendAccountRequestedV1.TYPE, wrongTenant);
        assertThat(billing.inboxRows(forUnknown)).isZero();
        assertThat(billing.inboxRows(wrongTenant)).isZero();
        var untouched = billing.account("smm", othersAccount);
        assertThat(status(untouched)).isEqualTo("ACTIVE");
        assertThat(holds(untouched)).isEmpty();
    }
}
