package dev.fairbill.ledger.messaging;

import java.time.Clock;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;

import dev.fairbill.contracts.Topics;
import dev.fairbill.contracts.billing.AccountOpenedV1;
import dev.fairbill.contracts.billing.TestClockAdvancedV1;
import dev.fairbill.contracts.billing.AccountReinstatedV1;
import dev.fairbill.contracts.billing.AccountSuspendedV1;
import dev.fairbill.contracts.billing.ChargeCapturedV1;
import dev.fairbill.contracts.billing.ChargeFailedV1;
import dev.fairbill.contracts.billing.ChargeRefundFailedV1;
import dev.fairbill.contracts.billing.ChargeRefundReversedV1;
import dev.fairbill.contracts.billing.ChargeRefundedV1;
import dev.fairbill.contracts.billing.PurchasePaidV1;
import dev.fairbill.contracts.billing.SubscriptionCancelledV1;
import dev.fairbill.contracts.billing.SubscriptionExpiredV1;
import dev.fairbill.contracts.billing.SubscriptionRenewedV1;
import dev.fairbill.contracts.billing.SubscriptionStartedV1;
import dev.fairbill.contracts.billing.SubscriptionTerminatedV1;
import dev.fairbill.contracts.ledger.ApplyCashBalanceRequestedV1;
import dev.fairbill.ledger.ledger.CreditUnit;
import dev.fairbill.ledger.ledger.LedgerCommands.ApplyCashBalance;
import dev.fairbill.ledger.ledger.LedgerCommands.ForfeitAllowance;
import dev.fairbill.ledger.ledger.LedgerCommands.FreezeLedger;
import dev.fairbill.ledger.ledger.LedgerCommands.GrantLot;
import dev.fairbill.ledger.ledger.LedgerCommands.RecordWithdrawalRefund;
import dev.fairbill.ledger.ledger.LedgerCommands.RecordWithdrawalRefundReversal;
import dev.fairbill.ledger.ledger.LedgerCommands.RestoreCashBalance;
import dev.fairbill.ledger.ledger.LedgerCommands.UnfreezeLedger;
import dev.fairbill.ledger.ledger.LedgerId;
import dev.fairbill.ledger.ledger.LotId;
import dev.fairbill.ledger.ledger.LotSource;
import dev.fairbill.ledger.ledger.OpenLedger;
import dev.fairbill.ledger.query.CapturedCharges;
import dev.fairbill.platform.messaging.InboundHandler;
import dev.fairbill.platform.messaging.MessagingProperties;
import dev.fairbill.platform.testclock.TestClockAccounts;
import dev.fairbill.platform.testclock.TestClockDeadlines;
import dev.fairbill.platform.testclock.TestClockFollower;
import dev.fairbill.platform.testclock.TestTime;
import tools.jackson.databind.json.JsonMapper;
import dev.fairbill.platform.money.Money;

/**
 * What the ledger does with billing's events, and its requests to pay a charge from cash balance, each applied once
 * through the inbox. Lots granted from a fact take their
 * id from it, so even a fact that reached the ledger twice under two message ids grants once.
 */
@Configuration(proxyBeanMethods = false)
class BillingEventHandlers {

    /** Billing suspends an account for a dispute or an operator: its ledger freezes until it is reinstated. */
    static final String SUSPENSION = "ACCOUNT_SUSPENDED";

    /** A cash lot granted through the API must name a charge billing captured for its account. */
    @Bean
    InboundHandler<ChargeCapturedV1> rememberCapturedCharge(CapturedCharges charges) {
        return InboundHandler.of(ChargeCapturedV1.TYPE, ChargeCapturedV1.class, charges::remember);
    }

    /** An account opened on a test clock keeps its ledger at that clock's time. */
    @Bean
    InboundHandler<AccountOpenedV1> openLedgerOnAccountOpened(CommandGateway commands, TestClockAccounts testClocks) {
        return InboundHandler.of(AccountOpenedV1.TYPE, AccountOpenedV1.class, opened -> {
            var open = new OpenLedger(LedgerId.of(opened.accountId()), opened.tenant(), opened.role(),
                    opened.parentAccountId(), opened.testClock());
            if (opened.testClock() == null) {
                commands.sendAndWait(open);
                return;
            }
            testClocks.attach(opened.accountId(), opened.testClock(), opened.tenant(), opened.openedAt());
            TestTime.at(opened.accountId(), opened.openedAt(), () -> commands.sendAndWait(open));
        });
    }

    /** Billing has advanced an account's test clock: its lot expiries and hold time-outs up to then fire. */
    @Bean
    TestClockFollower testClockFollower(TestClockDeadlines deadlines, KafkaTemplate<String, byte[]> kafka,
                                        JsonMapper json, MessagingProperties properties, Clock clock) {
        return new TestClockFollower("ledger", Topics.LEDGER_EVENTS, deadlines, kafka, json, properties, clock);
    }

    @Bean
    InboundHandler<TestClockAdvancedV1> followTestClock(TestClockFollower follower) {
        return follower.handler();
    }

    /**
     * A paid period grants its included credits as allowance (final-sale-duplicates-refunded §3.1: they do not expire
     * while the
     * subscription is active); a trial grants its trial credits until the trial ends (final-sale-duplicates-refunded
     * §3.3).
     */
    @Bean
    InboundHandler<SubscriptionStartedV1> grantOnSubscriptionStarted(CommandGateway commands, Clock clock) {
        return InboundHandler.of(SubscriptionStartedV1.TYPE, SubscriptionStartedV1.class, started -> {
            if (started.includedCredits() > 0) {
                grantAllowance(commands, started.accountId(), started.subscriptionId(),
                        started.periodStart().toString(), started.includedCredits(), started.chargeId());
            }
            if (started.trialCredits() > 0 && started.trialEndsAt() != null
                    && started.trialEndsAt().isAfter(clock.instant())) {
                String operation = "trial:" + started.subscriptionId();
                commands.sendAndWait(new GrantLot(LedgerId.of(started.accountId()), operation,
                        LotId.derive(operation), CreditUnit.CREDIT, LotSource.TRIAL, started.trialCredits(),
                        started.trialEndsAt(), started.subscriptionId(), null, started.subscriptionId()));
            }
        });
    }

    @Bean
    InboundHandler<SubscriptionRenewedV1> grantOnSubscriptionRenewed(CommandGateway commands) {
        return InboundHandler.of(SubscriptionRenewedV1.TYPE, SubscriptionRenewedV1.class, renewed -> {
            if (renewed.includedCredits() > 0) {
                grantAllowance(commands, renewed.accountId(), renewed.subscriptionId(),
                        renewed.periodStart().toString(), renewed.includedCredits(), renewed.chargeId());
            }
        });
    }

    private static void grantAllowance(CommandGateway commands, String accountId, String subscriptionId,
                                       String period, long credits, String chargeId) {
        String operation = "allowance:" + subscriptionId + ":" + period;
        commands.sendAndWait(new GrantLot(LedgerId.of(accountId), operation, LotId.derive(operation),
                CreditUnit.CREDIT, LotSource.SUBSCRIPTION_ALLOWANCE, credits, null, subscriptionId, chargeId,
                subscriptionId));
    }

    /** final-sale-duplicates-refunded §3.1: on cancellation or expiry, unused subscription credits are forfeited. */
    @Bean
    InboundHandler<SubscriptionCancelledV1> forfeitOnSubscriptionCancelled(CommandGateway commands) {
        return InboundHandler.of(SubscriptionCancelledV1.TYPE, SubscriptionCancelledV1.class, cancelled ->
                commands.sendAndWait(new ForfeitAllowance(LedgerId.of(cancelled.accountId()),
                        cancelled.subscriptionId(), "subscription cancelled " + cancelled.mode())));
    }

    @Bean
    InboundHandler<SubscriptionExpiredV1> forfeitOnSubscriptionExpired(CommandGateway commands) {
        return InboundHandler.of(SubscriptionExpiredV1.TYPE, SubscriptionExpiredV1.class, expired ->
                commands.sendAndWait(new ForfeitAllowance(LedgerId.of(expired.accountId()),
                        expired.subscriptionId(), "subscription expired")));
    }

    @Bean
    InboundHandler<SubscriptionTerminatedV1> forfeitOnSubscriptionTerminated(CommandGateway commands) {
        return InboundHandler.of(SubscriptionTerminatedV1.TYPE, SubscriptionTerminatedV1.class, terminated ->
                commands.sendAndWait(new ForfeitAllowance(LedgerId.of(terminated.accountId()),
                        terminated.subscriptionId(), "subscription terminated")));
    }

    /**
     * final-sale-reseller §5, final-sale-duplicates-refunded §3.2: bought credits are granted once paid and never
     * expire.
     */
    @Bean
    InboundHandler<PurchasePaidV1> grantOnPurchasePaid(CommandGateway commands) {
        return InboundHandler.of(PurchasePaidV1.TYPE, PurchasePaidV1.class, paid -> {
            if (paid.credits() > 0) {
                String operation = "purchase:" + paid.purchaseId();
                commands.sendAndWait(new GrantLot(LedgerId.of(paid.accountId()), operation, LotId.derive(operation),
                        CreditUnit.CREDIT, LotSource.PURCHASED, paid.credits(), null, paid.purchaseId(),
                        paid.chargeId(), null));
            }
        });
    }

    /** Freeze: while the account is suspended, consumption and transfers are refused. */
    @Bean
    InboundHandler<AccountSuspendedV1> freezeOnAccountSuspended(CommandGateway commands) {
        return InboundHandler.of(AccountSuspendedV1.TYPE, AccountSuspendedV1.class, suspended ->
                commands.sendAndWait(new FreezeLedger(LedgerId.of(suspended.accountId()), SUSPENSION,
                        suspended.accountId())));
    }

    @Bean
    InboundHandler<AccountReinstatedV1> unfreezeOnAccountReinstated(CommandGateway commands) {
        return InboundHandler.of(AccountReinstatedV1.TYPE, AccountReinstatedV1.class, reinstated ->
                commands.sendAndWait(new UnfreezeLedger(LedgerId.of(reinstated.accountId()), SUSPENSION,
                        reinstated.accountId())));
    }

    /** A charge that cash balance was applied to failed: the balance comes back (nothing when none was applied). */
    @Bean
    InboundHandler<ChargeFailedV1> restoreCashOnChargeFailed(CommandGateway commands) {
        return InboundHandler.of(ChargeFailedV1.TYPE, ChargeFailedV1.class, failed ->
                commands.sendAndWait(new RestoreCashBalance(LedgerId.of(failed.accountId()), failed.chargeId())));
    }

    /**
     * Billing's answers to the refunds a withdrawal asked for; and the part of any refund that goes back to the cash
     * balance that paid it (ADR 0010), as a {@code REFUND_BALANCE} lot granted once per refund id.
     */
    @Bean
    InboundHandler<ChargeRefundedV1> chargeRefunded(CommandGateway commands) {
        return InboundHandler.of(ChargeRefundedV1.TYPE, ChargeRefundedV1.class, refunded -> {
            if (refunded.toBalance() != null && refunded.toBalance().amount() > 0) {
                String operation = "refund-balance:" + refunded.refundId();
                commands.sendAndWait(new GrantLot(LedgerId.of(refunded.accountId()), operation,
                        LotId.derive(operation), CreditUnit.of(refunded.toBalance().currency()),
                        LotSource.REFUND_BALANCE, refunded.toBalance().amount(), null, refunded.refundId(),
                        refunded.chargeId(), null));
            }
            commands.sendAndWait(new RecordWithdrawalRefund(LedgerId.of(refunded.accountId()),
                    refunded.refundId(), null));
        });
    }

    @Bean
    InboundHandler<ChargeRefundFailedV1> withdrawalRefundFailed(CommandGateway commands) {
        return InboundHandler.of(ChargeRefundFailedV1.TYPE, ChargeRefundFailedV1.class, failed ->
                commands.sendAndWait(new RecordWithdrawalRefund(LedgerId.of(failed.accountId()), failed.refundId(),
                        failed.failureCode())));
    }

    /** A withdrawal part whose refund the processor reversed comes back to the cash balance (nothing otherwise). */
    @Bean
    InboundHandler<ChargeRefundReversedV1> withdrawalRefundReversed(CommandGateway commands) {
        return InboundHandler.of(ChargeRefundReversedV1.TYPE, ChargeRefundReversedV1.class, reversed ->
                commands.sendAndWait(new RecordWithdrawalRefundReversal(LedgerId.of(reversed.accountId()),
                        reversed.refundId(), reversed.failureCode())));
    }

    /** Billing asks the ledger to pay a charge from the account's cash balance first (ADR 0010). */
    @Bean
    InboundHandler<ApplyCashBalanceRequestedV1> applyCashBalanceRequests(CommandGateway commands) {
        return InboundHandler.of(ApplyCashBalanceRequestedV1.TYPE, ApplyCashBalanceRequestedV1.class, apply ->
                WaitForLedger.send(commands, new ApplyCashBalance(LedgerId.of(apply.accountId()), apply.chargeId(),
                        Money.of(apply.amount().amount(), apply.amount().currency()))));
    }
}
