package dev.fairbill.refund.messaging;

import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.fairbill.contracts.Topics;
import dev.fairbill.contracts.billing.AttachDisputeEvidenceRequestedV1;
import dev.fairbill.contracts.ledger.ClawBackCreditsRequestedV1;
import dev.fairbill.contracts.ledger.FreezeLedgerRequestedV1;
import dev.fairbill.contracts.ledger.UnfreezeLedgerRequestedV1;
import dev.fairbill.platform.messaging.IntegrationEventMapper;
import dev.fairbill.platform.messaging.IntegrationMessage;
import dev.fairbill.refund.saga.ChargebackRequests.CreditsClawbackRequested;
import dev.fairbill.refund.saga.ChargebackRequests.DisputeEvidenceCompiled;
import dev.fairbill.refund.saga.ChargebackRequests.SubResellerFreezeRequested;
import dev.fairbill.refund.saga.ChargebackRequests.SubResellerUnfreezeRequested;

/** The chargeback saga's requests to the ledger and billing, as the publisher sends them. */
@Component
public class ChargebackIntegrationEvents implements IntegrationEventMapper {

    /** The ledger's freeze reason for a sub-reseller whose reseller is disputed; the dispute id is the reference. */
    static final String RESELLER_DISPUTE = "RESELLER_DISPUTE";

    @Override
    public Optional<IntegrationMessage> toIntegrationMessage(Object domainEvent) {
        return Optional.ofNullable(switch (domainEvent) {
            case SubResellerFreezeRequested e -> new IntegrationMessage(Topics.LEDGER_REQUESTS,
                    FreezeLedgerRequestedV1.TYPE, e.accountId(), new FreezeLedgerRequestedV1(e.accountId(),
                    e.tenant(), RESELLER_DISPUTE, e.disputeId()));
            case SubResellerUnfreezeRequested e -> new IntegrationMessage(Topics.LEDGER_REQUESTS,
                    UnfreezeLedgerRequestedV1.TYPE, e.accountId(), new UnfreezeLedgerRequestedV1(e.accountId(),
                    e.tenant(), RESELLER_DISPUTE, e.disputeId()));
            case CreditsClawbackRequested e -> new IntegrationMessage(Topics.LEDGER_REQUESTS,
                    ClawBackCreditsRequestedV1.TYPE, e.accountId(), new ClawBackCreditsRequestedV1(e.accountId(),
                    e.tenant(), e.chargeId(), e.disputeId()));
            case DisputeEvidenceCompiled e -> new IntegrationMessage(Topics.BILLING_REQUESTS,
                    AttachDisputeEvidenceRequestedV1.TYPE, e.accountId(), new AttachDisputeEvidenceRequestedV1(
                    e.disputeId(), e.chargeId(), e.accountId(), e.tenant(), e.evidence().recommendation(),
                    e.evidence().items().stream().map(item -> new AttachDisputeEvidenceRequestedV1.Item(
                            item.occurredAt(), item.kind(), item.reference(), item.summary())).toList(),
                    e.compiledAt()));
            default -> null;
        });
    }
}
