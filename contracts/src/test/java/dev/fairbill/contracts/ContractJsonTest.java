package dev.fairbill.contracts;

import static dev.fairbill.contracts.ContractFixtures.assertRoundTrip;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.fairbill.contracts.billing.AccountOpenedV1;
import dev.fairbill.contracts.billing.TestClockAdvancedV1;
import dev.fairbill.contracts.testclock.TestClockAccountAdvancedV1;

/** Billing's account messages match their stored fixtures. */
class ContractJsonTest {

    @Test
    void accountOpenedMatchesItsStoredFixture() {
        assertRoundTrip("contracts/billing/account-opened.v1.json",
                new AccountOpenedV1("acct_01JDQ8Z3V5G7N2K4M6P8R0T2W4", "panel", "RESELLER", null,
                        Instant.parse("2026-11-22T10:15:30Z")),
                AccountOpenedV1.class);
    }

    @Test
    void testClockMessagesMatchTheirStoredFixtures() {
        assertRoundTrip("contracts/billing/test-clock-advanced.v1.json",
                new TestClockAdvancedV1("acct_01JDQ8Z3V5G7N2K4M6P8R0T2W4", "panel", "clk_01JDQ8Z3V5G7N2K4M6P8R0T2W4",
                        Instant.parse("2027-12-22T10:15:30Z")),
                TestClockAdvancedV1.class);
        assertRoundTrip("contracts/testclock/test-clock-account-advanced.v1.json",
                new TestClockAccountAdvancedV1("acct_01JDQ8Z3V5G7N2K4M6P8R0T2W4", "panel",
                        "clk_01JDQ8Z3V5G7N2K4M6P8R0T2W4", "ledger", Instant.parse("2027-12-22T10:15:30Z")),
                TestClockAccountAdvancedV1.class);
    }
}
