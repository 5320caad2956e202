package dev.fairbill.billing.subscription;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.Set;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import dev.fairbill.billing.ids.AccountId;
import dev.fairbill.billing.ids.ChargeId;
import dev.fairbill.billing.ids.SubscriptionId;
import dev.fairbill.billing.subscription.SubscriptionCommands.CancelSubscription;
import dev.fairbill.billing.subscription.SubscriptionCommands.ChangeSubscriptionPaymentMethod;
import dev.fairbill.billing.subscription.SubscriptionCommands.ChangeSubscriptionPlan;
import dev.fairbill.billing.subscription.SubscriptionCommands.CreateSubscription;
import dev.fairbill.billing.subscription.SubscriptionCommands.LiftSubscriptionSuspension;
import dev.fairbill.billing.subscription.SubscriptionCommands.PlaceSubscriptionSuspension;
import dev.fairbill.billing.subscription.SubscriptionCommands.RecordSubscriptionChargeCaptured;
import dev.fairbill.billing.subscription.SubscriptionCommands.RecordSubscriptionChargeFailed;
import dev.fairbill.billing.subscription.SubscriptionCommands.TerminateSubscription;
import dev.fairbill.billing.subscription.SubscriptionCommands.WithdrawSubscriptionCancellation;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionCancellationScheduled;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionCancellationWithdrawn;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionCancelled;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionChargePostponed;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionChargeRequested;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionChargeVoided;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionCreated;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionExpired;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionSuspensionLifted;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionSuspensionPlaced;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionPaymentFailed;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionPaymentMethodChanged;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionPlanChangeScheduled;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionRenewed;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionStarted;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionTerminated;
import dev.fairbill.platform.axon.naming.StoredAs;
import dev.fairbill.platform.money.Money;

/**
 * A customer's subscription to a plan (docs/domain.md, subscription lifecycle). Period ends and dunning retries are
 * persistent deadlines; each carries what it was scheduled for and is ignored when the subscription has moved on, so
 * no deadline ever needs cancelling. Charges are asked for with {@link SubscriptionChargeRequested} and their
 * outcome comes back as a command; see ADR 0004 for the billing rules it keeps.
 */
@StoredAs("billing.Subscription")
@Aggregate
public class Subscription {

    static final String PERIOD_END = "subscription-period-end";
    static final String CHARGE_RETRY = "subscription-charge-retry";

    /** Payload of the deadline at the end of a trial or billing period. */
    @StoredAs("billing.PeriodEndDue")
    public record PeriodEndDue(Instant periodEnd) {
    }

    /** Payload of a dunning retry after {@code failedCharge} failed. */
    @StoredAs("billing.ChargeRetryDue")
    public record ChargeRetryDue(ChargeId failedCharge) {
    }

    @AggregateIdentifier
    private SubscriptionId id;
    private AccountId accountId;
    private String tenant;
    private SubscriptionStatus status;
    private SubscriptionStatus statusBeforeSuspension;
    private PlanTerms plan;
    private PlanTerms nextPlan;
    private Integer couponPercentOff;
    private String paymentMethod;
    private SubscriptionPeriod period;
    private Instant billingAnchor;
    private long periodNumber;
    private boolean started;
    private boolean inTrial;
    private Instant cancelAt;
    private ChargeId latestCharge;
    private boolean awaitingCharge;
    private int failures;
    private SubscriptionPostponedCharge postponedCharge;
    private final Set<SubscriptionSuspension> holds = new LinkedHashSet<>();

    protected Subscription() {
    }

    // events applied in a constructor reach the state only after it returns, hence andThen for what depends on them
    @CommandHandler
    public Subscription(CreateSubscription command, Clock clock, DeadlineManager deadlines) {
        Instant now = now(clock);
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
            apply(new SubscriptionCreated(command.subscriptionId(), command.accountId(), command.tenant(), terms,
                    price, coupon, command.paymentMethod(), SubscriptionStatus.TRIALING, start, trial, trialEnd,
                    trialEnd, -1, now))
                    .andThenApply(() -> new SubscriptionStarted(command.subscriptionId(), command.accountId(),
                            command.tenant(), terms.planId(), SubscriptionStatus.TRIALING, trial, 0,
                            terms.trialCredits(), trialEnd, terms.listPrice(), price, coupon, null, now))
                    .andThen(() -> deadlines.schedule(trialEnd, PERIOD_END, new PeriodEndDue(trialEnd)));
            return;
        }
        // an import (backdateStartTo) counts its periods from the past start; only the current one is charged
        Instant anchor = trialEnd == null ? start : trialEnd;
        long current = 0;
        while (!terms.interval().periodStart(anchor, current + 1).isAfter(now)) {
            current++;
        }
        long firstCharged = current;
        var currentPeriod = periodOf(terms, anchor, current);
        apply(new SubscriptionCreated(command.subscriptionId(), command.accountId(), command.tenant(), terms, price,
                coupon, command.paymentMethod(), SubscriptionStatus.ACTIVE, start, currentPeriod, trialEnd, anchor,
                current, now))
                .andThen(() -> requestCharge(terms, anchor, firstCharged, 1, now, deadlines));
    }

    @CommandHandler
    void handle(RecordSubscriptionChargeCaptured command, Clock clock) {
        if (!awaitingCharge || !command.chargeId().equals(latestCharge)) {
            return;
        }
        Instant now = now(clock);
        if (status.isFinal()) {
            apply(new SubscriptionChargeVoided(id, accountId, tenant, latestCharge, command.cardPaid(), now));
            return;
        }
        Money price = discounted(plan.price(), couponPercentOff);
        if (started) {
            apply(new SubscriptionRenewed(id, accountId, tenant, plan.planId(), period, plan.includedCredits(),
                    plan.listPrice(), price, couponPercentOff, latestCharge, now));
        } else {
            apply(new SubscriptionStarted(id, accountId, tenant, plan.planId(), paidStatus(), period,
                    plan.includedCredits(), 0, null, plan.listPrice(), price, couponPercentOff, latestCharge, now));
        }
    }

    @CommandHandler
    void handle(RecordSubscriptionChargeFailed command, Clock clock, DeadlineManager deadlines,
                SubscriptionDunning dunning) {
        if (!awaitingCharge || !command.chargeId().equals(latestCharge) || status.isFinal()) {
            return;
        }
        Instant now = now(clock);
        Duration delay = dunning.delayAfterFailure(failures + 1);
        Instant nextRetryAt = delay == null ? null : now.plus(delay);
        apply(new SubscriptionPaymentFailed(id, accountId, tenant, latestCharge, command.failureCode(),
                failures + 1, nextRetryAt, now));
        if (nextRetryAt == null) {
            apply(new SubscriptionExpired(id, accountId, tenant, plan.planId(), latestCharge, now));
        } else {
            deadlines.schedule(nextRetryAt, CHARGE_RETRY, new ChargeRetryDue(latestCharge));
        }
    }

    @CommandHandler
    void handle(CancelSubscription command, Clock clock) {
        requireNotEnded("cancel");
        Instant now = now(clock);
        SubscriptionStatus effective = effectiveStatus();
        // an unpaid (PAST_DUE) period has nothing to keep until its end, so it ends now in either mode (ADR 0004)
        if (command.mode() == SubscriptionCancellationMode.IMMEDIATE || effective == SubscriptionStatus.PAST_DUE) {
            apply(new SubscriptionCancelled(id, accountId, tenant, command.mode(), command.reason(),
                    command.refundRequested(), command.refundReason(), command.refundCaseId(), period, now));
            return;
        }
        if (cancelAt != null) {
            throw SubscriptionRuleViolation.illegalTransition("cancellation-already-scheduled",
                    "Subscription " + id + " is already cancelled at the end of its period, " + cancelAt + ".");
        }
        apply(new SubscriptionCancellationScheduled(id, accountId, tenant, period.end(), command.reason(),
                command.refundRequested(), command.refundReason(), command.refundCaseId(), now));
    }

    @CommandHandler
    void handle(WithdrawSubscriptionCancellation command, Clock clock) {
        requireNotEnded("withdraw the cancellation of");
        Instant now = now(clock);
        if (cancelAt == null) {
            throw SubscriptionRuleViolation.illegalTransition("no-cancellation-scheduled",
                    "Subscription " + id + " has no scheduled cancellation to withdraw.");
        }
        if (!now.isBefore(cancelAt)) {
            throw SubscriptionRuleViolation.illegalTransition("cancellation-already-effective",
                    "The cancellation of subscription " + id + " took effect at " + cancelAt + ".");
        }
        apply(new SubscriptionCancellationWithdrawn(id, accountId, tenant,
                failures > 0 ? SubscriptionStatus.PAST_DUE
                        : inTrial ? SubscriptionStatus.TRIALING : SubscriptionStatus.ACTIVE, now));
    }

    @CommandHandler
    void handle(ChangeSubscriptionPlan command, Clock clock) {
        requireNotEnded("change the plan of");
        PlanTerms next = command.plan();
        if (!next.price().currency().equals(plan.price().currency())) {
            throw SubscriptionRuleViolation.refused("plan-currency-mismatch", "Plan " + next.planId() + " is sold in "
                    + next.price().currency() + ", subscription " + id + " in " + plan.price().currency() + ".");
        }
        PlanTerms upcoming = nextPlan == null ? plan : nextPlan;
        if (upcoming.equals(next)) {
            return;
        }
        apply(new SubscriptionPlanChangeScheduled(id, accountId, tenant, next, period.end(), now(clock)));
    }

    @CommandHandler
    void handle(ChangeSubscriptionPaymentMethod command, Clock clock) {
        requireNotEnded("change the payment method of");
        if (!command.paymentMethod().equals(paymentMethod)) {
            apply(new SubscriptionPaymentMethodChanged(id, command.paymentMethod(), now(clock)));
        }
    }

    @CommandHandler
    void handle(PlaceSubscriptionSuspension command, Clock clock) {
        var hold = new SubscriptionSuspension(command.reason(), command.reference());
        if (status.isFinal() || holds.contains(hold)) {
            return;
        }
        apply(new SubscriptionSuspensionPlaced(id, accountId, tenant, command.reason(), command.reference(),
                holds.isEmpty(), status, now(clock)));
    }

    @CommandHandler
    void handle(LiftSubscriptionSuspension command, Clock clock, DeadlineManager deadlines) {
        var hold = new SubscriptionSuspension(command.reason(), command.reference());
        if (status.isFinal() || !holds.contains(hold)) {
            return;
        }
        Instant now = now(clock);
        boolean last = holds.size() == 1;
        apply(new SubscriptionSuspensionLifted(id, accountId, tenant, command.reason(), command.reference(),
                last ? statusBeforeSuspension : null, now));
        if (last && postponedCharge == SubscriptionPostponedCharge.RENEWAL) {
            // the suspended time is not billed: the next period starts on reinstatement (ADR 0004)
            requestCharge(upcomingPlan(), now, 0, 1, now, deadlines);
        } else if (last && postponedCharge == SubscriptionPostponedCharge.RETRY) {
            requestCharge(plan, billingAnchor, periodNumber, failures + 1, now, deadlines);
        }
    }

    @CommandHandler
    void handle(TerminateSubscription command, Clock clock) {
        if (!status.isFinal()) {
            apply(new SubscriptionTerminated(id, accountId, tenant, command.reason(), command.reference(),
                    now(clock)));
        }
    }

    @DeadlineHandler(deadlineName = PERIOD_END)
    void periodEnded(PeriodEndDue due, Clock clock, DeadlineManager deadlines) {
        if (status.isFinal() || !due.periodEnd().equals(period.end())) {
            return;
        }
        Instant now = now(clock);
        if (cancelAt != null) {
            apply(new SubscriptionCancelled(id, accountId, tenant, SubscriptionCancellationMode.END_OF_PERIOD,
                    null, false, null, null, period, cancelAt));
        } else if (effectiveStatus() == SubscriptionStatus.PAST_DUE) {
            apply(new SubscriptionExpired(id, accountId, tenant, plan.planId(), latestCharge, now));
        } else if (status == SubscriptionStatus.SUSPENDED) {
            // no renewal charge while suspended (ADR 0004)
            apply(new SubscriptionChargePostponed(id, SubscriptionPostponedCharge.RENEWAL, now));
        } else {
            PlanTerms next = upcomingPlan();
            boolean sameSchedule = next.interval() == plan.interval();
            requestCharge(next, sameSchedule ? billingAnchor : period.end(), sameSchedule ? periodNumber + 1 : 0, 1,
                    now, deadlines);
        }
    }

    @DeadlineHandler(deadlineName = CHARGE_RETRY)
    void retryDue(ChargeRetryDue due, Clock clock, DeadlineManager deadlines) {
        if (status.isFinal() || awaitingCharge || !due.failedCharge().equals(latestCharge)) {
            return;
        }
        Instant now = now(clock);
        if (status == SubscriptionStatus.SUSPENDED) {
            apply(new SubscriptionChargePostponed(id, SubscriptionPostponedCharge.RETRY, now));
        } else {
            requestCharge(plan, billingAnchor, periodNumber, failures + 1, now, deadlines);
        }
    }

    private void requestCharge(PlanTerms terms, Instant anchor, long number, int attempt, Instant now,
                               DeadlineManager deadlines) {
        var chargedPeriod = periodOf(terms, anchor, number);
        ChargeId chargeId = SubscriptionChargeIds.of(id, chargedPeriod.start(), attempt);
        apply(new SubscriptionChargeRequested(id, accountId, tenant, chargeId, terms,
                discounted(terms.price(), couponPercentOff), chargedPeriod, anchor, number, attempt, paymentMethod,
                "Subscription " + id + " (" + terms.planId() + "), period " + chargedPeriod.start() + " – "
                        + chargedPeriod.end(), now));
        if (attempt == 1) {
            deadlines.schedule(chargedPeriod.end(), PERIOD_END, new PeriodEndDue(chargedPeriod.end()));
        }
    }

    /** Instants at PostgreSQL's precision, so events, read model and API show the same period boundaries. */
    private static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private void requireNotEnded(String action) {
        if (status.isFinal()) {
            throw SubscriptionRuleViolation.illegalTransition("subscription-ended",
                    "Cannot " + action + " subscription " + id + ": it is " + status + ".");
        }
    }

    /** The state the subscription is in, or returns to once every hold is lifted. */
    private SubscriptionStatus effectiveStatus() {
        return status == SubscriptionStatus.SUSPENDED ? statusBeforeSuspension : status;
    }

    private SubscriptionStatus paidStatus() {
        return cancelAt != null ? SubscriptionStatus.CANCELLATION_SCHEDULED : SubscriptionStatus.ACTIVE;
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

    private void moveTo(SubscriptionStatus next) {
        if (status == SubscriptionStatus.SUSPENDED) {
            statusBeforeSuspension = next;
        } else {
            status = next;
        }
    }

    @EventSourcingHandler
    void on(SubscriptionCreated event) {
        id = event.subscriptionId();
        accountId = event.accountId();
        tenant = event.tenant();
        status = event.status();
        plan = event.plan();
        couponPercentOff = event.couponPercentOff();
        paymentMethod = event.paymentMethod();
        period = event.period();
        billingAnchor = event.billingAnchor();
        periodNumber = event.periodNumber();
        inTrial = event.status() == SubscriptionStatus.TRIALING;
    }

    @EventSourcingHandler
    void on(SubscriptionStarted event) {
        started = true;
        on(event.chargeId());
        moveTo(event.status());
    }

    @EventSourcingHandler
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

    @EventSourcingHandler
    void on(SubscriptionChargeVoided event) {
        awaitingCharge = false;
    }

    @EventSourcingHandler
    void on(SubscriptionRenewed event) {
        on(event.chargeId());
        inTrial = false;
        moveTo(paidStatus());
    }

    private void on(ChargeId paid) {
        if (paid != null) {
            awaitingCharge = false;
            failures = 0;
        }
    }

    @EventSourcingHandler
    void on(SubscriptionPaymentFailed event) {
        awaitingCharge = false;
        failures = event.failures();
        inTrial = false;
        moveTo(SubscriptionStatus.PAST_DUE);
    }

    @EventSourcingHandler
    void on(SubscriptionExpired event) {
        status = SubscriptionStatus.EXPIRED;
    }

    @EventSourcingHandler
    void on(SubscriptionCancellationScheduled event) {
        cancelAt = event.cancelAt();
        moveTo(SubscriptionStatus.CANCELLATION_SCHEDULED);
    }

    @EventSourcingHandler
    void on(SubscriptionCancellationWithdrawn event) {
        cancelAt = null;
        moveTo(event.status());
    }

    @EventSourcingHandler
    void on(SubscriptionCancelled event) {
        status = SubscriptionStatus.CANCELLED;
    }

    @EventSourcingHandler
    void on(SubscriptionSuspensionPlaced event) {
        holds.add(new SubscriptionSuspension(event.reason(), event.reference()));
        if (event.suspended()) {
            statusBeforeSuspension = event.statusBefore();
            status = SubscriptionStatus.SUSPENDED;
        }
    }

    @EventSourcingHandler
    void on(SubscriptionSuspensionLifted event) {
        holds.remove(new SubscriptionSuspension(event.reason(), event.reference()));
        if (event.reinstatedTo() != null) {
            status = event.reinstatedTo();
            statusBeforeSuspension = null;
        }
    }

    @EventSourcingHandler
    void on(SubscriptionTerminated event) {
        status = SubscriptionStatus.TERMINATED;
    }

    @EventSourcingHandler
    void on(SubscriptionChargePostponed event) {
        postponedCharge = event.charge();
    }

    @EventSourcingHandler
    void on(SubscriptionPlanChangeScheduled event) {
        nextPlan = event.plan();
    }

    @EventSourcingHandler
    void on(SubscriptionPaymentMethodChanged event) {
        paymentMethod = event.paymentMethod();
    }
}
