package dev.fairbill.billing.purchase;

import static dev.fairbill.platform.testsupport.StoredEvents.readThrough;
import static dev.fairbill.platform.testsupport.StoredEvents.writtenFields;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.fairbill.billing.ids.ChargeId;
import dev.fairbill.billing.purchase.PurchaseEvents.FulfilmentProgress;
import dev.fairbill.billing.purchase.PurchaseEvents.PurchaseFulfilmentChanged;
import dev.fairbill.billing.purchase.PurchaseEvents.PurchasePaid;
import dev.fairbill.billing.purchase.PurchaseEvents.PurchasePlaced;
import dev.fairbill.billing.purchase.PurchaseEvents.RefillFulfilmentChanged;
import dev.fairbill.billing.purchase.PurchaseProduct.Kind;
import dev.fairbill.platform.money.Money;

/**
 * Purchase events stored at revision 1, which listed the product's terms and a delivery report field by field, read
 * back at revision 2 with the same values; revision 2 writes them as values.
 */
class PurchaseEventsTest {

    private static final String IDS = """
            "purchaseId": "pur_0000000000000000000000000P", "accountId": "acct_0000000000000000000000000A",
            "tenant": "panel", "productId": "followers-2000", "kind": "DELIVERY_ORDER", "quantity": 2000,
            "refillWindow": "PT720H", "maxDeliveryTime": "PT72H", "chargeId": "ch_0000000000000000000000000C",
            "purchasedAt": "2026-11-01T00:00:00Z",""";

    @Test
    void aPlacementStoredAtRevisionOneReadsWithItsProduct() {
        PurchasePlaced placed = readThrough(new PurchaseUpcaster(), "billing.PurchasePlaced", "1", "{" + IDS
                + """
                "price": {"amount": 2000, "currency": "EUR"}, "credits": 0, "placedAt": "2026-11-02T00:00:00Z"}""",
                "2", PurchasePlaced.class);

        assertThat(placed.product()).isEqualTo(new PurchaseProduct("followers-2000", Kind.DELIVERY_ORDER,
                Money.of(2000, "EUR"), 0, 2000, Duration.ofDays(30), Duration.ofHours(72)));
        assertThat(placed.chargeId()).isEqualTo(ChargeId.of("ch_0000000000000000000000000C"));
        assertThat(placed.purchasedAt()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(placed.placedAt()).isEqualTo(Instant.parse("2026-11-02T00:00:00Z"));
    }

    @Test
    void aPaymentStoredAtRevisionOneReadsWithItsAmountAsThePriceAndItsGrantedCredits() {
        PurchasePaid paid = readThrough(new PurchaseUpcaster(),
                "dev.fairbill.billing.domain.PurchaseEvents$PurchasePaid", "1", "{" + IDS + """
                "amount": {"amount": 2500, "currency": "EUR"}, "credits": 500, "paidAt": "2026-11-02T00:00:00Z"}""",
                "2", PurchasePaid.class);

        assertThat(paid.amount()).isEqualTo(Money.of(2500, "EUR"));
        assertThat(paid.price()).isEqualTo(Money.of(2500, "EUR"));
        assertThat(paid.credits()).isEqualTo(500);
        assertThat(paid.product().credits()).isEqualTo(500);
        assertThat(paid.productId()).isEqualTo("followers-2000");
        assertThat(paid.refillWindow()).isEqualTo(Duration.ofDays(30));
        assertThat(paid.paidAt()).isEqualTo(Instant.parse("2026-11-02T00:00:00Z"));
    }

    @Test
    void deliveryReportsStoredAtRevisionOneReadWithTheirProgress() {
        PurchaseFulfilmentChanged purchase = readThrough(new PurchaseUpcaster(), "billing.PurchaseFulfilmentChanged",
                "1", "{" + IDS + """
                "status": "COMPLETED", "ordered": 2000, "delivered": 2000, "currentCount": 1850,
                "completedAt": "2026-11-03T00:00:00Z", "changedAt": "2026-11-04T00:00:00Z"}""", "2",
                PurchaseFulfilmentChanged.class);
        RefillFulfilmentChanged refill = readThrough(new PurchaseUpcaster(), "billing.RefillFulfilmentChanged", "1",
                "{" + IDS + """
                "refillId": "rf_1", "caseId": "rc_1", "status": "IN_PROGRESS", "delivered": 100,
                "currentCount": 1950, "changedAt": "2026-11-05T00:00:00Z"}""", "2", RefillFulfilmentChanged.class);

        assertThat(purchase.progress()).isEqualTo(new FulfilmentProgress(PurchaseFulfilmentStatus.COMPLETED, 2000,
                1850));
        assertThat(purchase.ordered()).isEqualTo(2000);
        assertThat(purchase.completedAt()).isEqualTo(Instant.parse("2026-11-03T00:00:00Z"));
        assertThat(refill.status()).isEqualTo(PurchaseFulfilmentStatus.IN_PROGRESS);
        assertThat(refill.delivered()).isEqualTo(100);
        assertThat(refill.currentCount()).isEqualTo(1950);
        assertThat(refill.quantity()).isEqualTo(2000);
    }

    @Test
    void revisionTwoWritesTheProductAsOneValue() {
        var product = new PurchaseProduct("credits-500", Kind.CREDIT_PACK, Money.of(2500, "EUR"), 500, 0, null, null);
        var paid = new PurchasePaid(null, null, "panel", product, null, 500, Instant.EPOCH, Instant.EPOCH);

        assertThat(writtenFields(paid)).containsExactlyInAnyOrder("purchaseId", "accountId", "tenant", "product",
                "chargeId", "credits", "purchasedAt", "paidAt");
    }
}
