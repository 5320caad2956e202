package dev.fairbill.contracts.ledger;

import static dev.fairbill.contracts.ContractFixtures.assertRoundTrip;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.fairbill.contracts.MoneyAmount;

/** The credit ledger's events and the requests it consumes match their stored fixtures. */
class LedgerContractsTest {

    private static final String ACCOUNT = "acct_01JDQ8Z3V5G7N2K4M6P8R0T2W4";
    private static final String SUB_RESELLER = "acct_01JDQ8Z3V5G7N2K4M6P8R0T2W5";
    private static final String CHARGE = "ch_01JDQ8Z3V5G7N2K4M6P8R0T2W4";
    private static final String LOT = "lot_01JDQ8Z3V5G7N2K4M6P8R0T2W4";
    private static final String OLDER_LOT = "lot_01JDQ8Z3V5G7N2K4M6P8R0T2W0";
    private static final String WITHDRAWAL = "wd_01JDQ8Z3V5G7N2K4M6P8R0T2W4";
    private static final String SUBSCRIPTION = "sub_01JDQ8Z3V5G7N2K4M6P8R0T2W4";
    private static final Instant AT = Instant.parse("2026-11-22T10:15:30Z");
    private static final MoneyAmount EUR_1000 = new MoneyAmount(1000, "EUR");

    // --- events

    @Test
    void lotGrantedMatchesItsStoredFixture() {
        assertRoundTrip("contracts/ledger/lot-granted.v1.json",
                new LotGrantedV1(ACCOUNT, "panel", LOT, "CREDIT", "PURCHASED", 500, null,
                        "pur_01JDQ8Z3V5G7N2K4M6P8R0T2W4", CHARGE, "purchase-paid/pur_01JDQ8Z3V5G7N2K4M6P8R0T2W4", AT),
                LotGrantedV1.class);
    }

    @Test
    void creditsConsumedMatchesItsStoredFixtureWithItsAllocations() {
        assertRoundTrip("contracts/ledger/credits-consumed.v1.json",
                new CreditsConsumedV1(ACCOUNT, "panel", "cons_01JDQ8Z3V5G7N2K4M6P8R0T2W4", "render-42", 120,
                        List.of(new LotAllocationV1(OLDER_LOT, 20), new LotAllocationV1(LOT, 100)), 380, AT),
                CreditsConsumedV1.class);
    }

    @Test
    void creditsRemovedMatchesItsStoredFixture() {
        assertRoundTrip("contracts/ledger/credits-removed.v1.json",
                new CreditsRemovedV1(ACCOUNT, "panel", LOT, "CREDIT", "SUBSCRIPTION_ALLOWANCE", 80, "FORFEITED",
                        SUBSCRIPTION, AT),
                CreditsRemovedV1.class);
    }

    @Test
    void creditsTransferredMatchesItsStoredFixture() {
        assertRoundTrip("contracts/ledger/credits-transferred.v1.json",
                new CreditsTransferredV1("tr_01JDQ8Z3V5G7N2K4M6P8R0T2W4", ACCOUNT, SUB_RESELLER, "panel", 250, AT),
                CreditsTransferredV1.class);
    }

    @Test
    void tierChangedMatchesItsStoredFixture() {
        assertRoundTrip("contracts/ledger/tier-changed.v1.json",
                new TierChangedV1(ACCOUNT, "panel", "GOLD", 5000, AT, true),
                TierChangedV1.class);
    }

    @Test
    void ledgerFrozenMatchesItsStoredFixture() {
        assertRoundTrip("contracts/ledger/ledger-frozen.v1.json",
                new LedgerFrozenV1(ACCOUNT, "panel", "DISPUTE", "dp_01JDQ8Z3V5G7N2K4M6P8R0T2W4", AT),
                LedgerFrozenV1.class);
    }

    @Test
    void ledgerUnfrozenMatchesItsStoredFixture() {
        assertRoundTrip("contracts/ledger/ledger-unfrozen.v1.json",
                new LedgerUnfrozenV1(ACCOUNT, "panel", "DISPUTE", "dp_01JDQ8Z3V5G7N2K4M6P8R0T2W4", AT),
                LedgerUnfrozenV1.class);
    }

    @Test
    void cashBalanceAppliedMatchesItsStoredFixture() {
        assertRoundTrip("contracts/ledger/cash-balance-applied.v1.json",
                new CashBalanceAppliedV1(CHARGE, ACCOUNT, "panel", EUR_1000, new MoneyAmount(350, "EUR"), AT),
                CashBalanceAppliedV1.class);
    }

    @Test
    void cashBalanceChangedMatchesItsStoredFixture() {
        assertRoundTrip("contracts/ledger/cash-balance-changed.v1.json",
                new CashBalanceChangedV1(ACCOUNT, "panel", new MoneyAmount(650, "EUR"), 7, AT),
                CashBalanceChangedV1.class);
    }

    @Test
    void cashWithdrawalCompletedMatchesItsStoredFixture() {
        assertRoundTrip("contracts/ledger/cash-withdrawal-completed.v1.json",
                new CashWithdrawalCompletedV1(WITHDRAWAL, ACCOUNT, "panel", EUR_1000, AT),
                CashWithdrawalCompletedV1.class);
    }

    @Test
    void cashWithdrawalFailedMatchesItsStoredFixture() {
        assertRoundTrip("contracts/ledger/cash-withdrawal-failed.v1.json",
                new CashWithdrawalFailedV1(WITHDRAWAL, ACCOUNT, "panel", new MoneyAmount(400, "EUR"),
                        "refund_failed", AT),
                CashWithdrawalFailedV1.class);
    }

    // --- requests the ledger consumes

    @Test
    void grantCreditsRequestedMatchesItsStoredFixture() {
        assertRoundTrip("contracts/ledger/grant-credits-requested.v1.json",
                new GrantCreditsRequestedV1("rc_01JDQ8Z3V5G7N2K4M6P8R0T2W4/balance", ACCOUNT, "panel", 1000, "EUR",
                        "REFUND_BALANCE", null, "rc_01JDQ8Z3V5G7N2K4M6P8R0T2W4", CHARGE),
                GrantCreditsRequestedV1.class);
    }

    @Test
    void forfeitAllowanceRequestedMatchesItsStoredFixture() {
        assertRoundTrip("contracts/ledger/forfeit-allowance-requested.v1.json",
                new ForfeitAllowanceRequestedV1(ACCOUNT, "panel", SUBSCRIPTION, "CANCELLED"),
                ForfeitAllowanceRequestedV1.class);
    }

    @Test
    void clawBackCreditsRequestedMatchesItsStoredFixture() {
        assertRoundTrip("contracts/ledger/claw-back-credits-requested.v1.json",
                new ClawBackCreditsRequestedV1(ACCOUNT, "panel", CHARGE, "dp_01JDQ8Z3V5G7N2K4M6P8R0T2W4"),
                ClawBackCreditsRequestedV1.class);
    }

    @Test
    void freezeLedgerRequestedMatchesItsStoredFixture() {
        assertRoundTrip("contracts/ledger/freeze-ledger-requested.v1.json",
                new FreezeLedgerRequestedV1(SUB_RESELLER, "panel", "RESELLER_DISPUTE", ACCOUNT),
                FreezeLedgerRequestedV1.class);
    }

    @Test
    void unfreezeLedgerRequestedMatchesItsStoredFixture() {
        assertRoundTrip("contracts/ledger/unfreeze-ledger-requested.v1.json",
                new UnfreezeLedgerRequestedV1(SUB_RESELLER, "panel", "RESELLER_DISPUTE", ACCOUNT),
                UnfreezeLedgerRequestedV1.class);
    }

    @Test
    void applyCashBalanceRequestedMatchesItsStoredFixture() {
        assertRoundTrip("contracts/ledger/apply-cash-balance-requested.v1.json",
                new ApplyCashBalanceRequestedV1(CHARGE, ACCOUNT, "panel", EUR_1000),
                ApplyCashBalanceRequestedV1.class);
    }

    @Test
    void withdrawCashBalanceRequestedMatchesItsStoredFixture() {
        assertRoundTrip("contracts/ledger/withdraw-cash-balance-requested.v1.json",
                new WithdrawCashBalanceRequestedV1(WITHDRAWAL, ACCOUNT, "panel", new MoneyAmount(650, "EUR")),
                WithdrawCashBalanceRequestedV1.class);
    }
}
