package dev.fairbill.billing.webhook;

import static dev.fairbill.billing.webhook.WebhookTestSupport.stripeDisputeEvent;
import static dev.fairbill.billing.webhook.WebhookTestSupport.stripeSignature;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.fairbill.billing.BillingApplication;
import dev.fairbill.platform.testsupport.FairbillTestEnvironment;

/**
 * Webhooks: nothing is lost when the service restarts between acknowledging a webhook and processing it.
 * The first instance stores and acknowledges but does not process (processing disabled); it stops, and a new instance
 * on the same database processes the stored delivery.
 */
class WebhookRestartIT {

    @Test
    void deliveryAcknowledgedBeforeARestartIsProcessedAfterIt() {
        String database = FairbillTestEnvironment.newDatabase();
        String account;
        String eventId = "evt_" + UUID.randomUUID();

        try (var first = start(database, false)) {
            var billing = new WebhookTestSupport(port(first));
            account = billing.openCustomer("panel");
            var charge = billing.capturedCharge("panel", account);
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            String event = stripeDisputeEvent(eventId, "charge.dispute.created", "du_" + UUID.randomUUID(),
                    charge.get("processorChargeId").asString(), "needs_response", now);

            assertThat(billing.postStripe("panel", event, stripeSignature("panel", event, now)).status())
                    .isEqualTo(200);

            assertThat(unprocessed(first, eventId)).isEqualTo(1);
            assertThat(billing.account("panel", account).get("status").asString()).isEqualTo("ACTIVE");
        }

        try (var second = start(database, true)) {
            var billing = new WebhookTestSupport(port(second));
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                    billing.account("panel", account).get("status").asString().equals("SUSPENDED"));
            assertThat(unprocessed(second, eventId)).isZero();
        }
    }

    private static ConfigurableApplicationContext start(String database, boolean processing) {
        return new SpringApplicationBuilder(BillingApplication.class)
                .initializers(context -> FairbillTestEnvironment.properties(database)
                        .and("server.port=0", "management.server.port=0", "fairbill.billing.sandbox.latency=0ms",
                                "fairbill.webhook-processing.poll-interval=100ms",
                                "fairbill.webhook-processing.enabled=" + processing)
                        .applyTo(context))
                .run();
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    private static long unprocessed(ConfigurableApplicationContext context, String eventId) {
        return context.getBean(JdbcClient.class)
                .sql("SELECT count(*) FROM webhook_deliveries WHERE event_id = ? AND processed_at IS NULL")
                .param(eventId).query(Long.class).single();
    }
}
