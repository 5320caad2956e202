package dev.fairbill.billing.subscription;

import static dev.fairbill.platform.testsupport.StoredEvents.readThrough;
import static dev.fairbill.platform.testsupport.StoredEvents.writtenFields;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.fairbill.billing.ids.ChargeId;
import dev.fairbill.billing.subscription.SubscriptionEvents.CancellationRequest;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionCancellationScheduled;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionCancelled;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionChargeRequested;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionCreated;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionRenewed;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionStarted;
import dev.fairbill.platform.money.Money;

/**
 * Subscription events stored at revision 1, which listed their values (terms, schedule position, a period's
 * allowance, trial, price and charge, what a cancellation asked for) field by field, read back at revision 2 with the
 * same values; revision 2 writes them as values.
 */
class SubscriptionEventsTest {

    private static final String IDS = """
            "subscriptionId": "sub_0000000000000000000000000S", "accountId": "acct_0000000000000000000000000A",
            "tenant": "panel",""";
    private static final String PERIOD = """
            "period": {"start": "2026-11-01T00:00:00Z", "end": "2026-12-01T00:00:00Z"},""";
    private static final String PRICES = """
            "listPrice": {"amount": 1000, "currency": "EUR"}, "price": {"amount": 750, "currency": "EUR"},
            "couponPercentOff": 25, "chargeId": "ch_0000000000000000000000000C",""";
    private static final String PLAN = """
            "plan": {"planId": "monthly", "price": {"amount": 1000, "currency": "EUR"},
             "listPrice": {"amount": 1000, "currency": "EUR"}, "interval": "MONTH", "includedCredits": 100,
             "trialDays": 0, "trialCredits": 0},""";
    private static final ChargeId CHARGE = ChargeId.of("ch_0000000000000000000000000C");

    @Test
    void aStartStoredAtRevisionOneReadsWithItsAllowanceTrialAndPrice() {
        SubscriptionStarted started = readThrough(new SubscriptionUpcaster(), "billing.SubscriptionStarted",
                "1", "{" + IDS + PERIOD + PRICES + """
                        "planId": "monthly", "status": "ACTIVE", "includedCredits": 100, "trialCredits": 0,
                        "trialEndsAt": null, "startedAt": "2026-11-01T00:00:00Z", "statusAfter": null}""", "2",
                SubscriptionStarted.class);

        assertThat(started.planId()).isEqualTo("monthly");
        assertThat(started.period().end()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(started.includedCredits()).isEqualTo(100);
        assertThat(started.trialCredits()).isZero();
        assertThat(started.trialEndsAt()).isNull();
        assertThat(started.listPrice()).isEqualTo(Money.of(1000, "EUR"));
        assertThat(started.price()).isEqualTo(Money.of(750, "EUR"));
        assertThat(started.couponPercentOff()).isEqualTo(25);
        assertThat(started.chargeId()).isEqualTo(CHARGE);
        assertThat(started.status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(started.statusAfter()).isNull();
    }

    @Test
    void aTrialStoredUnderItsClassNameReadsWithItsCreditsAndEnd() {
        SubscriptionStarted started = readThrough(new SubscriptionUpcaster(),
                "dev.fairbill.billing.domain.SubscriptionEvents$SubscriptionStarted", "1", "{" + IDS + PERIOD + """
                        "listPrice": {"amount": 1000, "currency": "EUR"}, "price": {"amount": 1000, "currency": "EUR"},
                        "couponPercentOff": null, "chargeId": null, "planId": "trial-monthly", "status": "TRIALING",
                        "includedCredits": 0, "trialCredits": 20, "trialEndsAt": "2026-12-01T00:00:00Z",
                        "startedAt": "2026-11-01T00:00:00Z"}""", "2", SubscriptionStarted.class);

        assertThat(started.trialCredits()).isEqualTo(20);
        assertThat(started.trialEndsAt()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(started.chargeId()).isNull();
        assertThat(started.couponPercentOff()).isNull();
    }

    @Test
    void aRenewalStoredAtRevisionOneReadsWithItsAllowanceAndPrice() {
        SubscriptionRenewed renewed = readThrough(new SubscriptionUpcaster(), "billing.SubscriptionRenewed", "1",
                "{" + IDS + PERIOD + PRICES + """
                        "planId": "monthly", "includedCredits": 100, "renewedAt": "2026-11-01T00:00:00Z",
                        "statusAfter": "ACTIVE"}""", "2", SubscriptionRenewed.class);

        assertThat(renewed.planId()).isEqualTo("monthly");
        assertThat(renewed.includedCredits()).isEqualTo(100);
        assertThat(renewed.price()).isEqualTo(Money.of(750, "EUR"));
        assertThat(renewed.chargeId()).isEqualTo(CHARGE);
        assertThat(renewed.statusAfter()).isEqualTo(SubscriptionStatus.ACTIVE);
    }

    @Test
    void aChargeRequestStoredAtRevisionOneReadsWithItsPositionAndCharge() {
        SubscriptionChargeRequested requested = readThrough(new SubscriptionUpcaster(),
                "billing.SubscriptionChargeRequested", "1", "{" + IDS + PERIOD + PLAN + """
                        "chargeId": "ch_0000000000000000000000000C", "amount": {"amount": 750, "currency": "EUR"},
                        "billingAnchor": "2026-10-01T00:00:00Z", "periodNumber": 1, "attempt": 2,
                        "paymentMethod": "pm_card_ok", "description": "monthly, November",
                        "requestedAt": "2026-11-01T00:00:00Z"}""", "2", SubscriptionChargeRequested.class);

        assertThat(requested.plan().planId()).isEqualTo("monthly");
        assertThat(requested.chargeId()).isEqualTo(CHARGE);
        assertThat(requested.amount()).isEqualTo(Money.of(750, "EUR"));
        assertThat(requested.attempt()).isEqualTo(2);
        assertThat(requested.paymentMethod()).isEqualTo("pm_card_ok");
        assertThat(requested.description()).isEqualTo("monthly, November");
        assertThat(requested.period().start()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(requested.billingAnchor()).isEqualTo(Instant.parse("2026-10-01T00:00:00Z"));
        assertThat(requested.periodNumber()).isEqualTo(1);
    }

    @Test
    void revisionTwoWritesThePeriodAsValuesAndNothingElse() {
        var started = new SubscriptionStarted(null, null, "panel", SubscriptionStatus.ACTIVE,
                new SubscriptionEvents.PeriodAllowance("monthly", null, 100), SubscriptionEvents.Trial.NONE,
                new SubscriptionEvents.PeriodPrice(Money.of(1000, "EUR"), Money.of(1000, "EUR"), null, CHARGE),
                Instant.parse("2026-11-01T00:00:00Z"), SubscriptionStatus.ACTIVE);

        assertThat(writtenFields(started)).containsExactlyInAnyOrder("subscriptionId", "accountId", "tenant",
                "status", "allowance", "trial", "pricing", "startedAt", "statusAfter");
    }

    @Test
    void aSubscriptionCreatedAtRevisionOneReadsWithItsTermsAndPosition() {
        SubscriptionCreated created = readThrough(new SubscriptionUpcaster(), "billing.SubscriptionCreated", "1",
                "{" + IDS + PERIOD + PLAN + """
                        "price": {"amount": 750, "currency": "EUR"}, "couponPercentOff": 25,
                        "paymentMethod": "pm_card_ok", "status": "ACTIVE", "startedAt": "2026-11-01T00:00:00Z",
                        "trialEndsAt": null, "billingAnchor": "2026-11-01T00:00:00Z", "periodNumber": 0,
                        "createdAt": "2026-11-01T00:00:00Z"}""", "2", SubscriptionCreated.class);

        assertThat(created.plan().planId()).isEqualTo("monthly");
        assertThat(created.price()).isEqualTo(Money.of(750, "EUR"));
        assertThat(created.couponPercentOff()).isEqualTo(25);
        assertThat(created.paymentMethod()).isEqualTo("pm_card_ok");
        assertThat(created.period().end()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(created.billingAnchor()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(created.periodNumber()).isZero();
        assertThat(created.status()).isEqualTo(SubscriptionStatus.ACTIVE);
    }

    @Test
    void aCancellationStoredAtRevisionOneReadsWithWhatItAskedFor() {
        SubscriptionCancelled cancelled = readThrough(new SubscriptionUpcaster(), "billing.SubscriptionCancelled", "1",
                "{" + IDS + PERIOD + """
                        "mode": "IMMEDIATE", "reason": "leaving", "refundRequested": true, "refundReason": "COOLING_OFF",
                        "refundCaseId": "rc_1", "cancelledAt": "2026-11-02T00:00:00Z"}""", "2",
                SubscriptionCancelled.class);

        assertThat(cancelled.request()).isEqualTo(new CancellationRequest("leaving", true, "COOLING_OFF", "rc_1"));
        assertThat(cancelled.mode()).isEqualTo(SubscriptionCancellationMode.IMMEDIATE);
        assertThat(cancelled.refundRequested()).isTrue();
    }

    @Test
    void aScheduledCancellationStoredBeforeRefundsCouldBeAskedForAsksForNone() {
        SubscriptionCancellationScheduled scheduled = readThrough(new SubscriptionUpcaster(),
                "dev.fairbill.billing.domain.SubscriptionEvents$SubscriptionCancellationScheduled", "1", "{" + IDS + """
                        "cancelAt": "2026-12-01T00:00:00Z", "reason": "too expensive",
                        "requestedAt": "2026-11-02T00:00:00Z"}""", "2", SubscriptionCancellationScheduled.class);

        assertThat(scheduled.request()).isEqualTo(new CancellationRequest("too expensive", false, null, null));
        assertThat(scheduled.cancelAt()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(scheduled.statusAfter()).isNull();
    }
}
