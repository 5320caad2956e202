package dev.fairbill.billing.webhook;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import dev.fairbill.platform.web.NotFoundException;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Receives processors' webhooks (no API key: the signature authenticates them). The raw body bytes are verified,
 * the events this service acts on are stored in {@code webhook_deliveries} in the request's transaction, and only
 * then acknowledged; {@link WebhookInbox} applies them from there (ADR 0008).
 */
@RestController
public class WebhookController {

    static final String SIGNATURE_FAILURES = "fairbill_webhook_signature_failures_total";
    /** Adyen sends one item per notification today and batched up to six; more is not a processor's batch. */
    static final int MAX_ADYEN_ITEMS = 100;

    private final WebhookSecrets secrets;
    private final StripeSignatureVerifier stripe;
    private final AdyenHmacVerifier adyen;
    private final WebhookDeliveries deliveries;
    private final TransactionTemplate transaction;
    private final MeterRegistry meters;
    private final JsonMapper json;
    private final ApplicationEventPublisher events;

    public WebhookController(WebhookSecrets secrets, StripeSignatureVerifier stripe, AdyenHmacVerifier adyen,
                             WebhookDeliveries deliveries, TransactionTemplate transaction, MeterRegistry meters,
                             JsonMapper json, ApplicationEventPublisher events) {
        this.secrets = secrets;
        this.stripe = stripe;
        this.adyen = adyen;
        this.deliveries = deliveries;
        this.transaction = transaction;
        this.meters = meters;
        this.json = json;
        this.events = events;
        // each endpoint's series exists from the start, at zero, so an alert on its rate sees the first failures
        secrets.webhooks().keySet().forEach(tenant -> List.of(PaymentProvider.values()).forEach(processor ->
                meters.counter(SIGNATURE_FAILURES, "processor", processor.label(), "tenant", tenant)));
    }

    @PostMapping("/webhooks/stripe/{tenant}")
    @Operation(summary = "A Stripe event for the tenant's Stripe account",
            description = "Verified with the Stripe-Signature header over the raw body and the tenant's endpoint "
                    + "secret; an event already received answers 2xx again and changes nothing.")
    public Map<String, Object> stripe(@PathVariable String tenant,
                                      @RequestHeader(name = "Stripe-Signature", required = false) String signature,
                                      @RequestBody(description = "A Stripe event object", content = @Content(
                                              mediaType = "application/json", schema = @Schema(type = "object")))
                                      @org.springframework.web.bind.annotation.RequestBody byte[] body) {
        WebhookSecrets.Tenant keys = keysOf(tenant);
        String payload = counted(PaymentProvider.STRIPE, tenant, () -> stripe.verify(body, signature, keys.stripeSecrets()));
        JsonNode event = parse(payload);
        WebhookPayloads.requireCleanText(event, "");
        WebhookPayloads.requireStripeEvent(event, StripeEvents.isDispute(event.path("type").asString("")));
        String id = event.path("id").asString();
        String type = event.path("type").asString();
        if (!StripeEvents.HANDLED.contains(type)) {
            return Map.of("received", true, "ignored", true);
        }
        boolean stored = Boolean.TRUE.equals(transaction.execute(status ->
                deliveries.store(PaymentProvider.STRIPE, tenant, id, type, payload)));
        if (stored) {
            events.publishEvent(new WebhookStored(PaymentProvider.STRIPE, tenant));
        }
        return Map.of("received", true, "duplicate", !stored);
    }

    @PostMapping("/webhooks/adyen/{tenant}")
    @Operation(summary = "An Adyen notification for the tenant's merchant account",
            description = "Each item is verified with its HMAC signature (additionalData.hmacSignature) and the "
                    + "tenant's HMAC key; items already received change nothing.")
    public ResponseEntity<String> adyen(@PathVariable String tenant,
                                        @RequestBody(description = "An Adyen notification with notificationItems",
                                                content = @Content(mediaType = "application/json",
                                                        schema = @Schema(type = "object")))
                                        @org.springframework.web.bind.annotation.RequestBody byte[] body) {
        WebhookSecrets.Tenant keys = keysOf(tenant);
        JsonNode notification = parse(body);
        WebhookPayloads.requireCleanText(notification, "");
        JsonNode items = notification.path("notificationItems");
        if (!items.isArray() || items.isEmpty()) {
            throw new UnreadableWebhook("An Adyen notification needs a non-empty notificationItems array.");
        }
        if (items.size() > MAX_ADYEN_ITEMS) {
            throw new UnreadableWebhook("An Adyen notification holds at most " + MAX_ADYEN_ITEMS + " items.");
        }
        List<JsonNode> received = new ArrayList<>();
        for (JsonNode wrapper : items) {
            JsonNode item = wrapper.path("NotificationRequestItem");
            if (!item.isObject()) {
                throw new UnreadableWebhook("Each notification item needs a NotificationRequestItem object.");
            }
            counted(PaymentProvider.ADYEN, tenant, () -> {
                adyen.verify(item, keys.adyenHmacKey());
                return item;
            });
            WebhookPayloads.requireAdyenItem(item, AdyenNotifications.isChargeback(item.path("eventCode")
                    .asString("")));
            received.add(item);
        }
        transaction.executeWithoutResult(status -> received.stream()
                .filter(item -> AdyenNotifications.HANDLED.contains(item.path("eventCode").asString()))
                .forEach(item -> deliveries.store(PaymentProvider.ADYEN, tenant, AdyenNotifications.eventId(item),
                        item.path("eventCode").asString(), json.writeValueAsString(item))));
        events.publishEvent(new WebhookStored(PaymentProvider.ADYEN, tenant));
        // Adyen requires exactly this body to count the notification as delivered
        return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body("[accepted]");
    }

    private WebhookSecrets.Tenant keysOf(String tenant) {
        WebhookSecrets.Tenant keys = secrets.webhooks().get(tenant);
        if (keys == null) {
            throw new NotFoundException("Webhook endpoint of tenant " + tenant);
        }
        return keys;
    }

    private <T> T counted(PaymentProvider processor, String tenant, Supplier<T> verification) {
        try {
            return verification.get();
        } catch (WebhookSignatureRejected e) {
            meters.counter(SIGNATURE_FAILURES, "processor", processor.label(), "tenant", tenant).increment();
            throw e;
        }
    }

    private JsonNode parse(String payload) {
        try {
            return json.readTree(payload);
        } catch (JacksonException e) {
            throw new UnreadableWebhook("The body is not JSON: " + e.getOriginalMessage());
        }
    }

    private JsonNode parse(byte[] body) {
        try {
            return json.readTree(body);
        } catch (JacksonException e) {
            throw new UnreadableWebhook("The body is not JSON: " + e.getOriginalMessage());
        }
    }
}
