package dev.fairbill.refund.query;

import java.sql.Timestamp;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.fairbill.refund.incident.Incident.IncidentClosed;
import dev.fairbill.refund.incident.Incident.IncidentRecorded;

/** Keeps the {@code incidents} table in the command's transaction; a replayed event changes nothing. */
@Component
@ProcessingGroup(IncidentProjection.PROCESSING_GROUP)
public class IncidentProjection {

    public static final String PROCESSING_GROUP = "incident-projection";

    private final JdbcClient jdbc;

    public IncidentProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(IncidentRecorded e) {
        jdbc.sql("""
                        INSERT INTO incidents (incident_id, tenant, started_at, ended_at, scope, description,
                                               recorded_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (incident_id) DO NOTHING""")
                .params(e.incidentId().value(), e.tenant(), Timestamp.from(e.startedAt()),
                        e.endedAt() == null ? null : Timestamp.from(e.endedAt()), e.scope(), e.description(),
                        Timestamp.from(e.recordedAt()))
                .update();
    }

    @EventHandler
    void on(IncidentClosed e) {
        jdbc.sql("UPDATE incidents SET ended_at = ? WHERE incident_id = ? AND ended_at IS NULL")
                .params(Timestamp.from(e.endedAt()), e.incidentId().value())
                .update();
    }
}
