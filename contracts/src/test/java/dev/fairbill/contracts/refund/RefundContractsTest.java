package dev.fairbill.contracts.refund;

import static dev.fairbill.contracts.ContractFixtures.assertRoundTrip;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.fairbill.contracts.MoneyAmount;

/** refund-service's messages match their stored fixtures. */
class RefundContractsTest {

    private static final String CASE = "rc_01JDQ8Z3V5G7N2K4M6P8R0T2W4";
    private static final String ACCOUNT = "acct_01JDQ8Z3V5G7N2K4M6P8R0T2W4";
    private static final String CHARGE = "ch_01JDQ8Z3V5G7N2K4M6P8R0T2W4";
    private static final Instant AT = Instant.parse("2026-11-22T10:15:30Z");

    @Test
    void refundCaseDecidedMatchesItsStoredFixture() {
        assertRoundTrip("contracts/refund/refund-case-decided.v1.json",
                new RefundCaseDecidedV1(CASE, ACCOUNT, "chat", "SUBSCRIPTION", "sub_01JDQ8Z3V5G7N2K4M6P8R0T2W4",
                        CHARGE, "PARTIAL_USE", "APPROVED", "APPROVED", new MoneyAmount(6712, "EUR"),
                        "ACCOUNT_BALANCE", null, null, "cooling-off-prorata", 1, "prorata-balance",
                        "You used 100 of 365 days; the rest, less the yearly discount, goes to your balance.",
                        "POLICY", null, AT),
                RefundCaseDecidedV1.class);
    }

    @Test
    void refundReviewEscalatedMatchesItsStoredFixture() {
        assertRoundTrip("contracts/refund/refund-review-escalated.v1.json",
                new RefundReviewEscalatedV1(CASE, ACCOUNT, "imaging", Instant.parse("2026-11-27T10:15:30Z"), AT),
                RefundReviewEscalatedV1.class);
    }

    @Test
    void refundCaseSettledMatchesItsStoredFixture() {
        assertRoundTrip("contracts/refund/refund-case-settled.v1.json",
                new RefundCaseSettledV1(CASE, ACCOUNT, "studio", "COMPLETED", new MoneyAmount(1000, "EUR"),
                        "ORIGINAL_PAYMENT_METHOD", "re_01JDQ8Z3V5G7N2K4M6P8R0T2W4", null, null, AT),
                RefundCaseSettledV1.class);
    }

    @Test
    void refillRequestedMatchesItsStoredFixture() {
        assertRoundTrip("contracts/refund/refill-requested.v1.json",
                new RefillRequestedV1("rf_01JDQ8Z3V5G7N2K4M6P8R0T2W4", CASE, ACCOUNT, "smm",
                        "pur_01JDQ8Z3V5G7N2K4M6P8R0T2W4", 150, AT),
                RefillRequestedV1.class);
    }
}
