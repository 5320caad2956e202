package dev.fairbill.contracts;

import static dev.fairbill.contracts.ContractFixtures.assertRoundTrip;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.fairbill.contracts.billing.AccountReinstatedV1;
import dev.fairbill.contracts.billing.AttachDisputeEvidenceRequestedV1;
import dev.fairbill.contracts.billing.AccountSuspendedV1;
import dev.fairbill.contracts.billing.AccountTerminatedV1;
import dev.fairbill.contracts.billing.DisputeClosedV1;
import dev.fairbill.contracts.billing.DisputeOpenedV1;
import dev.fairbill.contracts.billing.ReinstateAccountRequestedV1;
import dev.fairbill.contracts.billing.SuspendAccountRequestedV1;
import dev.fairbill.contracts.billing.TerminateAccountRequestedV1;

/** Billing's account-hold and dispute messages, and the account requests it consumes, match their stored fixtures. */
class AccountHoldAndDisputeContractsTest {

    private static final String ACCOUNT = "acct_01JDQ8Z3V5G7N2K4M6P8R0T2W4";
    private static final String DISPUTE = "dp_01JDQ8Z3V5G7N2K4M6P8R0T2W5";
    private static final String CHARGE = "ch_01JDQ8Z3V5G7N2K4M6P8R0T2W6";
    private static final Instant AT = Instant.parse("2026-11-22T10:15:30Z");

    @Test
    void accountSuspendedMatchesItsStoredFixture() {
        assertRoundTrip("contracts/billing/account-suspended.v1.json",
                new AccountSuspendedV1(ACCOUNT, "panel", "RESELLER", "DISPUTE", DISPUTE, AT), AccountSuspendedV1.class);
    }

    @Test
    void accountReinstatedMatchesItsStoredFixture() {
        assertRoundTrip("contracts/billing/account-reinstated.v1.json",
                new AccountReinstatedV1(ACCOUNT, "panel", "RESELLER", "DISPUTE", DISPUTE, AT),
                AccountReinstatedV1.class);
    }

    @Test
    void accountTerminatedMatchesItsStoredFixture() {
        assertRoundTrip("contracts/billing/account-terminated.v1.json",
                new AccountTerminatedV1(ACCOUNT, "panel", "RESELLER", "DISPUTE", DISPUTE, AT),
                AccountTerminatedV1.class);
    }

    @Test
    void accountRequestsMatchTheirStoredFixtures() {
        assertRoundTrip("contracts/billing/suspend-account-requested.v1.json",
                new SuspendAccountRequestedV1(ACCOUNT, "panel", "DISPUTE", DISPUTE), SuspendAccountRequestedV1.class);
        assertRoundTrip("contracts/billing/reinstate-account-requested.v1.json",
                new ReinstateAccountRequestedV1(ACCOUNT, "panel", "DISPUTE", DISPUTE),
                ReinstateAccountRequestedV1.class);
        assertRoundTrip("contracts/billing/terminate-account-requested.v1.json",
                new TerminateAccountRequestedV1(ACCOUNT, "panel", "DISPUTE", DISPUTE),
                TerminateAccountRequestedV1.class);
    }

    @Test
    void disputeOpenedMatchesItsStoredFixture() {
        assertRoundTrip("contracts/billing/dispute-opened.v1.json",
                new DisputeOpenedV1(DISPUTE, CHARGE, ACCOUNT, "panel", new MoneyAmount(1000, "EUR"), "fraudulent",
                        Instant.parse("2026-12-02T23:59:59Z"), AT),
                DisputeOpenedV1.class);
    }

    @Test
    void disputeClosedMatchesItsStoredFixture() {
        assertRoundTrip("contracts/billing/dispute-closed.v1.json",
                new DisputeClosedV1(DISPUTE, CHARGE, ACCOUNT, "panel", "LOST", new MoneyAmount(1000, "EUR"),
                        Instant.parse("2026-12-10T08:00:00Z")),
                DisputeClosedV1.class);
    }

    @Test
    void attachDisputeEvidenceRequestedMatchesItsStoredFixture() {
        Instant at = Instant.parse("2026-11-22T10:15:30Z");
        assertRoundTrip("contracts/billing/attach-dispute-evidence-requested.v1.json",
                new AttachDisputeEvidenceRequestedV1("dp_01JDQ8Z3V5G7N2K4M6P8R0T2W4", "ch_01JDQ8Z3V5G7N2K4M6P8R0T2W4",
                        "acct_01JDQ8Z3V5G7N2K4M6P8R0T2W4", "studio", "CONTEST_REFUNDED",
                        List.of(new AttachDisputeEvidenceRequestedV1.Item(at, "REFUND",
                                "ch_01JDQ8Z3V5G7N2K4M6P8R0T2W4", "Refunded 1000 EUR to the original payment method")),
                        at),
                AttachDisputeEvidenceRequestedV1.class);
    }
}
