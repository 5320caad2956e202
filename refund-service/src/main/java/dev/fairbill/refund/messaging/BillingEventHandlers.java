package dev.fairbill.refund.messaging;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;

import java.time.Clock;

import dev.fairbill.contracts.MoneyAmount;
import dev.fairbill.contracts.Topics;
import dev.fairbill.contracts.billing.AccountOpenedV1;
import dev.fairbill.contracts.billing.TestClockAdvancedV1;
import dev.fairbill.contracts.billing.ChargeCapturedV1;
import dev.fairbill.contracts.billing.ChargeFlaggedDuplicateV1;
import dev.fairbill.contracts.billing.ChargeRefundFailedV1;
import dev.fairbill.contracts.billing.ChargeRefundReversedV1;
import dev.fairbill.contracts.billing.ChargeRefundedV1;
import dev.fairbill.contracts.billing.DisputeClosedV1;
import dev.fairbill.contracts.billing.DisputeOpenedV1;
import dev.fairbill.contracts.billing.PurchaseFulfilmentChangedV1;
import dev.fairbill.contracts.billing.PurchasePaidV1;
import dev.fairbill.contracts.billing.RefillFulfilmentChangedV1;
import dev.fairbill.contracts.billing.SubscriptionCancellationScheduledV1;
import dev.fairbill.contracts.billing.SubscriptionCancelledV1;
import dev.fairbill.contracts.billing.SubscriptionExpiredV1;
import dev.fairbill.contracts.billing.SubscriptionReinstatedV1;
import dev.fairbill.contracts.billing.SubscriptionRenewedV1;
import dev.fairbill.contracts.billing.SubscriptionStartedV1;
import dev.fairbill.contracts.billing.SubscriptionSuspendedV1;
import dev.fairbill.contracts.billing.SubscriptionTerminatedV1;
import dev.fairbill.platform.id.IdPrefix;
import dev.fairbill.platform.id.Ids;
import dev.fairbill.platform.messaging.InboundHandler;
import dev.fairbill.platform.messaging.MessagingProperties;
import dev.fairbill.platform.testclock.TestClockAccounts;
import dev.fairbill.platform.testclock.TestClockDeadlines;
import dev.fairbill.platform.testclock.TestClockFollower;
import tools.jackson.databind.json.JsonMapper;
import dev.fairbill.platform.money.Money;
import dev.fairbill.refund.ids.RefundCaseId;
import dev.fairbill.refund.query.FactStore;
import dev.fairbill.refund.query.OpenCaseTargets;
import dev.fairbill.refund.query.RefundCaseQueries;
import dev.fairbill.refund.policy.TenantPolicies;
import dev.fairbill.refund.process.RefundCaseOpener;
import dev.fairbill.refund.refundcase.RefundCaseStatus;
import dev.fairbill.refund.refundcase.RefundCaseCommands.CompleteRemedy;
import dev.fairbill.refund.refundcase.RefundCaseCommands.RecordPayoutReversal;
import dev.fairbill.refund.saga.ReportedFacts.ChargeRefundFailureReported;
import dev.fairbill.refund.saga.ReportedFacts.ChargeRefundReported;
import dev.fairbill.refund.saga.ReportedFacts.DisputeCloseReported;
import dev.fairbill.refund.saga.ReportedFacts.DisputeOpenReported;

/**
 * What refund-service does with billing's events, each applied once through the inbox: it keeps the facts it decides
 * from (it never calls another service while deciding), hands the sagas the facts they wait for on its own event bus
 * in the same transaction, and opens the refund cases a fact calls for (saga 1, saga 2).
 */
@Configuration(proxyBeanMethods = false)
class BillingEventHandlers {

    @Bean
    InboundHandler<ChargeCapturedV1> chargeCaptured(FactStore facts) {
        return InboundHandler.of(ChargeCapturedV1.TYPE, ChargeCapturedV1.class, facts::chargeCaptured);
    }

    @Bean
    InboundHandler<SubscriptionStartedV1> subscriptionStarted(FactStore facts) {
        return InboundHandler.of(SubscriptionStartedV1.TYPE, SubscriptionStartedV1.class, s ->
                facts.subscriptionPeriod(s.subscriptionId(), s.accountId(), s.tenant(), s.planId(), s.status(),
                        s.periodStart(), s.periodEnd(), s.listPrice().amount(), s.price().amount(),
                        s.price().currency(), s.couponPercentOff(), s.includedCredits(), s.chargeId()));
    }

    @Bean
    InboundHandler<SubscriptionRenewedV1> subscriptionRenewed(FactStore facts) {
        return InboundHandler.of(SubscriptionRenewedV1.TYPE, SubscriptionRenewedV1.class, s ->
                facts.subscriptionPeriod(s.subscriptionId(), s.accountId(), s.tenant(), s.planId(), "ACTIVE",
                        s.periodStart(), s.periodEnd(), s.listPrice().amount(), s.price().amount(),
                        s.price().currency(), s.couponPercentOff(), s.includedCredits(), s.chargeId()));
    }

    @Bean
    InboundHandler<SubscriptionExpiredV1> subscriptionExpired(FactStore facts) {
        return InboundHandler.of(SubscriptionExpiredV1.TYPE, SubscriptionExpiredV1.class,
                s -> facts.subscriptionStatus(s.subscriptionId(), "EXPIRED"));
    }

    @Bean
    InboundHandler<SubscriptionSuspendedV1> subscriptionSuspended(FactStore facts) {
        return InboundHandler.of(SubscriptionSuspendedV1.TYPE, SubscriptionSuspendedV1.class,
                s -> facts.subscriptionStatus(s.subscriptionId(), "SUSPENDED"));
    }

    @Bean
    InboundHandler<SubscriptionReinstatedV1> subscriptionReinstated(FactStore facts) {
        return InboundHandler.of(SubscriptionReinstatedV1.TYPE, SubscriptionReinstatedV1.class,
                s -> facts.subscriptionStatus(s.subscriptionId(), s.status()));
    }

    @Bean
    InboundHandler<SubscriptionTerminatedV1> subscriptionTerminated(FactStore facts) {
        return InboundHandler.of(SubscriptionTerminatedV1.TYPE, SubscriptionTerminatedV1.class,
                s -> facts.subscriptionStatus(s.subscriptionId(), "TERMINATED"));
    }

    @Bean
    InboundHandler<PurchasePaidV1> purchasePaid(FactStore facts) {
        return InboundHandler.of(PurchasePaidV1.TYPE, PurchasePaidV1.class, facts::purchasePaid);
    }

    @Bean
    InboundHandler<PurchaseFulfilmentChangedV1> fulfilmentChanged(FactStore facts) {
        return InboundHandler.of(PurchaseFulfilmentChangedV1.TYPE, PurchaseFulfilmentChangedV1.class,
                facts::fulfilmentChanged);
    }

    /** An account opened on a test clock has its review deadlines and dispute due dates follow that clock. */
    @Bean
    InboundHandler<AccountOpenedV1> accountOpened(FactStore facts, TestClockAccounts testClocks) {
        return InboundHandler.of(AccountOpenedV1.TYPE, AccountOpenedV1.class, opened -> {
            facts.accountOpened(opened.accountId(), opened.tenant(), opened.role(), opened.parentAccountId());
            if (opened.testClock() != null) {
                testClocks.attach(opened.accountId(), opened.testClock(), opened.tenant(), opened.openedAt());
            }
        });
    }

    /** Billing has advanced an account's test clock: its review deadlines and dispute due dates up to then fire. */
    @Bean
    TestClockFollower testClockFollower(TestClockDeadlines deadlines, KafkaTemplate<String, byte[]> kafka,
                                        JsonMapper json, MessagingProperties properties, Clock clock) {
        return new TestClockFollower("refund", Topics.REFUND_EVENTS, deadlines, kafka, json, properties, clock);
    }

    @Bean
    InboundHandler<TestClockAdvancedV1> followTestClock(TestClockFollower follower) {
        return follower.handler();
    }

    @Bean
    InboundHandler<ChargeRefundedV1> chargeRefunded(FactStore facts, EventGateway events) {
        return InboundHandler.of(ChargeRefundedV1.TYPE, ChargeRefundedV1.class, refunded -> {
            facts.chargeRefunded(refunded.chargeId(), refunded.amountRefunded().amount());
            if (isOurs(refunded.refundId())) {
                events.publish(new ChargeRefundReported(refunded.refundId(), refunded.chargeId(),
                        refunded.accountId(), money(refunded.amount()), refunded.refundedAt(),
                        refunded.toBalance() == null ? Money.zero(money(refunded.amount()).currency())
                                : money(refunded.toBalance())));
            }
        });
    }

    @Bean
    InboundHandler<ChargeRefundFailedV1> chargeRefundFailed(EventGateway events) {
        return InboundHandler.of(ChargeRefundFailedV1.TYPE, ChargeRefundFailedV1.class, failed -> {
            if (isOurs(failed.refundId())) {
                events.publish(new ChargeRefundFailureReported(failed.refundId(), failed.chargeId(),
                        failed.failureCode(), failed.failedAt()));
            }
        });
    }

    /**
     * A refund the processor reversed after billing reported it paid: the charge's refunded total goes down, and the
     * case that paid under the refund id goes back to review with the tenant's review deadline, holding its target
     * again, so no other case of the charge opens meanwhile.
     */
    @Bean
    InboundHandler<ChargeRefundReversedV1> chargeRefundReversed(FactStore facts, RefundCaseQueries cases,
                                                                OpenCaseTargets targets, TenantPolicies policies,
                                                                CommandGateway commands) {
        return InboundHandler.of(ChargeRefundReversedV1.TYPE, ChargeRefundReversedV1.class, reversed -> {
            facts.chargeRefundReversed(reversed.chargeId(), reversed.amountRefunded().amount());
            if (!isOurs(reversed.refundId())) {
                return;
            }
            cases.paidUnder(reversed.tenant(), reversed.refundId())
                    .filter(paid -> RefundCaseStatus.COMPLETED.name().equals(paid.status()))
                    .ifPresent(paid -> {
                        targets.claim(paid.tenant(), RefundCaseOpener.targetOf(paid.chargeId(), paid.targetKind(),
                                paid.targetId()), RefundCaseId.of(paid.id()));
                        commands.sendAndWait(new RecordPayoutReversal(RefundCaseId.of(paid.id()),
                                reversed.refundId(), money(reversed.amount()), reversed.failureCode(),
                                policies.forTenant(paid.tenant()).reviewDueBy(reversed.reversedAt())));
                    });
        });
    }

    /**
     * A refill a remedy asked for was delivered: its case is remedied now, not when the refill was requested. A
     * partial or failed refill leaves the case executing for an operator to finish.
     */
    @Bean
    InboundHandler<RefillFulfilmentChangedV1> refillChanged(FactStore facts, CommandGateway commands) {
        return InboundHandler.of(RefillFulfilmentChangedV1.TYPE, RefillFulfilmentChangedV1.class, changed -> {
            facts.refillChanged(changed.purchaseId(), changed.currentCount());
            if ("COMPLETED".equals(changed.status())) {
                commands.sendAndWait(new CompleteRemedy(RefundCaseId.of(changed.caseId()), null, "Refill "
                        + changed.refillId() + " delivered: " + changed.delivered() + " units.", "system"));
            }
        });
    }

    /** Saga 2: a flagged duplicate is reversed automatically; never the original. */
    @Bean
    InboundHandler<ChargeFlaggedDuplicateV1> chargeFlaggedDuplicate(FactStore facts, AutomaticRefundCases cases) {
        return InboundHandler.of(ChargeFlaggedDuplicateV1.TYPE, ChargeFlaggedDuplicateV1.class, flagged -> {
            facts.chargeFlaggedDuplicate(flagged.chargeId(), flagged.duplicateOf());
            cases.reverseDuplicate(flagged.tenant(), flagged.accountId(), flagged.chargeId(), flagged.duplicateOf(),
                    flagged.flaggedAt());
        });
    }

    @Bean
    InboundHandler<DisputeOpenedV1> disputeOpened(FactStore facts, EventGateway events) {
        return InboundHandler.of(DisputeOpenedV1.TYPE, DisputeOpenedV1.class, opened -> {
            facts.disputeOpened(opened.chargeId());
            events.publish(new DisputeOpenReported(opened.disputeId(), opened.chargeId(), opened.accountId(),
                    opened.tenant(), money(opened.amount()), opened.reason(), opened.dueBy(), opened.openedAt(),
                    facts.subResellersOf(opened.tenant(), opened.accountId())));
        });
    }

    @Bean
    InboundHandler<DisputeClosedV1> disputeClosed(FactStore facts, EventGateway events) {
        return InboundHandler.of(DisputeClosedV1.TYPE, DisputeClosedV1.class, closed -> {
            facts.disputeClosed(closed.chargeId(), "WON".equals(closed.outcome()));
            events.publish(new DisputeCloseReported(closed.disputeId(), closed.chargeId(), closed.accountId(),
                    closed.tenant(), closed.outcome(), money(closed.amount()), closed.closedAt()));
        });
    }

    /** Saga 1: "cancel and refund me" — the cancellation is billing's; the refund case is decided here. */
    @Bean
    InboundHandler<SubscriptionCancellationScheduledV1> subscriptionCancellationScheduled(
            FactStore facts, AutomaticRefundCases cases) {
        return InboundHandler.of(SubscriptionCancellationScheduledV1.TYPE, SubscriptionCancellationScheduledV1.class,
                s -> {
                    facts.subscriptionStatus(s.subscriptionId(), "CANCELLATION_SCHEDULED");
                    if (s.refundRequested() && s.refundCaseId() != null) {
                        cases.refundCancelledSubscription(s.refundCaseId(), s.tenant(), s.accountId(),
                                s.subscriptionId(), s.refundReason(), s.requestedAt());
                    }
                });
    }

    @Bean
    InboundHandler<SubscriptionCancelledV1> subscriptionCancelled(FactStore facts, AutomaticRefundCases cases) {
        return InboundHandler.of(SubscriptionCancelledV1.TYPE, SubscriptionCancelledV1.class, s -> {
            facts.subscriptionStatus(s.subscriptionId(), "CANCELLED");
            if (s.refundRequested() && s.refundCaseId() != null) {
                cases.refundCancelledSubscription(s.refundCaseId(), s.tenant(), s.accountId(), s.subscriptionId(),
                        s.refundReason(), s.cancelledAt());
            }
        });
    }

    /**
     * Refund ids and grant operations refund-service asked for itself (its own refund ids): only those are a saga's
     * answer.
     */
    static boolean isOurs(String refundId) {
        return Ids.isValid(IdPrefix.REFUND, refundId);
    }

    private static Money money(MoneyAmount amount) {
        return amount == null ? null : Money.of(amount.amount(), amount.currency());
    }
}
