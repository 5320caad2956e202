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
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import dev.fairbill.platform.testsupport.IntegrationTest;
import tools.jackson.databind.JsonNode;

/**
 * A stored webhook delivery is applied at once, not at the processor's next poll (the latency target of
 * saga 3): with the poll an hour apart, the dispute still suspends the account within seconds.
 */
@IntegrationTest
@TestPropertySource(properties = {"fairbill.billing.sandbox.latency=0ms",
        "fairbill.webhook-processing.poll-interval=1h"})
class WebhookProcessedAtOnceIT {

    @LocalServerPort int port;

    @Test
    void aStoredDisputeIsProcessedWithoutWaitingForThePoll() {
        var billing = new WebhookTestSupport(port);
        String account = billing.openCustomer("studio");
        JsonNode charge = billing.capturedCharge("studio", account);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        // the first poll runs at startup; wait until it has passed so only the nudge can process this delivery
        Awaitility.await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
        String created = stripeDisputeEvent("evt_" + UUID.randomUUID(), "charge.dispute.created",
                "du_" + UUID.randomUUID(), charge.get("processorChargeId").asString(), "needs_response", now);

        assertThat(billing.postStripe("studio", created, stripeSignature("studio", created, now)).status())
                .isEqualTo(200);

        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> billing.account("studio", account).get("status").asString().equals("SUSPENDED"));
    }
}
