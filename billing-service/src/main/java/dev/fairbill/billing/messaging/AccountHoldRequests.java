package dev.fairbill.billing.messaging;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.fairbill.billing.account.AccountHolds.LiftAccountHold;
import dev.fairbill.billing.account.AccountHolds.PlaceAccountHold;
import dev.fairbill.billing.account.AccountHolds.TerminateAccount;
import dev.fairbill.billing.ids.AccountId;
import dev.fairbill.billing.account.HoldReason;
import dev.fairbill.billing.query.AccountProjection;
import dev.fairbill.contracts.billing.ReinstateAccountRequestedV1;
import dev.fairbill.contracts.billing.SuspendAccountRequestedV1;
import dev.fairbill.contracts.billing.TerminateAccountRequestedV1;
import dev.fairbill.platform.messaging.InboundHandler;
import dev.fairbill.platform.web.NotFoundException;

/**
 * Suspend, reinstate and terminate requests from other services' sagas (seed 000 §9). Each applies once through the
 * inbox; an unknown account (or one of another tenant), an unknown reason or a terminated account fails the message,
 * which is retried and then parked on the dead-letter topic for an operator.
 */
@Configuration(proxyBeanMethods = false)
class AccountHoldRequests {

    @Bean
    InboundHandler<SuspendAccountRequestedV1> suspendAccountRequests(CommandGateway commands,
                                                                     AccountProjection accounts) {
        return InboundHandler.of(SuspendAccountRequestedV1.TYPE, SuspendAccountRequestedV1.class, request -> {
            AccountId account = known(accounts, request.tenant(), request.accountId());
            commands.sendAndWait(new PlaceAccountHold(account, HoldReason.valueOf(request.reason()),
                    request.reference()));
        });
    }

    @Bean
    InboundHandler<ReinstateAccountRequestedV1> reinstateAccountRequests(CommandGateway commands,
                                                                         AccountProjection accounts) {
        return InboundHandler.of(ReinstateAccountRequestedV1.TYPE, ReinstateAccountRequestedV1.class, request -> {
            AccountId account = known(accounts, request.tenant(), request.accountId());
            commands.sendAndWait(new LiftAccountHold(account, HoldReason.valueOf(request.reason()),
                    request.reference()));
        });
    }

    @Bean
    InboundHandler<TerminateAccountRequestedV1> terminateAccountRequests(CommandGateway commands,
                                                                         AccountProjection accounts) {
        return InboundHandler.of(TerminateAccountRequestedV1.TYPE, TerminateAccountRequestedV1.class, request -> {
            AccountId account = known(accounts, request.tenant(), request.accountId());
            commands.sendAndWait(new TerminateAccount(account, HoldReason.valueOf(request.reason()),
                    request.reference()));
        });
    }

    private static AccountId known(AccountProjection accounts, String tenant, String accountId) {
        return accounts.find(tenant, accountId)
                .map(view -> AccountId.of(view.id()))
                .orElseThrow(() -> new NotFoundException("Account " + accountId + " of tenant " + tenant));
    }
}
