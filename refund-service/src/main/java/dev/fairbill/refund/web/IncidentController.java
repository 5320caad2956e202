package dev.fairbill.refund.web;

import java.net.URI;
import java.time.Instant;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.fairbill.platform.audit.Actor;
import dev.fairbill.platform.id.IdPrefix;
import dev.fairbill.platform.security.Caller;
import dev.fairbill.platform.web.NotFoundException;
import dev.fairbill.platform.web.UnprocessableException;
import dev.fairbill.platform.web.idempotency.IdempotentCreation;
import dev.fairbill.platform.web.page.Page;
import dev.fairbill.platform.web.page.PageRequest;
import dev.fairbill.refund.domain.Incident.RecordIncident;
import dev.fairbill.refund.domain.IncidentId;
import dev.fairbill.refund.query.IncidentView;
import dev.fairbill.refund.query.RefundCaseQueries;
import dev.fairbill.refund.query.RefundFactsReader;
import jakarta.validation.Valid;

/** Outages recorded by operators; the outage clauses of the policies read them (seed 001 §4, seed 002 part 3). */
@RestController
@RequestMapping("/api/v1/incidents")
@Validated
public class IncidentController {

    /** The scope of an outage of everything; any other scope names one plan. */
    static final String ALL = "ALL";

    private final CommandGateway commands;
    private final RefundCaseQueries queries;
    private final RefundFactsReader facts;

    public IncidentController(CommandGateway commands, RefundCaseQueries queries, RefundFactsReader facts) {
        this.commands = commands;
        this.queries = queries;
        this.facts = facts;
    }

    @PostMapping
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

    public record IncidentResponse(String id, Instant startedAt, Instant endedAt, String scope, String description,
                                   Instant createdAt) {

        static IncidentResponse of(IncidentView view) {
            return new IncidentResponse(view.id(), view.startedAt(), view.endedAt(), view.scope(),
                    view.description(), view.recordedAt());
        }
    }
}
