package dev.fairbill.billing.subscription;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.axonframework.deadline.DeadlineManager;

import dev.fairbill.billing.ids.ChargeId;
import dev.fairbill.billing.subscription.SubscriptionCommands.ChangeSubscriptionPaymentMethod;
import dev.fairbill.billing.subscription.SubscriptionCommands.ChangeSubscriptionPlan;
import dev.fairbill.billing.subscription.SubscriptionCommands.CreateSubscription;
import dev.fairbill.billing.subscription.SubscriptionCommands.RecordSubscriptionChargeCaptured;
import dev.fairbill.billing.subscription.SubscriptionCommands.RecordSubscriptionChargeFailed;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionCancelled;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionChargePostponed;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionChargeRequested;
import dev.fairbill.billing.subscription.SubscriptionEvents.BillingPosition;
import dev.fairbill.billing.subscription.SubscriptionEvents.CancellationRequest;
import dev.fairbill.billing.subscription.SubscriptionEvents.PeriodAllowance;
import dev.fairbill.billing.subscription.SubscriptionEvents.PeriodCharge;
import dev.fairbill.billing.subscription.SubscriptionEvents.PeriodPrice;
import dev.fairbill.billing.subscription.SubscriptionEvents.Trial;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionChargeVoided;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionCreated;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionExpired;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionPaymentFailed;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionPaymentMethodChanged;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionPlanChangeScheduled;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionRenewed;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionStarted;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionTerms;
import dev.fairbill.platform.axon.naming.StoredAs;
import dev.fairbill.platform.money.Money;

/**
 * A subscription's billing schedule: its plan (and the next one), coupon and payment method, the current period
 * counted from the billing anchor, the charge it waits for and the dunning after a failed one. Part of
 * {@link Subscription}: it decides within the subscription's commands and deadlines and records through its events.
 * Period ends and dunning retries are persistent deadlines; each carries what it was scheduled for and is ignored
 * when the subscription has moved on, so no deadline ever needs cancelling. Charges are asked for with
 * {@link SubscriptionChargeRequested} and their outcome comes back as a command.
 */
final class BillingSchedule {

    /** Payload of the deadline at the end of a trial or billing period. */
    @StoredAs("billing.PeriodEndDue")
    public record PeriodEndDue(Instant periodEnd) {
    }

    /** Payload of a dunning retry after {@code failedCharge} failed. */
    @StoredAs("billing.ChargeRetryDue")
    public record ChargeRetryDue(ChargeId failedCharge) {
    }

    private PlanTerms plan;
    private PlanTerms nextPlan;
    private Integer couponPercentOff;
    private String paymentMethod;
    private SubscriptionPeriod period;
    private Instant billingAnchor;
    private long periodNumber;
    private boolean started;
    private boolean inTrial;
    private ChargeId latestCharge;
    private boolean awaitingCharge;
    private int failures;
    private SubscriptionPostponedCharge postponedCharge;

    // events applied in a constructor reach the state only after it returns, hence andThen for what depends on them
    static void start(Subscription s, CreateSubscription command, Instant now, DeadlineManager deadlines) {
        Instant start = command.backdateStartTo() == null ? now
                : command.backdateStartTo().truncatedTo(ChronoUnit.MICROS);
        if (start.isAfter(now)) {
            throw SubscriptionRuleViolation.refused("backdate-in-future",
                    "backdateStartTo " + start + " is in the future; only past starts can be imported.");
        }
        Integer coupon = command.couponPercentOff();
        if (coupon != null && (coupon < 1 || coupon > 99)) {
            throw SubscriptionRuleViolation.refused("invalid-coupon", "couponPercentOff must be between 1 and 99.");
        }
        PlanTerms terms = command.plan();
        Money price = discounted(terms.price(), coupon);
        Instant trialEnd = terms.trialDays() > 0 ? start.plus(Duration.ofDays(terms.trialDays())) : null;
        if (trialEnd != null && now.isBefore(trialEnd)) {
            var trial = new SubscriptionPeriod(start, trialEnd);
            apply(new SubscriptionCreated(command.subscriptionId(), command.accountId(), command.tenant(),
                    new SubscriptionTerms(terms, price, coupon, command.paymentMethod()), SubscriptionStatus.TRIALING,
                    start, new BillingPosition(trial, trialEnd, -1), trialEnd, now))
                    .andThenApply(() -> new SubscriptionStarted(command.subscriptionId(), command.accountId(),
                            command.tenant(), SubscriptionStatus.TRIALING,
                            new PeriodAllowance(terms.planId(), trial, 0),
                            new Trial(terms.trialCredits(), trialEnd),
                            new PeriodPrice(terms.listPrice(), price, coupon, null), now,
                            SubscriptionStatus.TRIALING))
                    .andThen(() -> deadlines.schedule(trialEnd, Subscription.PERIOD_END, new PeriodEndDue(trialEnd)));
            return;
        }
        // an import (backdateStartTo) counts its periods from the past start; only the current one is charged
        Instant anchor = trialEnd == null ? start : trialEnd;
        long current = 0;
        while (!terms.interval().periodStart(anchor, current + 1).isAfter(now)) {
            current++;
        }
        long firstCharged = current;
        apply(new SubscriptionCreated(command.subscriptionId(), command.accountId(), command.tenant(),
                new SubscriptionTerms(terms, price, coupon, command.paymentMethod()), SubscriptionStatus.ACTIVE, start,
                new BillingPosition(periodOf(terms, anchor, current), anchor, current), trialEnd, now))
                .andThen(() -> s.schedule().requestCharge(s, terms, anchor, firstCharged, 1, now, deadlines));
    }

    void chargeCaptured(Subscription s, RecordSubscriptionChargeCaptured command, Instant now) {
        if (!awaitingCharge || !command.chargeId().equals(latestCharge)) {
            return;
        }
        if (s.status().isFinal()) {
            apply(new SubscriptionChargeVoided(s.id(), s.accountId(), s.tenant(), latestCharge, command.cardPaid(),
                    now));
            return;
        }
        var allowance = new PeriodAllowance(plan.planId(), period, plan.includedCredits());
        var pricing = new PeriodPrice(plan.listPrice(), discounted(plan.price(), couponPercentOff), couponPercentOff,
                latestCharge);
        if (started) {
            apply(new SubscriptionRenewed(s.id(), s.accountId(), s.tenant(), allowance, pricing, now,
                    s.showing(s.paidStatus())));
        } else {
            apply(new SubscriptionStarted(s.id(), s.accountId(), s.tenant(), s.paidStatus(), allowance, Trial.NONE,
                    pricing, now, s.showing(s.paidStatus())));
        }
    }

    void chargeFailed(Subscription s, RecordSubscriptionChargeFailed command, Instant now, DeadlineManager deadlines,
                      SubscriptionDunning dunning) {
        if (!awaitingCharge || !command.chargeId().equals(latestCharge) || s.status().isFinal()) {
            return;
        }
        Duration delay = dunning.delayAfterFailure(failures + 1);
        Instant nextRetryAt = delay == null ? null : now.plus(delay);
        apply(new SubscriptionPaymentFailed(s.id(), s.accountId(), s.tenant(), latestCharge, command.failureCode(),
                failures + 1, nextRetryAt, now, s.showing(SubscriptionStatus.PAST_DUE)));
        if (nextRetryAt == null) {
            apply(new SubscriptionExpired(s.id(), s.accountId(), s.tenant(), plan.planId(), latestCharge, now));
        } else {
            deadlines.schedule(nextRetryAt, Subscription.CHARGE_RETRY, new ChargeRetryDue(latestCharge));
        }
    }

    void periodEnded(Subscription s, PeriodEndDue due, Instant now, DeadlineManager deadlines) {
        if (s.status().isFinal() || !due.periodEnd().equals(period.end())) {
            return;
        }
        if (s.cancelAt() != null) {
            apply(new SubscriptionCancelled(s.id(), s.accountId(), s.tenant(),
                    SubscriptionCancellationMode.END_OF_PERIOD, CancellationRequest.NONE, period, s.cancelAt()));
        } else if (s.effectiveStatus() == SubscriptionStatus.PAST_DUE) {
            apply(new SubscriptionExpired(s.id(), s.accountId(), s.tenant(), plan.planId(), latestCharge, now));
        } else if (s.status() == SubscriptionStatus.SUSPENDED) {
            // no renewal charge while suspended (ADR 0004)
            apply(new SubscriptionChargePostponed(s.id(), SubscriptionPostponedCharge.RENEWAL, now));
        } else {
            PlanTerms next = upcomingPlan();
            boolean sameSchedule = next.interval() == plan.interval();
            requestCharge(s, next, sameSchedule ? billingAnchor : period.end(), sameSchedule ? periodNumber + 1 : 0,
                    1, now, deadlines);
        }
    }

    void retryDue(Subscription s, ChargeRetryDue due, Instant now, DeadlineManager deadlines) {
        if (s.status().isFinal() || awaitingCharge || !due.failedCharge().equals(latestCharge)) {
            return;
        }
        if (s.status() == SubscriptionStatus.SUSPENDED) {
            apply(new SubscriptionChargePostponed(s.id(), SubscriptionPostponedCharge.RETRY, now));
        } else {
            requestCharge(s, plan, billingAnchor, periodNumber, failures + 1, now, deadlines);
        }
    }

    /** The charge a suspension postponed is asked for on reinstatement; suspended time is not billed (ADR 0004). */
    void reinstated(Subscription s, Instant now, DeadlineManager deadlines) {
        if (postponedCharge == SubscriptionPostponedCharge.RENEWAL) {
            requestCharge(s, upcomingPlan(), now, 0, 1, now, deadlines);
        } else if (postponedCharge == SubscriptionPostponedCharge.RETRY) {
            requestCharge(s, plan, billingAnchor, periodNumber, failures + 1, now, deadlines);
        }
    }

    void changePlan(Subscription s, ChangeSubscriptionPlan command, Instant now) {
        PlanTerms next = command.plan();
        if (!next.price().currency().equals(plan.price().currency())) {
            throw SubscriptionRuleViolation.refused("plan-currency-mismatch", "Plan " + next.planId() + " is sold in "
                    + next.price().currency() + ", subscription " + s.id() + " in " + plan.price().currency() + ".");
        }
        if (!upcomingPlan().equals(next)) {
            apply(new SubscriptionPlanChangeScheduled(s.id(), s.accountId(), s.tenant(), next, period.end(), now));
        }
    }

    void changePaymentMethod(Subscription s, ChangeSubscriptionPaymentMethod command, Instant now) {
        if (!command.paymentMethod().equals(paymentMethod)) {
            apply(new SubscriptionPaymentMethodChanged(s.id(), command.paymentMethod(), now));
        }
    }

    /** What a withdrawn cancellation returns to: dunning, the trial, or active. */
    SubscriptionStatus statusWithoutCancellation() {
        return failures > 0 ? SubscriptionStatus.PAST_DUE
                : inTrial ? SubscriptionStatus.TRIALING : SubscriptionStatus.ACTIVE;
    }

    SubscriptionPeriod period() {
        return period;
    }

    private void requestCharge(Subscription s, PlanTerms terms, Instant anchor, long number, int attempt,
                               Instant now, DeadlineManager deadlines) {
        var chargedPeriod = periodOf(terms, anchor, number);
        ChargeId chargeId = SubscriptionChargeIds.of(s.id(), chargedPeriod.start(), attempt);
        apply(new SubscriptionChargeRequested(s.id(), s.accountId(), s.tenant(), terms,
                new BillingPosition(chargedPeriod, anchor, number),
                new PeriodCharge(chargeId, discounted(terms.price(), couponPercentOff), attempt, paymentMethod,
                        "Subscription " + s.id() + " (" + terms.planId() + "), period " + chargedPeriod.start()
                                + " – " + chargedPeriod.end()), now));
        if (attempt == 1) {
            deadlines.schedule(chargedPeriod.end(), Subscription.PERIOD_END, new PeriodEndDue(chargedPeriod.end()));
        }
    }

    private PlanTerms upcomingPlan() {
        return nextPlan == null ? plan : nextPlan;
    }

    private static SubscriptionPeriod periodOf(PlanTerms terms, Instant anchor, long number) {
        return new SubscriptionPeriod(terms.interval().periodStart(anchor, number),
                terms.interval().periodStart(anchor, number + 1));
    }

    /** The plan price less the coupon, rounded half-even to minor units. */
    static Money discounted(Money price, Integer couponPercentOff) {
        if (couponPercentOff == null) {
            return price;
        }
        long amount = BigDecimal.valueOf(price.amount()).multiply(BigDecimal.valueOf(100L - couponPercentOff))
                .divide(BigDecimal.valueOf(100), 0, RoundingMode.HALF_EVEN).longValueExact();
        return new Money(amount, price.currency());
    }

    void on(SubscriptionCreated event) {
        plan = event.plan();
        couponPercentOff = event.couponPercentOff();
        paymentMethod = event.paymentMethod();
        period = event.period();
        billingAnchor = event.billingAnchor();
        periodNumber = event.periodNumber();
        inTrial = event.status() == SubscriptionStatus.TRIALING;
    }

    void on(SubscriptionStarted event) {
        started = true;
        paid(event.chargeId());
    }

    void on(SubscriptionChargeRequested event) {
        if (event.attempt() == 1) {
            failures = 0;
        }
        plan = event.plan();
        nextPlan = null;
        period = event.period();
        billingAnchor = event.billingAnchor();
        periodNumber = event.periodNumber();
        latestCharge = event.chargeId();
        awaitingCharge = true;
        postponedCharge = null;
    }

    void on(SubscriptionRenewed event) {
        paid(event.chargeId());
        inTrial = false;
    }

    void on(SubscriptionPaymentFailed event) {
        awaitingCharge = false;
        failures = event.failures();
        inTrial = false;
    }

    void on(SubscriptionChargeVoided event) {
        awaitingCharge = false;
    }

    void on(SubscriptionChargePostponed event) {
        postponedCharge = event.charge();
    }

    void on(SubscriptionPlanChangeScheduled event) {
        nextPlan = event.plan();
    }

    void on(SubscriptionPaymentMethodChanged event) {
        paymentMethod = event.paymentMethod();
    }

    private void paid(ChargeId charge) {
        if (charge != null) {
            awaitingCharge = false;
            failures = 0;
        }
    }
}
