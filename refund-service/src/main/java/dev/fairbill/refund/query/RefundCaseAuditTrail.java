package dev.fairbill.refund.query;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.stereotype.Component;

import dev.fairbill.platform.audit.AuditTrail;
import dev.fairbill.refund.refundcase.RefundCaseEvents.RefundCaseApproved;
import dev.fairbill.refund.refundcase.RefundCaseEvents.RefundCaseRejected;
import dev.fairbill.refund.refundcase.RefundCaseEvents.RemedyApplied;

/** Records each review and each remedy completed in the audit trail, with the case's read model. */
@Component
@ProcessingGroup(RefundCaseProjection.PROCESSING_GROUP)
public class RefundCaseAuditTrail {

    private final AuditTrail trail;

    public RefundCaseAuditTrail(AuditTrail trail) {
        this.trail = trail;
    }

    @EventHandler
    void on(RefundCaseApproved event, @MessageIdentifier String eventId) {
        trail.record(eventId, event.tenant(), event.caseId().value(), event.accountId(), "refund-case.approved",
                event.actor(), event.approvedAt(), (event.remedy() == null
                        ? event.amount() + " to " + event.destination()
                        : "remedy " + event.remedy().kind() + (event.remedy().credits() == null ? ""
                                : " of " + event.remedy().credits())) + note(event.note()));
    }

    @EventHandler
    void on(RefundCaseRejected event, @MessageIdentifier String eventId) {
        trail.record(eventId, event.tenant(), event.caseId().value(), event.accountId(), "refund-case.rejected",
                event.actor(), event.rejectedAt(), "rejected" + note(event.note()));
    }

    @EventHandler
    void on(RemedyApplied event, @MessageIdentifier String eventId) {
        trail.record(eventId, event.tenant(), event.caseId().value(), event.accountId(),
                "refund-case.remedy-completed", event.actor(), event.appliedAt(), event.kind() + note(event.note()));
    }

    private static String note(String note) {
        return note == null || note.isBlank() ? "" : ": " + note;
    }
}
