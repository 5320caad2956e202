package dev.fairbill.billing.notification;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How events reach merchants' webhook endpoints.
 *
 * @param retryInitial        the wait after the first failed attempt; each further failure doubles it
 * @param retryMax            the longest wait between two attempts
 * @param giveUpAfter         how long after its first attempt a delivery is retried; then it fails and its endpoint is
 *                            disabled
 * @param timeout             how long an endpoint has to connect and answer
 * @param allowPrivateTargets whether endpoints may be on loopback or private addresses (the local profile only)
 * @param pollInterval        how often due deliveries are looked for when nothing new arrived
 * @param batch               deliveries sent at once by one replica
 * @param claim               how long a replica has a delivery to itself while it sends it
 * @param maxEndpoints        endpoints one tenant may have
 * @param maxRotationOverlap  the longest time an old secret stays valid after a rotation
 * @param consumerGroup       the Kafka consumer group that reads the services' events for merchants
 */
@ConfigurationProperties("fairbill.merchant-webhooks")
public record WebhookProperties(@DefaultValue("1m") Duration retryInitial,
                                @DefaultValue("6h") Duration retryMax,
                                @DefaultValue("3d") Duration giveUpAfter,
                                @DefaultValue("10s") Duration timeout,
                                @DefaultValue("false") boolean allowPrivateTargets,
                                @DefaultValue("500ms") Duration pollInterval,
                                @DefaultValue("16") int batch,
                                @DefaultValue("1m") Duration claim,
                                @DefaultValue("16") int maxEndpoints,
                                @DefaultValue("7d") Duration maxRotationOverlap,
                                @DefaultValue("billing-merchant-webhooks") String consumerGroup) {

    /** The wait after the {@code failures}-th failed attempt: doubling from {@link #retryInitial}, at most {@link #retryMax}. */
    Duration backoff(int failures) {
        Duration wait = retryInitial;
        for (int i = 1; i < failures && wait.compareTo(retryMax) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(retryMax) > 0 ? retryMax : wait;
    }
}
