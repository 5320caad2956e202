package dev.fairbill.billing.notification;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import dev.fairbill.contracts.webhook.WebhookSignature;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Sends due deliveries to merchants' endpoints: signed with the endpoint's secrets, one POST each, at most
 * {@link WebhookProperties#batch()} at once. A 2xx answer delivers; anything else is tried again after a wait that
 * doubles, until the retry window ends: then the delivery fails and its endpoint is disabled. Deliveries are claimed
 * in the database, so replicas share the work and never send one delivery at the same time.
 */
public class MerchantWebhookSender implements SmartLifecycle {

    static final String DELIVERIES = "fairbill_merchant_webhook_deliveries";
    static final String DISABLED = "fairbill_merchant_webhook_endpoints_disabled";
    static final String DISABLEMENTS = "fairbill_merchant_webhook_endpoint_disablements";
    static final String PENDING = "fairbill_merchant_webhook_deliveries_pending";
    private static final Logger log = LoggerFactory.getLogger(MerchantWebhookSender.class);
    private static final Duration GAUGE_REFRESH = Duration.ofSeconds(15);

    private final MerchantDeliveries deliveries;
    private final MerchantEndpoints endpoints;
    private final WebhookProperties properties;
    private final TargetGuard guard;
    private final Clock clock;
    private final HttpClient http;
    private final Semaphore wake = new Semaphore(0);
    private final Map<String, Counter> outcomes = new HashMap<>();
    private final Counter disabledTotal;
    private final AtomicLong disabled = new AtomicLong();
    private final AtomicLong pending = new AtomicLong();
    private volatile boolean running;
    private volatile Thread worker;
    private Instant gaugesAt = Instant.MIN;

    public MerchantWebhookSender(MerchantDeliveries deliveries, MerchantEndpoints endpoints, TargetGuard guard,
                                 WebhookProperties properties, Clock clock, MeterRegistry meters) {
        this.deliveries = deliveries;
        this.endpoints = endpoints;
        this.properties = properties;
        this.guard = guard;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(properties.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        for (String outcome : List.of("delivered", "retried", "failed")) {
            outcomes.put(outcome, Counter.builder(DELIVERIES).description("Attempts to deliver events to merchants' "
                    + "endpoints, by outcome").tag("outcome", outcome).register(meters));
        }
        this.disabledTotal = Counter.builder(DISABLEMENTS)
                .description("Merchant endpoints disabled after a delivery failed for the whole retry window")
                .register(meters);
        Gauge.builder(DISABLED, disabled, AtomicLong::get).description("Merchant endpoints disabled now")
                .register(meters);
        Gauge.builder(PENDING, pending, AtomicLong::get).description("Deliveries to merchants not yet delivered")
                .register(meters);
    }

    /** Looks for due deliveries now, e.g. after new events were recorded. */
    void wake() {
        wake.release();
    }

    @Override
    public void start() {
        running = true;
        worker = Thread.ofPlatform().daemon().name("merchant-webhooks").start(this::run);
    }

    /**
     * Lets the deliveries being sent finish and records their results, so a replica that stops sends nothing twice;
     * an endpoint that does not answer holds the stop up for at most its timeout.
     */
    @Override
    public void stop() {
        running = false;
        wake.release();
        Thread thread = worker;
        if (thread != null) {
            try {
                thread.join(properties.timeout().multipliedBy(2).toMillis() + 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                thread.interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        while (running) {
            try {
                refreshGauges();
                if (sendDue() == 0) {
                    wake.tryAcquire(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("merchant webhooks: sending failed, trying again shortly: {}", e.toString());
                try {
                    Thread.sleep(properties.pollInterval().toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Sends what is due now; returns how many deliveries were tried. */
    int sendDue() throws InterruptedException {
        List<MerchantDeliveries.Due> due = deliveries.claimDue(properties.batch(), properties.claim());
        if (due.isEmpty()) {
            return 0;
        }
        Map<String, List<String>> secrets = new HashMap<>();
        due.forEach(delivery -> secrets.computeIfAbsent(delivery.endpointId(), endpoints::activeSecrets));
        Map<MerchantDeliveries.Due, Future<Attempt>> attempts = new HashMap<>();
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (MerchantDeliveries.Due delivery : due) {
                attempts.put(delivery, senders.submit(() -> attempt(delivery, secrets.get(delivery.endpointId()))));
            }
        }
        for (var entry : attempts.entrySet()) {
            try {
                record(entry.getKey(), entry.getValue().get());
            } catch (java.util.concurrent.ExecutionException e) {
                record(entry.getKey(), new Attempt(null, e.getCause().toString()));
            }
        }
        return due.size();
    }

    /** One attempt's result: the endpoint's status (null when it did not answer) and why it failed (null if not). */
    record Attempt(Integer status, String error) {

        boolean delivered() {
            return error == null;
        }
    }

    private Attempt attempt(MerchantDeliveries.Due delivery, List<String> secrets) {
        Optional<String> refused = guard.refusal(delivery.url());
        if (refused.isPresent()) {
            return new Attempt(null, "the endpoint's URL " + refused.get());
        }
        if (secrets.isEmpty()) {
            return new Attempt(null, "the endpoint has no secret");
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(delivery.url())).timeout(properties.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "Fairbill-Webhooks/1")
                .header("Fairbill-Delivery", delivery.id())
                .header(WebhookSignature.HEADER, WebhookSignature.sign(delivery.body(), clock.instant(), secrets))
                .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body()))
                .build();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status >= 200 && status < 300 ? new Attempt(status, null)
                    : new Attempt(status, "the endpoint answered " + status);
        } catch (IOException e) {
            return new Attempt(null, "no answer: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Attempt(null, "interrupted");
        }
    }

    private void record(MerchantDeliveries.Due delivery, Attempt attempt) {
        Instant now = clock.instant();
        if (attempt.delivered()) {
            deliveries.delivered(delivery, attempt.status(), now);
            outcomes.get("delivered").increment();
            return;
        }
        Instant first = delivery.firstAttemptAt() == null ? now : delivery.firstAttemptAt();
        Instant next = now.plus(properties.backoff(delivery.attempts() + 1));
        if (next.isAfter(first.plus(properties.giveUpAfter()))) {
            deliveries.failed(delivery, attempt.status(), attempt.error(), now, null);
            outcomes.get("failed").increment();
            if (endpoints.disable(delivery.endpointId(), "delivery " + delivery.id() + " failed for "
                    + properties.giveUpAfter() + ": " + attempt.error())) {
                disabledTotal.increment();
                log.warn("merchant webhooks: endpoint {} disabled, delivery {} failed for {}: {}",
                        delivery.endpointId(), delivery.id(), properties.giveUpAfter(), attempt.error());
            }
        } else {
            deliveries.failed(delivery, attempt.status(), attempt.error(), now, next);
            outcomes.get("retried").increment();
        }
    }

    private void refreshGauges() {
        Instant now = clock.instant();
        if (now.isBefore(gaugesAt)) {
            return;
        }
        gaugesAt = now.plus(GAUGE_REFRESH);
        disabled.set(endpoints.disabledCount());
        pending.set(deliveries.pending());
    }
}
