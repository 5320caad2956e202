package dev.fairbill.billing.payment;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The built-in sandbox processor ({@code fairbill.billing.sandbox.*}).
 *
 * @param latency how long each call takes, to behave like a remote processor; 0 in tests
 */
@Validated
@ConfigurationProperties("fairbill.billing.sandbox")
public record SandboxProperties(@DefaultValue("0ms") Duration latency) {

    public SandboxProperties {
        if (latency.isNegative()) {
            throw new IllegalArgumentException("fairbill.billing.sandbox.latency must not be negative, was " + latency);
        }
    }
}
