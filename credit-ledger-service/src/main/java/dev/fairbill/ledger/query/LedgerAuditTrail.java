package dev.fairbill.ledger.query;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.stereotype.Component;

import dev.fairbill.ledger.ledger.LedgerEvents.LotGranted;
import dev.fairbill.ledger.ledger.LedgerEvents.LotRemoved;
import dev.fairbill.ledger.ledger.RemovalKind;
import dev.fairbill.platform.audit.AuditTrail;

/**
 * Records in the audit trail every lot granted (by an operator's key or by the service itself) and every lot an
 * operator voided, with the ledger's read model and in the command's transaction.
 */
@Component
@ProcessingGroup(LedgerProjection.PROCESSING_GROUP)
public class LedgerAuditTrail {

    private final AuditTrail trail;

    public LedgerAuditTrail(AuditTrail trail) {
        this.trail = trail;
    }

    @EventHandler
    void on(LotGranted event, @MessageIdentifier String eventId) {
        trail.record(eventId, event.tenant(), event.lotId().value(), event.ledgerId().accountId(), "lot.granted",
                event.actor(), event.grantedAt(), event.amount() + " " + event.unit().value() + " "
                        + event.source() + (event.reference() == null ? "" : ", reference " + event.reference()));
    }

    @EventHandler
    void on(LotRemoved event, @MessageIdentifier String eventId) {
        if (event.kind() == RemovalKind.VOIDED) {
            trail.record(eventId, event.tenant(), event.lotId().value(), event.ledgerId().accountId(), "lot.voided",
                    event.actor(), event.removedAt(), event.amount() + " " + event.unit().value() + " voided"
                            + (event.reference() == null ? "" : ": " + event.reference()));
        }
    }
}
