package dev.fairbill.refund.saga;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import dev.fairbill.contracts.MoneyAmount;
import dev.fairbill.contracts.Topics;
import dev.fairbill.contracts.billing.AccountOpenedV1;
import dev.fairbill.contracts.billing.AttachDisputeEvidenceRequestedV1;
import dev.fairbill.contracts.billing.DisputeOpenedV1;
import dev.fairbill.contracts.billing.TestClockAdvancedV1;
import dev.fairbill.contracts.testclock.TestClockAccountAdvancedV1;
import dev.fairbill.platform.testsupport.IntegrationTest;
import dev.fairbill.platform.testsupport.KafkaTestMessages;
import dev.fairbill.refund.web.BillingFacts;

/**
 * A dispute of an account on a test clock: its due dates wait for the clock, not for the wall clock, and fire when
 * billing's advance of the clock passes them; then the refund service reports the account advanced. Same settings as
 * {@link RefundSagasIT}, so it shares its application context.
 */
@IntegrationTest
@TestPropertySource(properties = "fairbill.refunds.execution.retry-backoff=PT0.2S,PT0.2S")
class DisputeDueDatesOnTestClockIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Instant CLOCK = Instant.parse("2031-03-03T09:00:00Z");

    @Autowired JdbcClient jdbc;

    @Test
    void theEvidenceDueDateWaitsForTheClockAndFiresOnItsAdvance() {
        String account = BillingFacts.id("acct_");
        String charge = BillingFacts.id("ch_");
        String dispute = BillingFacts.id("dp_");
        String clock = BillingFacts.id("clk_");
        BillingFacts.billing(AccountOpenedV1.TYPE, account, new AccountOpenedV1(account, "panel", "CUSTOMER", null,
                CLOCK, clock));
        BillingFacts.chargeCaptured("panel", account, charge, 2500, CLOCK.minus(3, ChronoUnit.DAYS));
        Instant dueBy = CLOCK.plus(7, ChronoUnit.DAYS);
        BillingFacts.billing(DisputeOpenedV1.TYPE, account, new DisputeOpenedV1(dispute, charge, account, "panel",
                new MoneyAmount(2500, "EUR"), "fraudulent", dueBy, CLOCK));

        KafkaTestMessages.awaitRecord(Topics.BILLING_REQUESTS, account, AttachDisputeEvidenceRequestedV1.TYPE, WAIT);
        Awaitility.await().atMost(WAIT).until(() -> waiting(account) == 2);
        assertThat(dueDates(account)).as("evidence a day before the due date, the outcome 75 days after it")
                .containsExactly(dueBy.minus(1, ChronoUnit.DAYS), dueBy.plus(75, ChronoUnit.DAYS));

        Instant to = dueBy.minus(1, ChronoUnit.HOURS);
        BillingFacts.billing(TestClockAdvancedV1.TYPE, account, new TestClockAdvancedV1(account, "panel", clock, to));

        var report = KafkaTestMessages.data(KafkaTestMessages.awaitRecord(Topics.REFUND_EVENTS, account,
                TestClockAccountAdvancedV1.TYPE, WAIT), TestClockAccountAdvancedV1.class);
        assertThat(report.service()).isEqualTo("refund");
        assertThat(report.testClock()).isEqualTo(clock);
        assertThat(report.advancedTo()).isEqualTo(to);
        assertThat(KafkaTestMessages.awaitRecords(Topics.BILLING_REQUESTS, account,
                AttachDisputeEvidenceRequestedV1.TYPE, 2, WAIT)).as("compiled again at the evidence due date")
                .hasSize(2);
        assertThat(dueDates(account)).as("the outcome's due date still waits").containsExactly(
                dueBy.plus(75, ChronoUnit.DAYS));
        assertThat(jdbc.sql("SELECT now_at FROM test_clock_accounts WHERE account_id = ?").param(account)
                .query(Timestamp.class).single().toInstant()).isEqualTo(to);
    }

    private int waiting(String account) {
        return jdbc.sql("SELECT count(*) FROM test_clock_deadlines WHERE account_id = ?").param(account)
                .query(Integer.class).single();
    }

    private java.util.List<Instant> dueDates(String account) {
        return jdbc.sql("SELECT due_at FROM test_clock_deadlines WHERE account_id = ? ORDER BY due_at")
                .param(account).query((rs, n) -> rs.getTimestamp(1).toInstant()).list();
    }
}
