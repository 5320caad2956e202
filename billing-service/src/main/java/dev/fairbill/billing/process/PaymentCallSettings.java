package dev.fairbill.billing.process;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How processor calls are made ({@code fairbill.billing.payment-calls.*}).
 *
 * @param threads the threads that make the calls asked for inside a transaction (a Kafka request, an event), once it
 *                has committed
 * @param grace   how long a call may wait for its answer before the sweep makes it again, under the same idempotency
 *                key: longer than any call takes, so the sweep only finds calls a crash or a full queue left behind
 */
@ConfigurationProperties("fairbill.billing.payment-calls")
public record PaymentCallSettings(@DefaultValue("4") int threads, @DefaultValue("30s") Duration grace) {

    public PaymentCallSettings {
        if (threads < 1) {
            throw new IllegalArgumentException("fairbill.billing.payment-calls.threads must be at least 1");
        }
        if (!grace.isPositive()) {
            throw new IllegalArgumentException("fairbill.billing.payment-calls.grace must be positive, was " + grace);
        }
    }
}
