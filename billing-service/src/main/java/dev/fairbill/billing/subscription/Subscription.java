package dev.fairbill.billing.subscription;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
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
import dev.fairbill.billing.ids.SubscriptionId;
import dev.fairbill.billing.subscription.BillingSchedule.ChargeRetryDue;
import dev.fairbill.billing.subscription.BillingSchedule.PeriodEndDue;
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
import dev.fairbill.billing.subscription.SubscriptionEvents.CancellationRequest;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionCancellationScheduled;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionCancellationWithdrawn;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionCancelled;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionChargePostponed;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionChargeRequested;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionChargeVoided;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionCreated;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionExpired;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionPaymentFailed;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionPaymentMethodChanged;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionPlanChangeScheduled;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionRenewed;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionStarted;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionSuspensionLifted;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionSuspensionPlaced;
import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionTerminated;
import dev.fairbill.platform.axon.naming.StoredAs;
import dev.fairbill.platform.testclock.OnTestClock;

/**
 * A customer's subscription to a plan (docs/domain.md, subscription lifecycle): its status, cancellation and
 * suspensions here, its periods, charges and dunning in its {@link BillingSchedule} (ADR 0004).
 */
@StoredAs("billing.Subscription")
@Aggregate
public class Subscription implements OnTestClock {

    static final String PERIOD_END = "subscription-period-end";
    static final String CHARGE_RETRY = "subscription-charge-retry";

    @AggregateIdentifier
    private SubscriptionId id;
    private AccountId accountId;
    private String tenant;
    private SubscriptionStatus status;
    private SubscriptionStatus statusBeforeSuspension;
    private final Set<SubscriptionSuspension> suspensions = new LinkedHashSet<>();
    private Instant cancelAt;
    private final BillingSchedule schedule = new BillingSchedule();

    protected Subscription() {
    }

    @CommandHandler
    public Subscription(CreateSubscription command, Clock clock, DeadlineManager deadlines) {
        BillingSchedule.start(this, command, now(clock), deadlines);
    }

    @CommandHandler
    void handle(RecordSubscriptionChargeCaptured command, Clock clock) {
        schedule.chargeCaptured(this, command, now(clock));
    }

    @CommandHandler
    void handle(RecordSubscriptionChargeFailed command, Clock clock, DeadlineManager deadlines,
                SubscriptionDunning dunning) {
        schedule.chargeFailed(this, command, now(clock), deadlines, dunning);
    }

    @CommandHandler
    void handle(CancelSubscription command, Clock clock) {
        requireNotEnded("cancel");
        Instant now = now(clock);
        SubscriptionPeriod period = schedule.period();
        var request = new CancellationRequest(command.reason(), command.refundRequested(), command.refundReason(),
                command.refundCaseId());
        // an unpaid (PAST_DUE) period has nothing to keep until its end, so it ends now in either mode (ADR 0004)
        if (command.mode() == SubscriptionCancellationMode.IMMEDIATE
                || effectiveStatus() == SubscriptionStatus.PAST_DUE) {
            apply(new SubscriptionCancelled(id, accountId, tenant, command.mode(), request, period, now));
            return;
        }
        if (cancelAt != null) {
            throw SubscriptionRuleViolation.illegalTransition("cancellation-already-scheduled",
                    "Subscription " + id + " is already cancelled at the end of its period, " + cancelAt + ".");
        }
        apply(new SubscriptionCancellationScheduled(id, accountId, tenant, period.end(), request, now,
                showing(SubscriptionStatus.CANCELLATION_SCHEDULED)));
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
        SubscriptionStatus back = schedule.statusWithoutCancellation();
        apply(new SubscriptionCancellationWithdrawn(id, accountId, tenant, back, now, showing(back)));
    }

    @CommandHandler
    void handle(ChangeSubscriptionPlan command, Clock clock) {
        requireNotEnded("change the plan of");
        schedule.changePlan(this, command, now(clock));
    }

    @CommandHandler
    void handle(ChangeSubscriptionPaymentMethod command, Clock clock) {
        requireNotEnded("change the payment method of");
        schedule.changePaymentMethod(this, command, now(clock));
    }

    /** A suspension of the account is mirrored here, once per reason and reference. */
    @CommandHandler
    void handle(PlaceSubscriptionSuspension command, Clock clock) {
        var suspension = new SubscriptionSuspension(command.reason(), command.reference());
        if (!status.isFinal() && !suspensions.contains(suspension)) {
            apply(new SubscriptionSuspensionPlaced(id, accountId, tenant, command.reason(), command.reference(),
                    suspensions.isEmpty(), status, now(clock)));
        }
    }

    /** Lifting the last suspension reinstates the subscription and asks for the charge it postponed. */
    @CommandHandler
    void handle(LiftSubscriptionSuspension command, Clock clock, DeadlineManager deadlines) {
        var suspension = new SubscriptionSuspension(command.reason(), command.reference());
        if (status.isFinal() || !suspensions.contains(suspension)) {
            return;
        }
        Instant now = now(clock);
        boolean last = suspensions.size() == 1;
        apply(new SubscriptionSuspensionLifted(id, accountId, tenant, command.reason(), command.reference(),
                last ? statusBeforeSuspension : null, now));
        if (last) {
            schedule.reinstated(this, now, deadlines);
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
        schedule.periodEnded(this, due, now(clock), deadlines);
    }

    @DeadlineHandler(deadlineName = CHARGE_RETRY)
    void retryDue(ChargeRetryDue due, Clock clock, DeadlineManager deadlines) {
        schedule.retryDue(this, due, now(clock), deadlines);
    }

    /** Instants at PostgreSQL's precision, so events, read model and API show the same period boundaries. */
    /** Its commands and deadlines run at the time of its account's test clock, when the account is on one. */
    @Override
    public String testClockAccount() {
        return accountId == null ? FROM_MESSAGE : accountId.value();
    }

    private static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private void requireNotEnded(String action) {
        if (status.isFinal()) {
            throw SubscriptionRuleViolation.illegalTransition("subscription-ended",
                    "Cannot " + action + " subscription " + id + ": it is " + status + ".");
        }
    }

    SubscriptionId id() {
        return id;
    }

    AccountId accountId() {
        return accountId;
    }

    String tenant() {
        return tenant;
    }

    SubscriptionStatus status() {
        return status;
    }

    Instant cancelAt() {
        return cancelAt;
    }

    BillingSchedule schedule() {
        return schedule;
    }

    /** The state the subscription is in, or returns to once every suspension is lifted. */
    SubscriptionStatus effectiveStatus() {
        return status == SubscriptionStatus.SUSPENDED ? statusBeforeSuspension : status;
    }

    /** What the subscription shows once it moves to {@code next}: still SUSPENDED while suspended. */
    SubscriptionStatus showing(SubscriptionStatus next) {
        return status == SubscriptionStatus.SUSPENDED ? SubscriptionStatus.SUSPENDED : next;
    }

    /** What a paid period makes it: active, or active until its scheduled cancellation. */
    SubscriptionStatus paidStatus() {
        return cancelAt != null ? SubscriptionStatus.CANCELLATION_SCHEDULED : SubscriptionStatus.ACTIVE;
    }

    /** Replays the subscription's events: its status and suspensions here, its billing schedule in its part. */
    @EventSourcingHandler
    void on(Object event) {
        switch (event) {
            case SubscriptionCreated e -> {
                id = e.subscriptionId();
                accountId = e.accountId();
                tenant = e.tenant();
                status = e.status();
                schedule.on(e);
            }
            case SubscriptionStarted e -> {
                schedule.on(e);
                moveTo(e.status());
            }
            case SubscriptionRenewed e -> {
                schedule.on(e);
                moveTo(paidStatus());
            }
            case SubscriptionPaymentFailed e -> {
                schedule.on(e);
                moveTo(SubscriptionStatus.PAST_DUE);
            }
            case SubscriptionChargeRequested e -> schedule.on(e);
            case SubscriptionChargeVoided e -> schedule.on(e);
            case SubscriptionChargePostponed e -> schedule.on(e);
            case SubscriptionPlanChangeScheduled e -> schedule.on(e);
            case SubscriptionPaymentMethodChanged e -> schedule.on(e);
            case SubscriptionCancellationScheduled e -> {
                cancelAt = e.cancelAt();
                moveTo(SubscriptionStatus.CANCELLATION_SCHEDULED);
            }
            case SubscriptionCancellationWithdrawn e -> {
                cancelAt = null;
                moveTo(e.status());
            }
            case SubscriptionSuspensionPlaced e -> {
                suspensions.add(new SubscriptionSuspension(e.reason(), e.reference()));
                if (e.suspended()) {
                    statusBeforeSuspension = e.statusBefore();
                    status = SubscriptionStatus.SUSPENDED;
                }
            }
            case SubscriptionSuspensionLifted e -> {
                suspensions.remove(new SubscriptionSuspension(e.reason(), e.reference()));
                if (e.reinstatedTo() != null) {
                    status = e.reinstatedTo();
                    statusBeforeSuspension = null;
                }
            }
            case SubscriptionExpired e -> status = SubscriptionStatus.EXPIRED;
            case SubscriptionCancelled e -> status = SubscriptionStatus.CANCELLED;
            case SubscriptionTerminated e -> status = SubscriptionStatus.TERMINATED;
            default -> {
            }
        }
    }

    private void moveTo(SubscriptionStatus next) {
        if (status == SubscriptionStatus.SUSPENDED) {
            statusBeforeSuspension = next;
        } else {
            status = next;
        }
    }
}
