package dev.fairbill.ledger.messaging;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.fairbill.contracts.ledger.ApplyCashBalanceRequestedV1;
import dev.fairbill.contracts.ledger.ClawBackCreditsRequestedV1;
import dev.fairbill.contracts.ledger.ForfeitAllowanceRequestedV1;
import dev.fairbill.contracts.ledger.FreezeLedgerRequestedV1;
import dev.fairbill.contracts.ledger.GrantCreditsRequestedV1;
import dev.fairbill.contracts.ledger.UnfreezeLedgerRequestedV1;
import dev.fairbill.contracts.ledger.WithdrawCashBalanceRequestedV1;
import dev.fairbill.ledger.domain.CreditUnit;
import dev.fairbill.ledger.domain.LedgerCommands.ApplyCashBalance;
import dev.fairbill.ledger.domain.LedgerCommands.ClawBackCredits;
import dev.fairbill.ledger.domain.LedgerCommands.ForfeitAllowance;
import dev.fairbill.ledger.domain.LedgerCommands.FreezeLedger;
import dev.fairbill.ledger.domain.LedgerCommands.GrantLot;
import dev.fairbill.ledger.domain.LedgerCommands.UnfreezeLedger;
import dev.fairbill.ledger.domain.LedgerCommands.WithdrawCashBalance;
import dev.fairbill.ledger.domain.LedgerId;
import dev.fairbill.ledger.domain.LotId;
import dev.fairbill.ledger.domain.LotSource;
import dev.fairbill.platform.messaging.InboundHandler;
import dev.fairbill.platform.money.Money;

/**
 * Requests from billing and the refund sagas on {@code fairbill.ledger.requests.v1}, each applied once through the
 * inbox and, because each names its operation, once in the ledger too. A request the ledger's rules refuse fails the
 * message, which is retried and then parked on the dead-letter topic for an operator.
 */
@Configuration(proxyBeanMethods = false)
class LedgerRequestHandlers {

    /** The namespace of grants other services request, apart from API and billing-fact grants. */
    static final String REQUESTED = "request:";

    @Bean
    InboundHandler<GrantCreditsRequestedV1> grantRequests(CommandGateway commands) {
        return InboundHandler.of(GrantCreditsRequestedV1.TYPE, GrantCreditsRequestedV1.class, grant -> {
            String operation = REQUESTED + grant.operationId();
            commands.sendAndWait(new GrantLot(LedgerId.of(grant.accountId()), operation, LotId.derive(operation),
                    CreditUnit.of(grant.unit()), LotSource.valueOf(grant.source()), grant.amount(),
                    grant.expiresAt(), grant.reference(), grant.chargeId(), null));
        });
    }

    @Bean
    InboundHandler<ApplyCashBalanceRequestedV1> applyCashBalanceRequests(CommandGateway commands) {
        return InboundHandler.of(ApplyCashBalanceRequestedV1.TYPE, ApplyCashBalanceRequestedV1.class, apply ->
                commands.sendAndWait(new ApplyCashBalance(LedgerId.of(apply.accountId()), apply.chargeId(),
                        Money.of(apply.amount().amount(), apply.amount().currency()))));
    }

    @Bean
    InboundHandler<ClawBackCreditsRequestedV1> clawBackRequests(CommandGateway commands) {
        return InboundHandler.of(ClawBackCreditsRequestedV1.TYPE, ClawBackCreditsRequestedV1.class, clawBack ->
                commands.sendAndWait(new ClawBackCredits(LedgerId.of(clawBack.accountId()), clawBack.chargeId(),
                        clawBack.disputeId())));
    }

    @Bean
    InboundHandler<ForfeitAllowanceRequestedV1> forfeitRequests(CommandGateway commands) {
        return InboundHandler.of(ForfeitAllowanceRequestedV1.TYPE, ForfeitAllowanceRequestedV1.class, forfeit ->
                commands.sendAndWait(new ForfeitAllowance(LedgerId.of(forfeit.accountId()),
                        forfeit.subscriptionId(), forfeit.reason())));
    }

    @Bean
    InboundHandler<FreezeLedgerRequestedV1> freezeRequests(CommandGateway commands) {
        return InboundHandler.of(FreezeLedgerRequestedV1.TYPE, FreezeLedgerRequestedV1.class, freeze ->
                commands.sendAndWait(new FreezeLedger(LedgerId.of(freeze.accountId()), freeze.reason(),
                        freeze.reference())));
    }

    @Bean
    InboundHandler<UnfreezeLedgerRequestedV1> unfreezeRequests(CommandGateway commands) {
        return InboundHandler.of(UnfreezeLedgerRequestedV1.TYPE, UnfreezeLedgerRequestedV1.class, unfreeze ->
                commands.sendAndWait(new UnfreezeLedger(LedgerId.of(unfreeze.accountId()), unfreeze.reason(),
                        unfreeze.reference())));
    }

    @Bean
    InboundHandler<WithdrawCashBalanceRequestedV1> withdrawRequests(CommandGateway commands) {
        return InboundHandler.of(WithdrawCashBalanceRequestedV1.TYPE, WithdrawCashBalanceRequestedV1.class,
                withdraw -> commands.sendAndWait(new WithdrawCashBalance(LedgerId.of(withdraw.accountId()),
                        withdraw.withdrawalId(), Money.of(withdraw.amount().amount(), withdraw.amount().currency()))));
    }
}
