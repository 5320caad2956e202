package dev.fairbill.billing.process;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Duplicate charge detection ({@code fairbill.billing.duplicates.*}).
 *
 * @param window how close together two ad-hoc charges of the same account, amount and description must be captured
 *               for the later one to be a duplicate
 */
@ConfigurationProperties("fairbill.billing.duplicates")
public record DuplicateDetectionProperties(@DefaultValue("10m") Duration window) {

    public DuplicateDetectionProperties {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("fairbill.billing.duplicates.window must be positive, was " + window);
        }
    }
}
