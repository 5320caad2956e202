package dev.fairbill.platform.audit;

import java.time.Instant;
import java.util.regex.Pattern;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.fairbill.platform.security.Caller;
import dev.fairbill.platform.web.ValidationFailedException;
import dev.fairbill.platform.web.page.Page;
import dev.fairbill.platform.web.page.PageRequest;

/**
 * {@code GET /api/v1/audit?resource=<id>}: who did what to one of the caller's tenant's resources, and when, oldest
 * first and paged. A resource of another tenant, or one nobody acted on, has an empty trail. The condition keeps it
 * out of applications that scan this package without the audit trail.
 */
@RestController
@ConditionalOnProperty(name = "fairbill.audit.enabled", havingValue = "true")
public class AuditController {

    private static final Pattern RESOURCE_ID = Pattern.compile("[a-z]{2,8}_[0-9A-Za-z]{1,54}");

    private final AuditTrail trail;

    public AuditController(AuditTrail trail) {
        this.trail = trail;
    }

    @GetMapping("/api/v1/audit")
    public Page<AuditEntryResponse> audit(@RequestParam(name = "resource", required = false) String resource,
                                          PageRequest page) {
        if (resource == null || !RESOURCE_ID.matcher(resource).matches()) {
            throw new ValidationFailedException("resource", "must be the id of a resource, e.g. rc_… or lot_…");
        }
        return page(trail, Caller.current().tenant(), resource, page);
    }

    /** One page of the tenant's entries about {@code resource}, or about the account it names, oldest first. */
    public static Page<AuditEntryResponse> page(AuditTrail trail, String tenant, String resource, PageRequest page) {
        var entries = Page.of(trail.entries(tenant, resource, page.afterSequence(), page.fetchSize()), page,
                entry -> Long.toString(entry.seq()));
        return new Page<>(entries.data().stream().map(AuditEntryResponse::of).toList(), entries.nextCursor());
    }

    /** One action: {@code actor.keyId} is null when the service itself acted. */
    public record AuditEntryResponse(String resource, String accountId, String action, ActorResponse actor,
                                     String requestId, Instant at, String detail) {

        static AuditEntryResponse of(AuditTrail.AuditEntry entry) {
            return new AuditEntryResponse(entry.resource(), entry.accountId(), entry.action(),
                    new ActorResponse(entry.actor().keyId(), entry.actor().keyId() == null ? "SERVICE" : "API_KEY"),
                    entry.actor().requestId(), entry.at(), entry.detail());
        }
    }

    public record ActorResponse(String keyId, String kind) {
    }
}
