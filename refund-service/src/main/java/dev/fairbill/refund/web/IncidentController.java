package dev.fairbill.refund.web;

import java.net.URI;
import java.time.Instant;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.fairbill.platform.audit.Actor;
import dev.fairbill.platform.id.IdPrefix;
import dev.fairbill.platform.security.Caller;
import dev.fairbill.platform.web.NotFoundException;
import dev.fairbill.platform.web.UnprocessableException;
import dev.fairbill.platform.web.idempotency.IdempotentCreation;
import dev.fairbill.platform.web.page.Page;
import dev.fairbill.platform.web.page.PageRequest;
import dev.fairbill.refund.incident.Incident.CloseIncident;
import dev.fairbill.refund.incident.Incident.RecordIncident;
import dev.fairbill.refund.ids.IncidentId;
import dev.fairbill.refund.process.OutageCases;
import dev.fairbill.refund.query.IncidentView;
import dev.fairbill.refund.query.RefundCaseQueries;
import dev.fairbill.refund.query.RefundFactsReader;
import jakarta.validation.Valid;

/**
 * Outages recorded by operators; the outage clauses of the policies read them (final-sale-duplicates-refunded §4,
 * exceptions-within-7-days part 3).
 */
@RestController
@RequestMapping("/api/v1/incidents")
public class IncidentController {

    /** The scope of an outage of everything; any other scope names one plan. */
    static final String ALL = "ALL";

    private final CommandGateway commands;
    private final RefundCaseQueries queries;
    private final RefundFactsReader facts;
    private final OutageCases outageCases;

    public IncidentController(CommandGateway commands, RefundCaseQueries queries, RefundFactsReader facts,
                              OutageCases outageCases) {
        this.commands = commands;
        this.queries = queries;
        this.facts = facts;
        this.outageCases = outageCases;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public ResponseEntity<IncidentResponse> record(@Valid @RequestBody IncidentRequest request) {
        String tenant = Caller.current().tenant();
        if (!ALL.equals(request.scope()) && !facts.hasPlan(tenant, request.scope())) {
            throw new UnprocessableException("unknown-scope", "Unknown scope", "scope is ALL or a plan of this "
                    + "tenant with subscriptions; " + request.scope() + " is neither.");
        }
        IncidentId id = IncidentId.of(IdempotentCreation.id(IdPrefix.INCIDENT));
        if (queries.incident(tenant, id.value()).isEmpty()) {
            commands.sendAndWait(new RecordIncident(id, tenant, request.startedAt(), request.endedAt(),
                    request.scope(), request.description(), Actor.current()));
        }
        return ResponseEntity.created(URI.create("/api/v1/incidents/" + id.value())).body(get(id.value()));
    }

    /**
     * The outage is over ({@code endedAt}, or now): the requests about it waiting in review are decided by the policy
     * with its whole length.
     */
    @PostMapping("/{incidentId}/close")
    public IncidentResponse close(@PathVariable String incidentId,
                                  @RequestBody(required = false) IncidentCloseRequest request) {
        String tenant = Caller.current().tenant();
        get(incidentId);
        commands.sendAndWait(new CloseIncident(IncidentId.of(incidentId), tenant,
                request == null ? null : request.endedAt(), Actor.current()));
        outageCases.decideWaitingCases(tenant);
        return get(incidentId);
    }

    /** {@code POST /api/v1/incidents/{id}/close}; without {@code endedAt} the outage ended now. */
    public record IncidentCloseRequest(Instant endedAt) {
    }

    @GetMapping("/{incidentId}")
    public IncidentResponse get(@PathVariable String incidentId) {
        return queries.incident(Caller.current().tenant(), incidentId).map(IncidentResponse::of)
                .orElseThrow(() -> new NotFoundException("Incident " + incidentId));
    }

    @GetMapping
    public Page<IncidentResponse> list(PageRequest page) {
        long after = page.afterSequence();
        var views = Page.of(queries.incidents(Caller.current().tenant(), after, page.fetchSize()), page,
                view -> Long.toString(view.seq()));
        return new Page<>(views.data().stream().map(IncidentResponse::of).toList(), views.nextCursor());
    }

    /** @param status {@code ONGOING} until the outage is closed ({@code endedAt} is then set), then {@code CLOSED} */
    public record IncidentResponse(String id, String status, Instant startedAt, Instant endedAt, String scope,
                                   String description, Instant createdAt) {

        static IncidentResponse of(IncidentView view) {
            return new IncidentResponse(view.id(), view.endedAt() == null ? "ONGOING" : "CLOSED", view.startedAt(),
                    view.endedAt(), view.scope(), view.description(), view.recordedAt());
        }
    }
}
