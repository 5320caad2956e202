package dev.fairbill.billing.web;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.fairbill.billing.notification.MerchantDeliveries;
import dev.fairbill.billing.notification.MerchantEndpoints;
import dev.fairbill.billing.notification.MerchantEventType;
import dev.fairbill.billing.notification.TargetGuard;
import dev.fairbill.billing.notification.WebhookProperties;
import dev.fairbill.platform.audit.Actor;
import dev.fairbill.platform.audit.AuditTrail;
import dev.fairbill.platform.id.IdPrefix;
import dev.fairbill.platform.id.Ids;
import dev.fairbill.platform.security.Caller;
import dev.fairbill.platform.web.FieldViolation;
import dev.fairbill.platform.web.NotFoundException;
import dev.fairbill.platform.web.UnprocessableException;
import dev.fairbill.platform.web.ValidationFailedException;
import dev.fairbill.platform.web.page.Page;
import dev.fairbill.platform.web.page.PageRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * A tenant's webhook endpoints: where Fairbill sends its accounts' events, signed with the endpoint's secret, and what
 * was sent there.
 */
@RestController
@RequestMapping("/api/v1/webhook-endpoints")
public class WebhookEndpointController {

    static final Duration DEFAULT_OVERLAP = Duration.ofHours(24);

    private final MerchantEndpoints endpoints;
    private final MerchantDeliveries deliveries;
    private final TargetGuard guard;
    private final WebhookProperties properties;
    private final AuditTrail trail;
    private final Clock clock;

    public WebhookEndpointController(MerchantEndpoints endpoints, MerchantDeliveries deliveries, TargetGuard guard,
                                     WebhookProperties properties, AuditTrail trail, Clock clock) {
        this.clock = clock;
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.guard = guard;
        this.properties = properties;
        this.trail = trail;
    }

    /** @param enabledEvents event types ({@code charge.succeeded}, ...) or {@code *} for all of them */
    public record EndpointRequest(@NotBlank @Size(max = 2048) String url,
                                  @NotEmpty @Size(max = 32) List<@NotBlank @Size(max = 64) String> enabledEvents,
                                  @Size(max = 255) String description,
                                  @Positive @Max(1_000_000_000_000L) Long lowBalanceThreshold) {
    }

    /** @param overlap how long the current secret stays valid beside the new one (ISO-8601, default 24 hours) */
    public record RotationRequest(Duration overlap) {
    }

    /** @param secret the signing secret, only in the answer that made it */
    public record EndpointResponse(String id, String url, String description, List<String> enabledEvents,
                                   Long lowBalanceThreshold, String status, String disabledReason, Instant createdAt,
                                   String secret) {

        static EndpointResponse of(MerchantEndpoints.Endpoint endpoint, String secret) {
            return new EndpointResponse(endpoint.id(), endpoint.url(), endpoint.description(),
                    endpoint.enabledEvents(), endpoint.lowBalanceThreshold(), endpoint.status(),
                    endpoint.disabledReason(), endpoint.createdAt(), secret);
        }
    }

    public record DeliveryResponse(String id, String endpointId, String eventId, String eventType, String accountId,
                                   String status, int attempts, Instant nextAttemptAt, Instant lastAttemptAt,
                                   Integer lastStatus, String lastError, Instant deliveredAt, String replayOf,
                                   Instant createdAt) {

        static DeliveryResponse of(MerchantDeliveries.Delivery delivery) {
            boolean pending = MerchantDeliveries.PENDING.equals(delivery.status());
            return new DeliveryResponse(delivery.id(), delivery.endpointId(), delivery.eventId(),
                    delivery.eventType(), delivery.accountId(), delivery.status(), delivery.attempts(),
                    pending ? delivery.nextAttemptAt() : null, delivery.lastAttemptAt(), delivery.lastStatus(),
                    delivery.lastError(), delivery.deliveredAt(), delivery.replayOf(), delivery.createdAt());
        }
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public ResponseEntity<EndpointResponse> create(@Valid @RequestBody EndpointRequest request) {
        String tenant = Caller.current().tenant();
        guard.refusal(request.url()).ifPresent(why -> {
            throw new ValidationFailedException(List.of(new FieldViolation("url", why)));
        });
        List<String> events = events(request.enabledEvents());
        if (events.contains(MerchantEventType.LEDGER_LOW_BALANCE.wireName()) && request.lowBalanceThreshold() == null) {
            throw new ValidationFailedException(List.of(new FieldViolation("lowBalanceThreshold",
                    "is required with " + MerchantEventType.LEDGER_LOW_BALANCE.wireName())));
        }
        MerchantEndpoints.WithSecret created = endpoints.create(tenant, request.url(), request.description(), events,
                request.lowBalanceThreshold(), properties.maxEndpoints()).orElseThrow(() -> new UnprocessableException(
                "too-many-endpoints", "Too many webhook endpoints", "A tenant has at most "
                + properties.maxEndpoints() + " webhook endpoints; delete one first."));
        String id = created.endpoint().id();
        audit(tenant, id, "webhook-endpoint.created", "url " + request.url() + ", events "
                + String.join(" ", events));
        return ResponseEntity.created(URI.create("/api/v1/webhook-endpoints/" + id))
                .body(EndpointResponse.of(created.endpoint(), created.secret()));
    }

    @GetMapping
    public Page<EndpointResponse> list(PageRequest page) {
        var rows = endpoints.list(Caller.current().tenant(), page).stream()
                .map(endpoint -> EndpointResponse.of(endpoint, null)).toList();
        return Page.of(rows, page, EndpointResponse::id);
    }

    @GetMapping("/{endpointId}")
    public EndpointResponse get(@PathVariable String endpointId) {
        return EndpointResponse.of(find(endpointId), null);
    }

    @DeleteMapping("/{endpointId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void delete(@PathVariable String endpointId) {
        String tenant = Caller.current().tenant();
        find(endpointId);
        if (endpoints.delete(tenant, endpointId)) {
            audit(tenant, endpointId, "webhook-endpoint.deleted", "deleted");
        }
    }

    /** A new secret, shown once; the current one keeps verifying for the overlap. */
    @PostMapping("/{endpointId}/rotate-secret")
    public EndpointResponse rotateSecret(@PathVariable String endpointId,
                                         @Valid @RequestBody(required = false) RotationRequest request) {
        MerchantEndpoints.Endpoint endpoint = find(endpointId);
        Duration overlap = request == null || request.overlap() == null ? DEFAULT_OVERLAP : request.overlap();
        if (overlap.isNegative() || overlap.compareTo(properties.maxRotationOverlap()) > 0) {
            throw new ValidationFailedException(List.of(new FieldViolation("overlap",
                    "must be between PT0S and " + properties.maxRotationOverlap())));
        }
        String secret = endpoints.rotate(endpointId, overlap);
        audit(endpoint.tenant(), endpointId, "webhook-endpoint.secret-rotated",
                "the previous secret stays valid for " + overlap);
        return EndpointResponse.of(endpoint, secret);
    }

    /** Enables an endpoint that was disabled after failing; what waited for it is sent again. */
    @PostMapping("/{endpointId}/enable")
    public EndpointResponse enable(@PathVariable String endpointId) {
        MerchantEndpoints.Endpoint endpoint = find(endpointId);
        endpoints.enable(endpointId);
        audit(endpoint.tenant(), endpointId, "webhook-endpoint.enabled", "enabled");
        return EndpointResponse.of(find(endpointId), null);
    }

    /** What was sent to the endpoint, newest first; {@code status} PENDING, DELIVERED or FAILED. */
    @GetMapping("/{endpointId}/deliveries")
    public Page<DeliveryResponse> deliveries(@PathVariable String endpointId,
                                             @RequestParam(required = false) String status, PageRequest page) {
        find(endpointId);
        if (status != null && !List.of(MerchantDeliveries.PENDING, MerchantDeliveries.DELIVERED,
                MerchantDeliveries.FAILED).contains(status)) {
            throw new ValidationFailedException(List.of(new FieldViolation("status",
                    "must be one of PENDING, DELIVERED, FAILED")));
        }
        List<MerchantDeliveries.Delivery> rows = deliveries.list(endpointId, status, page);
        Page<MerchantDeliveries.Delivery> found = Page.of(rows, page, delivery -> String.valueOf(delivery.seq()));
        return new Page<>(found.data().stream().map(DeliveryResponse::of).toList(), found.nextCursor());
    }

    /** Sends the delivery's event to the endpoint again, as a new delivery. */
    @PostMapping("/{endpointId}/deliveries/{deliveryId}/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public ResponseEntity<DeliveryResponse> replay(@PathVariable String endpointId, @PathVariable String deliveryId) {
        MerchantEndpoints.Endpoint endpoint = find(endpointId);
        MerchantDeliveries.Delivery original = deliveries.find(endpointId,
                Ids.requireValid(IdPrefix.WEBHOOK_DELIVERY, deliveryId)).orElseThrow(() ->
                new NotFoundException("Webhook delivery " + deliveryId));
        MerchantDeliveries.Delivery replay = deliveries.replay(original, endpoint.tenant());
        audit(endpoint.tenant(), endpointId, "webhook-delivery.replayed",
                "delivery " + deliveryId + " sent again as " + replay.id());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(DeliveryResponse.of(replay));
    }

    private void audit(String tenant, String endpointId, String action, String detail) {
        trail.record(UUID.randomUUID().toString(), tenant, endpointId, null, action, Actor.current(), clock.instant(),
                detail);
    }

    private MerchantEndpoints.Endpoint find(String endpointId) {
        return endpoints.find(Caller.current().tenant(), Ids.requireValid(IdPrefix.WEBHOOK_ENDPOINT, endpointId))
                .orElseThrow(() -> new NotFoundException("Webhook endpoint " + endpointId));
    }

    private static List<String> events(List<String> requested) {
        var events = new LinkedHashSet<String>();
        for (int i = 0; i < requested.size(); i++) {
            String event = requested.get(i);
            if (!event.equals(MerchantEventType.ALL) && MerchantEventType.named(event).isEmpty()) {
                throw new ValidationFailedException(List.of(new FieldViolation("enabledEvents[" + i + "]",
                        "must be * or one of " + String.join(", ", java.util.Arrays.stream(MerchantEventType.values())
                                .map(MerchantEventType::wireName).toList()))));
            }
            events.add(event);
        }
        return List.copyOf(events);
    }
}
