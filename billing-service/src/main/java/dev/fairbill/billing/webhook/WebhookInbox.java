package dev.fairbill.billing.webhook;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.axonframework.commandhandling.gateway.CommandGateway;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.fairbill.billing.process.ChargePayments;
import jakarta.annotation.PreDestroy;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Applies stored webhook deliveries (ADR 0008). Each delivery is locked, turned into commands and marked processed
 * in one transaction, so its effect happens exactly once even across instances and restarts; a delivery whose
 * processing fails keeps its row, counts the attempt and is tried again on the next poll.
 * A stored delivery is processed at once ({@link WebhookStored}) on one of
 * {@code fairbill.webhook-processing.threads} (4) threads: deliveries that arrive while others are being applied are
 * applied beside them, each thread locking the next delivery no other holds. Order between deliveries is not kept (it
 * is not across instances either, nor by the processors themselves): a dispute orders its reports by their own time.
 * The poll is the safety net for deliveries stored before a restart or whose processing failed.
 * <p>
 * A Stripe event that a payment was decided ({@code payment_intent.succeeded}, {@code payment_intent.payment_failed})
 * has the capture that waits for it made again once the delivery has committed, outside its transaction: the call
 * reads the decision under the charge's key, as the sweep would later.
 * {@code fairbill.webhook-processing.enabled=false} leaves deliveries stored but unprocessed.
 */
@Component
@ConditionalOnProperty(name = "fairbill.webhook-processing.enabled", havingValue = "true", matchIfMissing = true)
class WebhookInbox {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookInbox.class);

    private final WebhookDeliveries deliveries;
    private final StripeEvents stripe;
    private final AdyenNotifications adyen;
    private final CommandGateway commands;
    private final TransactionTemplate transaction;
    private final JsonMapper json;
    private final DrainWorkers workers;
    private final ChargePayments payments;

    WebhookInbox(WebhookDeliveries deliveries, StripeEvents stripe, AdyenNotifications adyen,
                     CommandGateway commands, TransactionTemplate transaction, JsonMapper json,
                     ChargePayments payments, @Value("${fairbill.webhook-processing.threads:4}") int threads) {
        this.deliveries = deliveries;
        this.payments = payments;
        this.stripe = stripe;
        this.adyen = adyen;
        this.commands = commands;
        this.transaction = transaction;
        this.json = json;
        this.workers = new DrainWorkers("webhook-processing", threads, this::processPending);
    }

    @EventListener
    void on(WebhookStored stored) {
        workers.nudge();
    }

    @Scheduled(fixedDelayString = "${fairbill.webhook-processing.poll-interval:500ms}")
    void poll() {
        workers.nudge();
    }

    @PreDestroy
    void stop() {
        workers.close();
    }

    /** Applies unprocessed deliveries until none is left that another thread does not hold. */
    private void processPending() {
        long cursor = 0;
        AtomicLong current = new AtomicLong(-1);
        while (true) {
            current.set(-1);
            long after = cursor;
            List<String> decidedCaptures = new ArrayList<>();
            try {
                Optional<Long> processed = transaction.execute(status -> deliveries.lockNextUnprocessed(after)
                        .map(delivery -> {
                            current.set(delivery.id());
                            var payload = json.readTree(delivery.payload());
                            commandsFor(delivery, payload).forEach(commands::sendAndWait);
                            if (delivery.processor() == PaymentProvider.STRIPE) {
                                decidedCaptures.addAll(stripe.decidedCaptures(payload));
                            }
                            deliveries.markProcessed(delivery.id());
                            return delivery.id();
                        }));
                if (processed == null || processed.isEmpty()) {
                    return;
                }
                cursor = processed.get();
                decidedCaptures.forEach(payments::call);
            } catch (RuntimeException e) {
                if (current.get() < 0) {
                    LOG.warn("webhook deliveries could not be read", e);
                    return;
                }
                long failed = current.get();
                LOG.warn("webhook delivery {} failed and will be retried", failed, e);
                transaction.executeWithoutResult(status -> deliveries.recordFailure(failed, String.valueOf(e)));
                cursor = failed;
            }
        }
    }

    private List<Object> commandsFor(WebhookDeliveries.Delivery delivery, JsonNode payload) {
        return switch (delivery.processor()) {
            case STRIPE -> stripe.commands(delivery.tenant(), payload);
            case ADYEN -> adyen.commands(delivery.tenant(), payload);
        };
    }
}
