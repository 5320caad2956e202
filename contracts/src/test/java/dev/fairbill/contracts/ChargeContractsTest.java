package dev.fairbill.contracts;

import static dev.fairbill.contracts.ContractFixtures.assertRoundTrip;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.fairbill.contracts.billing.ChargeCapturedV1;
import dev.fairbill.contracts.billing.ChargeFailedV1;
import dev.fairbill.contracts.billing.ChargeFlaggedDuplicateV1;
import dev.fairbill.contracts.billing.ChargeRefundFailedV1;
import dev.fairbill.contracts.billing.ChargeRefundReversedV1;
import dev.fairbill.contracts.billing.ChargeRefundedV1;
import dev.fairbill.contracts.billing.PurchaseFulfilmentChangedV1;
import dev.fairbill.contracts.billing.PurchasePaidV1;
import dev.fairbill.contracts.billing.RefillFulfilmentChangedV1;
import dev.fairbill.contracts.billing.RefundChargeRequestedV1;

/** Billing's charge, refund and purchase messages match their stored fixtures. */
class ChargeContractsTest {

    private static final String CHARGE = "ch_01JDQ8Z3V5G7N2K4M6P8R0T2W4";
    private static final String ACCOUNT = "acct_01JDQ8Z3V5G7N2K4M6P8R0T2W4";
    private static final String PURCHASE = "pur_01JDQ8Z3V5G7N2K4M6P8R0T2W4";
    private static final Instant AT = Instant.parse("2026-11-22T10:15:30Z");
    private static final MoneyAmount EUR_1000 = new MoneyAmount(1000, "EUR");

    @Test
    void chargeCapturedMatchesItsStoredFixture() {
        // next charges use cash balance first; the fixture was partly paid from balance
        assertRoundTrip("contracts/billing/charge-captured.v1.json",
                new ChargeCapturedV1(CHARGE, ACCOUNT, "panel", EUR_1000, "monthly",
                        "sub_01JDQ8Z3V5G7N2K4M6P8R0T2W4", Instant.parse("2026-11-01T00:00:00Z"), null, "sandbox",
                        "ch_sandbox_3Qx8mKp2Lr7TzW1a", AT, new MoneyAmount(300, "EUR")),
                ChargeCapturedV1.class);
    }

    @Test
    void chargeFailedMatchesItsStoredFixture() {
        assertRoundTrip("contracts/billing/charge-failed.v1.json",
                new ChargeFailedV1(CHARGE, ACCOUNT, "panel", EUR_1000, "monthly", null, null, PURCHASE, "sandbox",
                        "card_declined", AT, new MoneyAmount(0, "EUR")),
                ChargeFailedV1.class);
    }

    @Test
    void chargeRefundedMatchesItsStoredFixture() {
        assertRoundTrip("contracts/billing/charge-refunded.v1.json",
                new ChargeRefundedV1(CHARGE, ACCOUNT, "studio", "re_01JDQ8Z3V5G7N2K4M6P8R0T2W4",
                        new MoneyAmount(400, "EUR"), new MoneyAmount(600, "EUR"), "re_sandbox_9Hd2kLq5Wm3Xv8Pz",
                        "DUPLICATE_CHARGE", AT, new MoneyAmount(100, "EUR")),
                ChargeRefundedV1.class);
    }

    @Test
    void chargeRefundFailedMatchesItsStoredFixture() {
        assertRoundTrip("contracts/billing/charge-refund-failed.v1.json",
                new ChargeRefundFailedV1(CHARGE, ACCOUNT, "studio", "re_01JDQ8Z3V5G7N2K4M6P8R0T2W4", EUR_1000,
                        "refund_failed", AT),
                ChargeRefundFailedV1.class);
    }

    @Test
    void chargeRefundReversedMatchesItsStoredFixture() {
        assertRoundTrip("contracts/billing/charge-refund-reversed.v1.json",
                new ChargeRefundReversedV1(CHARGE, ACCOUNT, "studio", "re_01JDQ8Z3V5G7N2K4M6P8R0T2W4", EUR_1000,
                        new MoneyAmount(0, "EUR"), "re_3QHk2bLkdIwHu7ix0X2mV9sT", "expired_or_canceled_card", AT),
                ChargeRefundReversedV1.class);
    }

    @Test
    void chargeFlaggedDuplicateMatchesItsStoredFixture() {
        assertRoundTrip("contracts/billing/charge-flagged-duplicate.v1.json",
                new ChargeFlaggedDuplicateV1(CHARGE, ACCOUNT, "studio", "ch_01JDQ8Z3V5G7N2K4M6P8R0T2W0",
                        "SAME_SUBSCRIPTION_PERIOD", EUR_1000, AT),
                ChargeFlaggedDuplicateV1.class);
    }

    @Test
    void refundChargeRequestedMatchesItsStoredFixture() {
        assertRoundTrip("contracts/billing/refund-charge-requested.v1.json",
                new RefundChargeRequestedV1("re_01JDQ8Z3V5G7N2K4M6P8R0T2W4", CHARGE, ACCOUNT, "studio", EUR_1000,
                        "DUPLICATE_CHARGE"),
                RefundChargeRequestedV1.class);
    }

    @Test
    void purchasePaidMatchesItsStoredFixture() {
        assertRoundTrip("contracts/billing/purchase-paid.v1.json",
                new PurchasePaidV1(PURCHASE, ACCOUNT, "smm", "followers-2000", "DELIVERY_ORDER", CHARGE,
                        new MoneyAmount(2000, "EUR"), 0, 2000, AT, AT, Duration.ofDays(30), Duration.ofHours(72)),
                PurchasePaidV1.class);
    }

    @Test
    void purchaseFulfilmentChangedMatchesItsStoredFixture() {
        assertRoundTrip("contracts/billing/purchase-fulfilment-changed.v1.json",
                new PurchaseFulfilmentChangedV1(PURCHASE, ACCOUNT, "smm", "followers-2000", "COMPLETED", 2000, 2000,
                        1850, AT, AT),
                PurchaseFulfilmentChangedV1.class);
    }

    @Test
    void refillFulfilmentChangedMatchesItsStoredFixture() {
        assertRoundTrip("contracts/billing/refill-fulfilment-changed.v1.json",
                new RefillFulfilmentChangedV1("re_01JDQ8Z3V5G7N2K4M6P8R0T2W4", "rc_01JDQ8Z3V5G7N2K4M6P8R0T2W4",
                        PURCHASE, ACCOUNT, "smm", "COMPLETED", 150, 150, 2000, AT),
                RefillFulfilmentChangedV1.class);
    }
}
