package dev.fairbill.billing.purchase;

import static dev.fairbill.platform.testsupport.Refusals.refused;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.fairbill.billing.ids.AccountId;
import dev.fairbill.billing.ids.ChargeId;
import dev.fairbill.billing.ids.PurchaseId;
import dev.fairbill.billing.purchase.PurchaseCommands.PlacePurchase;
import dev.fairbill.billing.purchase.PurchaseCommands.RecordPurchasePayment;
import dev.fairbill.billing.purchase.PurchaseCommands.ReportPurchaseFulfilment;
import dev.fairbill.billing.purchase.PurchaseEvents.FulfilmentProgress;
import dev.fairbill.billing.purchase.PurchaseEvents.PurchaseFulfilmentChanged;
import dev.fairbill.billing.purchase.PurchaseEvents.PurchasePaid;
import dev.fairbill.billing.purchase.PurchaseEvents.PurchasePaymentFailed;
import dev.fairbill.billing.purchase.PurchaseEvents.PurchasePlaced;
import dev.fairbill.billing.purchase.PurchaseProduct.Kind;
import dev.fairbill.platform.rules.RuleViolation;
import dev.fairbill.platform.money.Money;

/**
 * One-time purchases: credit packs (final-sale-reseller §5, final-sale-duplicates-refunded §3.2) and delivery orders
 * with fulfilment (refill-or-refund).
 */
class PurchaseTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:15:30Z");
    private static final PurchaseId ID = PurchaseId.of("pur_0000000000000000000000000P");
    private static final AccountId ACCOUNT = AccountId.of("acct_0000000000000000000000000A");
    private static final ChargeId CHARGE = ChargeId.of("ch_0000000000000000000000000C");
    private static final PurchaseProduct CREDITS_500 = new PurchaseProduct("credits-500", Kind.CREDIT_PACK,
            Money.of(2500, "EUR"), 500, 0, null, null);
    private static final PurchaseProduct FOLLOWERS_2000 = new PurchaseProduct("followers-2000",
            Kind.DELIVERY_ORDER, Money.of(2000, "EUR"), 0, 2000, Duration.ofDays(30), Duration.ofHours(72));

    private AggregateTestFixture<Purchase> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(Purchase.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void creditPackIsPlacedNow() {
        fixture.givenNoPriorActivity()
                .when(new PlacePurchase(ID, ACCOUNT, "panel", CREDITS_500, CHARGE, null))
                .expectEvents(placed(CREDITS_500, NOW));
    }

    @Test
    void importedPurchaseKeepsItsPastDate() {
        Instant past = NOW.minus(Duration.ofDays(3));
        fixture.givenNoPriorActivity()
                .when(new PlacePurchase(ID, ACCOUNT, "panel", FOLLOWERS_2000, CHARGE, past))
                .expectEvents(placed(FOLLOWERS_2000, past));
    }

    @Test
    void purchaseBackdatedIntoTheFutureIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new PlacePurchase(ID, ACCOUNT, "panel", CREDITS_500, CHARGE, NOW.plusSeconds(60)))
                .expectException(refused(RuleViolation.Kind.INVALID, "validation-failed"))
                .expectNoEvents();
    }

    @Test
    void paidCreditPackGrantsItsPurchasedCredits() {
        // final-sale-reseller §5, final-sale-duplicates-refunded §3.2: purchased credits are granted once paid
        fixture.given(placed(CREDITS_500, NOW))
                .when(new RecordPurchasePayment(ID, CHARGE, null))
                .expectEvents(new PurchasePaid(ID, ACCOUNT, "panel",
                        new PurchaseProduct("credits-500", Kind.CREDIT_PACK, Money.of(2500, "EUR"), 500, 0, null, null),
                        CHARGE, 500, NOW, NOW));
    }

    @Test
    void purchaseIsPaidOnce() {
        fixture.given(placed(CREDITS_500, NOW), paid(CREDITS_500))
                .when(new RecordPurchasePayment(ID, CHARGE, null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void anotherChargeNamingThePurchaseDoesNotPayIt() {
        fixture.given(placed(CREDITS_500, NOW))
                .when(new RecordPurchasePayment(ID, ChargeId.of("ch_000000000000000000000000X2"), null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void failedChargeLeavesThePurchaseUnpaid() {
        fixture.given(placed(CREDITS_500, NOW))
                .when(new RecordPurchasePayment(ID, CHARGE, "card_declined"))
                .expectEvents(new PurchasePaymentFailed(ID, ACCOUNT, "panel", CHARGE, "card_declined", NOW));
    }

    @Test
    void deliveryInProgressCountsDeliveredUnits() {
        // refill-or-refund: IN_PROGRESS (delivered n of m)
        fixture.given(placed(FOLLOWERS_2000, NOW), paid(FOLLOWERS_2000))
                .when(report(PurchaseFulfilmentStatus.IN_PROGRESS, 500, null))
                .expectEvents(changed(PurchaseFulfilmentStatus.IN_PROGRESS, 500, 500, null));
    }

    @Test
    void completionStartsTheRefillWindowAndLaterCountDropsKeepIt() {
        // refill-or-refund: the refill window counts from completion
        fixture.given(placed(FOLLOWERS_2000, NOW), paid(FOLLOWERS_2000))
                .when(report(PurchaseFulfilmentStatus.COMPLETED, 2000, null))
                .expectEvents(changed(PurchaseFulfilmentStatus.COMPLETED, 2000, 2000, NOW));

        Instant completed = NOW.minus(Duration.ofDays(2));
        fixture.given(placed(FOLLOWERS_2000, NOW), paid(FOLLOWERS_2000),
                        new PurchaseFulfilmentChanged(ID, ACCOUNT, "panel", "followers-2000",
                                new FulfilmentProgress(PurchaseFulfilmentStatus.COMPLETED, 2000, 2000), 2000,
                                completed, completed))
                .when(report(PurchaseFulfilmentStatus.COMPLETED, 2000, 1850L))
                .expectEvents(changed(PurchaseFulfilmentStatus.COMPLETED, 2000, 1850, completed));
    }

    @Test
    void partialDeliveryIsFinal() {
        fixture.given(placed(FOLLOWERS_2000, NOW), paid(FOLLOWERS_2000),
                        changed(PurchaseFulfilmentStatus.PARTIAL, 1200, 1200, null))
                .when(report(PurchaseFulfilmentStatus.COMPLETED, 2000, null))
                .expectException(refused("fulfilment-final"))
                .expectNoEvents();
    }

    @Test
    void completionWithUnitsMissingIsInconsistent() {
        fixture.given(placed(FOLLOWERS_2000, NOW), paid(FOLLOWERS_2000))
                .when(report(PurchaseFulfilmentStatus.COMPLETED, 1999, null))
                .expectException(refused("fulfilment-inconsistent"))
                .expectNoEvents();
    }

    @Test
    void deliveredUnitsNeverGoDown() {
        fixture.given(placed(FOLLOWERS_2000, NOW), paid(FOLLOWERS_2000),
                        changed(PurchaseFulfilmentStatus.IN_PROGRESS, 800, 800, null))
                .when(report(PurchaseFulfilmentStatus.IN_PROGRESS, 700, null))
                .expectException(refused("fulfilment-inconsistent"))
                .expectNoEvents();
    }

    @Test
    void sameReportTwiceChangesNothing() {
        fixture.given(placed(FOLLOWERS_2000, NOW), paid(FOLLOWERS_2000),
                        changed(PurchaseFulfilmentStatus.IN_PROGRESS, 800, 800, null))
                .when(report(PurchaseFulfilmentStatus.IN_PROGRESS, 800, null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void unpaidOrderCannotReportDelivery() {
        fixture.given(placed(FOLLOWERS_2000, NOW))
                .when(report(PurchaseFulfilmentStatus.IN_PROGRESS, 10, null))
                .expectException(refused("purchase-not-paid"))
                .expectNoEvents();
    }

    @Test
    void creditPackHasNoDeliveryToReport() {
        fixture.given(placed(CREDITS_500, NOW), paid(CREDITS_500))
                .when(report(PurchaseFulfilmentStatus.COMPLETED, 0, null))
                .expectException(refused("not-a-delivery-order"))
                .expectNoEvents();
    }

    private static PurchasePlaced placed(PurchaseProduct product, Instant purchasedAt) {
        return new PurchasePlaced(ID, ACCOUNT, "panel", product, CHARGE, purchasedAt, NOW);
    }

    private static PurchasePaid paid(PurchaseProduct product) {
        return new PurchasePaid(ID, ACCOUNT, "panel", product, CHARGE,
                product.kind() == Kind.CREDIT_PACK ? product.credits() : 0, NOW, NOW);
    }

    private static ReportPurchaseFulfilment report(PurchaseFulfilmentStatus status, long delivered, Long count) {
        return new ReportPurchaseFulfilment(ID, "panel", status, delivered, count);
    }

    private static PurchaseFulfilmentChanged changed(PurchaseFulfilmentStatus status, long delivered, long count,
                                                     Instant completedAt) {
        return new PurchaseFulfilmentChanged(ID, ACCOUNT, "panel", "followers-2000",
                new FulfilmentProgress(status, delivered, count), 2000, completedAt, NOW);
    }
}
