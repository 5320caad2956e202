package dev.fairbill.billing.messaging;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.fairbill.billing.ids.AccountId;
import dev.fairbill.billing.dispute.DisputeCommands.AttachRefundSideEvidence;
import dev.fairbill.billing.dispute.DisputeEvents.EvidenceItem;
import dev.fairbill.billing.ids.DisputeId;
import dev.fairbill.contracts.billing.AttachDisputeEvidenceRequestedV1;
import dev.fairbill.platform.messaging.InboundHandler;

/**
 * The refund side of a dispute's evidence, from refund-service's chargeback saga (ADR 0015), applied once through the
 * inbox. An unknown dispute, or one of another tenant or account, fails the message: retried, then parked on the
 * dead-letter topic for an operator.
 */
@Configuration(proxyBeanMethods = false)
class DisputeEvidenceRequests {

    @Bean
    InboundHandler<AttachDisputeEvidenceRequestedV1> attachDisputeEvidence(CommandGateway commands) {
        return InboundHandler.of(AttachDisputeEvidenceRequestedV1.TYPE, AttachDisputeEvidenceRequestedV1.class,
                request -> commands.sendAndWait(new AttachRefundSideEvidence(DisputeId.of(request.disputeId()),
                        request.tenant(), AccountId.of(request.accountId()), request.recommendation(),
                        request.items().stream().map(item -> new EvidenceItem(item.occurredAt(), item.kind(),
                                item.reference(), item.summary())).toList(), request.compiledAt())));
    }
}
