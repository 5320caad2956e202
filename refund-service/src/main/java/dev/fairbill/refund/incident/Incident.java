package dev.fairbill.refund.incident;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

import dev.fairbill.platform.audit.Actor;
import dev.fairbill.platform.axon.naming.StoredAs;
import dev.fairbill.platform.rules.RuleViolation.Kind;
import dev.fairbill.platform.rules.RuleViolation;
import dev.fairbill.refund.ids.IncidentId;

/**
 * A service outage recorded by an operator (final-sale-duplicates-refunded §4, exceptions-within-7-days part 3): the
 * outage clauses read it to compensate
 * with service credits or to send a request to review. An outage still going on is recorded without its end and
 * closed once, when it is over.
 */
@StoredAs("refund.Incident")
@Aggregate
public class Incident {

    @AggregateIdentifier
    private IncidentId id;
    private String tenant;
    private Instant startedAt;
    private Instant endedAt;

    protected Incident() {
    }

    @CommandHandler
    public Incident(RecordIncident command, Clock clock) {
        if (command.endedAt() != null && !command.endedAt().isAfter(command.startedAt())) {
            throw RuleViolation.invalid("endedAt", "must be after startedAt");
        }
        if (command.startedAt().isAfter(clock.instant())) {
            throw RuleViolation.invalid("startedAt", "must not be in the future");
        }
        apply(new IncidentRecorded(command.incidentId(), command.tenant(), micros(command.startedAt()),
                command.endedAt() == null ? null : micros(command.endedAt()), command.scope(), command.description(),
                micros(clock.instant()), command.actor()));
    }

    /** The outage is over: its end is after its start and not in the future, and it is recorded once. */
    @CommandHandler
    void handle(CloseIncident command, Clock clock) {
        if (!tenant.equals(command.tenant())) {
            throw RuleViolation.notFound("Incident " + id);
        }
        Instant now = clock.instant();
        Instant end = micros(command.endedAt() == null ? now : command.endedAt());
        if (endedAt != null) {
            if (end.equals(endedAt)) {
                return;
            }
            throw new RuleViolation(Kind.CONFLICT, "incident-closed", "Incident closed",
                    "Incident " + id + " already ended at " + endedAt + ".");
        }
        if (!end.isAfter(startedAt)) {
            throw RuleViolation.invalid("endedAt", "must be after the incident's start " + startedAt);
        }
        if (end.isAfter(now)) {
            throw RuleViolation.invalid("endedAt", "must not be in the future");
        }
        apply(new IncidentClosed(id, tenant, startedAt, end, micros(now), command.actor()));
    }

    @EventSourcingHandler
    void on(IncidentRecorded event) {
        id = event.incidentId();
        tenant = event.tenant();
        startedAt = event.startedAt();
        endedAt = event.endedAt();
    }

    @EventSourcingHandler
    void on(IncidentClosed event) {
        endedAt = event.endedAt();
    }

    private static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * @param scope   {@code ALL} or the plan id the outage affected
     * @param endedAt when it ended, or {@code null} while it is still going on
     */
    public record RecordIncident(@TargetAggregateIdentifier IncidentId incidentId, String tenant, Instant startedAt,
                                 Instant endedAt, String scope, String description, Actor actor) {

        public RecordIncident(IncidentId incidentId, String tenant, Instant startedAt, Instant endedAt, String scope,
                              String description) {
            this(incidentId, tenant, startedAt, endedAt, scope, description, Actor.service());
        }
    }

    /** @param endedAt when the outage ended, or {@code null} for now */
    public record CloseIncident(@TargetAggregateIdentifier IncidentId incidentId, String tenant, Instant endedAt,
                                Actor actor) {
    }

    /** @param endedAt {@code null} while the outage is still going on */
    @StoredAs("refund.IncidentRecorded")
    @Revision("1")
    public record IncidentRecorded(IncidentId incidentId, String tenant, Instant startedAt, Instant endedAt,
                                   String scope, String description, Instant recordedAt, Actor actor) {
    }

    @StoredAs("refund.IncidentClosed")
    @Revision("1")
    public record IncidentClosed(IncidentId incidentId, String tenant, Instant startedAt, Instant endedAt,
                                 Instant closedAt, Actor actor) {
    }
}
