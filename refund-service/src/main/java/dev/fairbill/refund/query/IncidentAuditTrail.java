package dev.fairbill.refund.query;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.stereotype.Component;

import dev.fairbill.platform.audit.AuditTrail;
import dev.fairbill.refund.incident.Incident.IncidentClosed;
import dev.fairbill.refund.incident.Incident.IncidentRecorded;

/** Records each incident an operator reported in the audit trail, with the incidents' read model. */
@Component
@ProcessingGroup(IncidentProjection.PROCESSING_GROUP)
public class IncidentAuditTrail {

    private final AuditTrail trail;

    public IncidentAuditTrail(AuditTrail trail) {
        this.trail = trail;
    }

    @EventHandler
    void on(IncidentRecorded event, @MessageIdentifier String eventId) {
        trail.record(eventId, event.tenant(), event.incidentId().value(), null, "incident.recorded", event.actor(),
                event.recordedAt(), event.scope() + " from " + event.startedAt()
                        + (event.endedAt() == null ? ", ongoing" : " to " + event.endedAt()));
    }

    @EventHandler
    void on(IncidentClosed event, @MessageIdentifier String eventId) {
        trail.record(eventId, event.tenant(), event.incidentId().value(), null, "incident.closed", event.actor(),
                event.closedAt(), "ended at " + event.endedAt());
    }
}
