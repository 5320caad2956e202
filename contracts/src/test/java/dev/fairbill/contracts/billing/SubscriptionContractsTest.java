package dev.fairbill.contracts.billing;

import static dev.fairbill.contracts.ContractFixtures.assertRoundTrip;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.fairbill.contracts.MoneyAmount;

/** Billing's subscription messages match their stored fixtures. */
class SubscriptionContractsTest {

    private static final String SUB = "sub_01JDQ8Z3V5G7N2K4M6P8R0T2W4";
    private static final String ACCT = "acct_01JDQ8Z3V5G7N2K4M6P8R0T2W4";
    private static final String CHARGE = "ch_01JDQ8Z3V5G7N2K4M6P8R0T2W4";
    private static final Instant START = Instant.parse("2026-11-22T10:15:30Z");
    private static final Instant END = Instant.parse("2026-12-22T10:15:30Z");

    @Test
    void subscriptionStartedMatchesItsStoredFixture() {
        assertRoundTrip("contracts/billing/subscription-started.v1.json",
                new SubscriptionStartedV1(SUB, ACCT, "chat", "monthly", "ACTIVE", START, END, 100, 0, null,
                        new MoneyAmount(1000, "EUR"), new MoneyAmount(900, "EUR"), 10, CHARGE, START),
                SubscriptionStartedV1.class);
    }

    @Test
    void subscriptionRenewedMatchesItsStoredFixture() {
        assertRoundTrip("contracts/billing/subscription-renewed.v1.json",
                new SubscriptionRenewedV1(SUB, ACCT, "chat", "yearly", START, END, 1200,
                        new MoneyAmount(12000, "EUR"), new MoneyAmount(10000, "EUR"), null, CHARGE, START),
                SubscriptionRenewedV1.class);
    }

    @Test
    void cancellationScheduledMatchesItsStoredFixture() {
        assertRoundTrip("contracts/billing/subscription-cancellation-scheduled.v1.json",
                new SubscriptionCancellationScheduledV1(SUB, ACCT, "chat", END, "too expensive", true,
                        "COOLING_OFF", "rc_01JDQ8Z3V5G7N2K4M6P8R0T2W4", START),
                SubscriptionCancellationScheduledV1.class);
    }

    @Test
    void subscriptionCancelledMatchesItsStoredFixture() {
        assertRoundTrip("contracts/billing/subscription-cancelled.v1.json",
                new SubscriptionCancelledV1(SUB, ACCT, "chat", "IMMEDIATE", "moving away", false, null, null, START, END,
                        START),
                SubscriptionCancelledV1.class);
    }

    @Test
    void subscriptionExpiredMatchesItsStoredFixture() {
        assertRoundTrip("contracts/billing/subscription-expired.v1.json",
                new SubscriptionExpiredV1(SUB, ACCT, "panel", "monthly", CHARGE, END),
                SubscriptionExpiredV1.class);
    }

    @Test
    void subscriptionSuspendedMatchesItsStoredFixture() {
        assertRoundTrip("contracts/billing/subscription-suspended.v1.json",
                new SubscriptionSuspendedV1(SUB, ACCT, "panel", "DISPUTE", "dp_01JDQ8Z3V5G7N2K4M6P8R0T2W4", START),
                SubscriptionSuspendedV1.class);
    }

    @Test
    void subscriptionReinstatedMatchesItsStoredFixture() {
        assertRoundTrip("contracts/billing/subscription-reinstated.v1.json",
                new SubscriptionReinstatedV1(SUB, ACCT, "panel", "ACTIVE", END),
                SubscriptionReinstatedV1.class);
    }

    @Test
    void subscriptionTerminatedMatchesItsStoredFixture() {
        assertRoundTrip("contracts/billing/subscription-terminated.v1.json",
                new SubscriptionTerminatedV1(SUB, ACCT, "panel", "DISPUTE", "dp_01JDQ8Z3V5G7N2K4M6P8R0T2W4", END),
                SubscriptionTerminatedV1.class);
    }

    @Test
    void cancelSubscriptionRequestedMatchesItsStoredFixture() {
        assertRoundTrip("contracts/billing/cancel-subscription-requested.v1.json",
                new CancelSubscriptionRequestedV1(SUB, "chat", "refund approved"),
                CancelSubscriptionRequestedV1.class);
    }
}
