package dev.fairbill.ledger.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.fairbill.contracts.ledger.ClawBackCreditsRequestedV1;
import dev.fairbill.contracts.ledger.ForfeitAllowanceRequestedV1;
import dev.fairbill.contracts.ledger.FreezeLedgerRequestedV1;
import dev.fairbill.contracts.ledger.GrantCreditsRequestedV1;
import dev.fairbill.contracts.ledger.UnfreezeLedgerRequestedV1;
import dev.fairbill.contracts.ledger.WithdrawCashBalanceRequestedV1;
import dev.fairbill.ledger.ledger.CreditUnit;
import dev.fairbill.ledger.ledger.LedgerCommands.ClawBackCredits;
import dev.fairbill.ledger.ledger.LedgerCommands.ForfeitAllowance;
import dev.fairbill.ledger.ledger.LedgerCommands.FreezeLedger;
import dev.fairbill.ledger.ledger.LedgerCommands.GrantLot;
import dev.fairbill.ledger.ledger.LedgerCommands.UnfreezeLedger;
import dev.fairbill.ledger.ledger.LedgerCommands.WithdrawCashBalance;
import dev.fairbill.ledger.ledger.LedgerId;
import dev.fairbill.ledger.ledger.LedgerSettings;
import dev.fairbill.ledger.ledger.LotId;
import dev.fairbill.ledger.ledger.LotSource;
import dev.fairbill.platform.messaging.InboundHandler;
import dev.fairbill.platform.money.Money;

/**
 * Requests from refund-service's sagas on {@code fairbill.ledger.requests.v1} (and the forfeit and withdrawal requests
 * any service may send there), each applied once through the inbox and, because each names its operation, once in the
 * ledger too. A request for a ledger not opened yet waits:
 * the account's opening fact travels on billing's events topic and may arrive later than a request sent after it. A
 * request the ledger's rules refuse fails the message, which is retried and then parked on the dead-letter topic for
 * an operator.
 */
@Configuration(proxyBeanMethods = false)
class RefundEventHandlers {

    /** The namespace of grants other services request, apart from API and billing-fact grants. */
    static final String REQUESTED = "request:";

    /**
     * A grant another service asks for (a remedy's service credits, a refund to the balance). Without an
     * {@code expiresAt} it expires as the tenant's setting for its source says, like a grant through the API.
     */
    @Bean
    InboundHandler<GrantCreditsRequestedV1> grantRequests(CommandGateway commands, LedgerSettings settings,
                                                          Clock clock) {
        return InboundHandler.of(GrantCreditsRequestedV1.TYPE, GrantCreditsRequestedV1.class, grant -> {
            String operation = REQUESTED + grant.operationId();
            LotSource source = LotSource.valueOf(grant.source());
            Duration expiry = settings.tenant(grant.tenant()).grantExpiry().get(source);
            Instant expiresAt = grant.expiresAt() != null || expiry == null ? grant.expiresAt()
                    : clock.instant().plus(expiry);
            WaitForLedger.send(commands, new GrantLot(LedgerId.of(grant.accountId()), operation, LotId.derive(operation),
                    CreditUnit.of(grant.unit()), source, grant.amount(), expiresAt, grant.reference(),
                    grant.chargeId(), null));
        });
    }

    @Bean
    InboundHandler<ClawBackCreditsRequestedV1> clawBackRequests(CommandGateway commands) {
        return InboundHandler.of(ClawBackCreditsRequestedV1.TYPE, ClawBackCreditsRequestedV1.class, clawBack ->
                WaitForLedger.send(commands, new ClawBackCredits(LedgerId.of(clawBack.accountId()), clawBack.chargeId(),
                        clawBack.disputeId())));
    }

    @Bean
    InboundHandler<ForfeitAllowanceRequestedV1> forfeitRequests(CommandGateway commands) {
        return InboundHandler.of(ForfeitAllowanceRequestedV1.TYPE, ForfeitAllowanceRequestedV1.class, forfeit ->
                WaitForLedger.send(commands, new ForfeitAllowance(LedgerId.of(forfeit.accountId()),
                        forfeit.subscriptionId(), forfeit.reason())));
    }

    @Bean
    InboundHandler<FreezeLedgerRequestedV1> freezeRequests(CommandGateway commands) {
        return InboundHandler.of(FreezeLedgerRequestedV1.TYPE, FreezeLedgerRequestedV1.class, freeze ->
                WaitForLedger.send(commands, new FreezeLedger(LedgerId.of(freeze.accountId()), freeze.reason(),
                        freeze.reference())));
    }

    @Bean
    InboundHandler<UnfreezeLedgerRequestedV1> unfreezeRequests(CommandGateway commands) {
        return InboundHandler.of(UnfreezeLedgerRequestedV1.TYPE, UnfreezeLedgerRequestedV1.class, unfreeze ->
                WaitForLedger.send(commands, new UnfreezeLedger(LedgerId.of(unfreeze.accountId()), unfreeze.reason(),
                        unfreeze.reference())));
    }

    @Bean
    InboundHandler<WithdrawCashBalanceRequestedV1> withdrawRequests(CommandGateway commands) {
        return InboundHandler.of(WithdrawCashBalanceRequestedV1.TYPE, WithdrawCashBalanceRequestedV1.class,
                withdraw -> WaitForLedger.send(commands, new WithdrawCashBalance(LedgerId.of(withdraw.accountId()),
                        withdraw.withdrawalId(), Money.of(withdraw.amount().amount(), withdraw.amount().currency()))));
    }
}
