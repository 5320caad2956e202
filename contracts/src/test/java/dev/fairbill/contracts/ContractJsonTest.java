package dev.fairbill.contracts;

import static dev.fairbill.contracts.ContractFixtures.assertRoundTrip;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.fairbill.contracts.billing.AccountOpenedV1;

/** Billing's account messages match their stored fixtures. */
class ContractJsonTest {

    @Test
    void accountOpenedMatchesItsStoredFixture() {
        assertRoundTrip("contracts/billing/account-opened.v1.json",
                new AccountOpenedV1("acct_01JDQ8Z3V5G7N2K4M6P8R0T2W4", "panel", "RESELLER", null,
                        Instant.parse("2026-11-22T10:15:30Z")),
                AccountOpenedV1.class);
    }
}
