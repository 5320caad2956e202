package dev.fairbill.billing.messaging;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.fairbill.billing.account.AccountSuspensions.LiftAccountSuspension;
import dev.fairbill.billing.account.AccountSuspensions.PlaceAccountSuspension;
import dev.fairbill.billing.account.AccountSuspensions.TerminateAccount;
import dev.fairbill.billing.account.SuspensionReason;
import dev.fairbill.billing.charge.ChargeCommands.RefundCharge;
import dev.fairbill.billing.dispute.DisputeCommands.AttachRefundSideEvidence;
import dev.fairbill.billing.dispute.DisputeEvents.EvidenceItem;
import dev.fairbill.billing.ids.AccountId;
import dev.fairbill.billing.ids.ChargeId;
import dev.fairbill.billing.ids.DisputeId;
import dev.fairbill.billing.ids.PurchaseId;
import dev.fairbill.billing.ids.SubscriptionId;
import dev.fairbill.billing.process.ChargePayments;
import dev.fairbill.billing.purchase.PurchaseCommands.RecordRefillRequest;
import dev.fairbill.billing.query.AccountProjection;
import dev.fairbill.billing.query.SubscriptionProjection;
import dev.fairbill.billing.subscription.SubscriptionCancellationMode;
import dev.fairbill.billing.subscription.SubscriptionCommands.CancelSubscription;
import dev.fairbill.contracts.billing.AttachDisputeEvidenceRequestedV1;
import dev.fairbill.contracts.billing.CancelSubscriptionRequestedV1;
import dev.fairbill.contracts.billing.RefundChargeRequestedV1;
import dev.fairbill.contracts.billing.ReinstateAccountRequestedV1;
import dev.fairbill.contracts.billing.SuspendAccountRequestedV1;
import dev.fairbill.contracts.billing.TerminateAccountRequestedV1;
import dev.fairbill.contracts.refund.RefillRequestedV1;
import dev.fairbill.platform.messaging.InboundHandler;
import dev.fairbill.platform.rules.RuleViolation;

/**
 * What billing does with refund-service's requests and events, each applied once through the inbox. Refund-service's
 * other events have no handler here and are skipped.
 */
@Configuration(proxyBeanMethods = false)
class RefundEventHandlers {

    private static final Logger log = LoggerFactory.getLogger(RefundEventHandlers.class);

    /**
     * Suspend, reinstate and terminate requests from the sagas (final-sale-reseller §9). An unknown account (or one of
     * another tenant), an unknown reason or a terminated account fails the message, which is retried and then parked
     * on the dead-letter topic for an operator.
     */
    @Bean
    InboundHandler<SuspendAccountRequestedV1> suspendAccountRequests(CommandGateway commands,
                                                                     AccountProjection accounts) {
        return InboundHandler.of(SuspendAccountRequestedV1.TYPE, SuspendAccountRequestedV1.class, request -> {
            AccountId account = known(accounts, request.tenant(), request.accountId());
            commands.sendAndWait(new PlaceAccountSuspension(account, SuspensionReason.valueOf(request.reason()),
                    request.reference()));
        });
    }

    @Bean
    InboundHandler<ReinstateAccountRequestedV1> reinstateAccountRequests(CommandGateway commands,
                                                                         AccountProjection accounts) {
        return InboundHandler.of(ReinstateAccountRequestedV1.TYPE, ReinstateAccountRequestedV1.class, request -> {
            AccountId account = known(accounts, request.tenant(), request.accountId());
            commands.sendAndWait(new LiftAccountSuspension(account, SuspensionReason.valueOf(request.reason()),
                    request.reference()));
        });
    }

    @Bean
    InboundHandler<TerminateAccountRequestedV1> terminateAccountRequests(CommandGateway commands,
                                                                         AccountProjection accounts) {
        return InboundHandler.of(TerminateAccountRequestedV1.TYPE, TerminateAccountRequestedV1.class, request -> {
            AccountId account = known(accounts, request.tenant(), request.accountId());
            commands.sendAndWait(new TerminateAccount(account, SuspensionReason.valueOf(request.reason()),
                    request.reference()));
        });
    }

    private static AccountId known(AccountProjection accounts, String tenant, String accountId) {
        return accounts.find(tenant, accountId)
                .map(view -> AccountId.of(view.id()))
                .orElseThrow(() -> RuleViolation.notFound("Account " + accountId + " of tenant " + tenant));
    }

    /**
     * The refund side of a dispute's evidence, from the chargeback saga (ADR 0015). An unknown dispute, or one of
     * another tenant or account, fails the message: retried, then parked on the dead-letter topic for an operator.
     */
    @Bean
    InboundHandler<AttachDisputeEvidenceRequestedV1> attachDisputeEvidence(CommandGateway commands) {
        return InboundHandler.of(AttachDisputeEvidenceRequestedV1.TYPE, AttachDisputeEvidenceRequestedV1.class,
                request -> commands.sendAndWait(new AttachRefundSideEvidence(DisputeId.of(request.disputeId()),
                        request.tenant(), AccountId.of(request.accountId()), request.recommendation(),
                        request.items().stream().map(item -> new EvidenceItem(item.occurredAt(), item.kind(),
                                item.reference(), item.summary())).toList(), request.compiledAt())));
    }

    /**
     * Refills that refund cases' remedies ask for, recorded on their purchase once each, where the delivering system
     * reads them and reports their delivery. A refill for an unknown purchase, one of another tenant or one that is
     * not a paid delivery order fails the message: retried, then parked on the dead-letter topic for an operator.
     */
    @Bean
    InboundHandler<RefillRequestedV1> recordRefill(CommandGateway commands) {
        return InboundHandler.of(RefillRequestedV1.TYPE, RefillRequestedV1.class,
                requested -> commands.sendAndWait(new RecordRefillRequest(PurchaseId.of(requested.purchaseId()),
                        requested.tenant(), requested.refillId(), requested.caseId(), requested.quantity(),
                        requested.requestedAt())));
    }

    /** The refund saga's refund of a charge: the charge's rules decide, the processor pays the card part back. */
    @Bean
    InboundHandler<RefundChargeRequestedV1> refundCharge(ChargePayments payments) {
        return InboundHandler.of(RefundChargeRequestedV1.TYPE, RefundChargeRequestedV1.class, request ->
                payments.refund(new RefundCharge(ChargeId.of(request.chargeId()), request.refundId(),
                        request.tenant(), AccountId.of(request.accountId()), WireMoney.money(request.amount()),
                        request.reason())));
    }

    /**
     * A saga's request to end a subscription now. A subscription that is unknown to the tenant or has already ended is
     * left as it is: the request's purpose is met, and refusing it would only park it on the dead-letter topic.
     */
    @Bean
    InboundHandler<CancelSubscriptionRequestedV1> cancelSubscription(CommandGateway commands,
                                                                     SubscriptionProjection subscriptions) {
        return InboundHandler.of(CancelSubscriptionRequestedV1.TYPE, CancelSubscriptionRequestedV1.class, request -> {
            var subscription = subscriptions.find(request.tenant(), request.subscriptionId());
            if (subscription.isEmpty()) {
                log.warn("A cancel request names subscription {} that tenant {} does not have; ignored",
                        request.subscriptionId(), request.tenant());
                return;
            }
            if (!subscription.get().status().isFinal()) {
                commands.sendAndWait(new CancelSubscription(SubscriptionId.of(request.subscriptionId()),
                        SubscriptionCancellationMode.IMMEDIATE, request.reason(), false, null, null));
            }
        });
    }

}
