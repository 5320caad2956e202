package dev.fairbill.refund.domain;

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
import dev.fairbill.platform.web.ValidationFailedException;

/**
 * A service outage recorded by an operator (seed 001 §4, seed 002 part 3): the outage clauses read it to compensate
 * with service credits or to send a request to review.
 */
@Aggregate
public class Incident {

    @AggregateIdentifier
    private IncidentId id;

    protected Incident() {
    }

    @CommandHandler
    public Incident(RecordIncident command, Clock clock) {
        if (!command.endedAt().isAfter(command.startedAt())) {
            throw new ValidationFailedException("endedAt", "must be after startedAt");
        }
        if (command.startedAt().isAfter(clock.instant())) {
            throw new ValidationFailedException("startedAt", "must not be in the future");
        }
        apply(new IncidentRecorded(command.incidentId(), command.tenant(), micros(command.startedAt()),
                micros(command.endedAt()), command.scope(), command.description(), micros(clock.instant()),
                command.actor()));
    }

    @EventSourcingHandler
    void on(IncidentRecorded event) {
        id = event.incidentId();
    }

    private static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    /** @param scope {@code ALL} or the plan id the outage affected */
    public record RecordIncident(@TargetAggregateIdentifier IncidentId incidentId, String tenant, Instant startedAt,
                                 Instant endedAt, String scope, String description, Actor actor) {

        public RecordIncident(IncidentId incidentId, String tenant, Instant startedAt, Instant endedAt, String scope,
                              String description) {
            this(incidentId, tenant, startedAt, endedAt, scope, description, Actor.service());
        }
    }

    @Revision("1")
    public record IncidentRecorded(IncidentId incidentId, String tenant, Instant startedAt, Instant endedAt,
                                   String scope, String description, Instant recordedAt, Actor actor) {
    }
}
