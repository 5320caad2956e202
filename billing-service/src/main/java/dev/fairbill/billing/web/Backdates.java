package dev.fairbill.billing.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

import dev.fairbill.platform.web.UnprocessableException;

/**
 * How far back an imported subscription or purchase may start: {@code fairbill.billing.max-backdate}, ten years
 * unless set. Periods are counted from the start, so the bound also bounds that work.
 */
@Component
@EnableConfigurationProperties(Backdates.Limit.class)
class Backdates {

    @ConfigurationProperties("fairbill.billing")
    record Limit(@DefaultValue("3650d") Duration maxBackdate) {
    }

    private final Limit limit;
    private final Clock clock;

    Backdates(Limit limit, Clock clock) {
        this.limit = limit;
        this.clock = clock;
    }

    /** Passes {@code null} (no backdate); refuses a start further back than the limit with 422. */
    void requireWithinLimit(Instant backdate, String field) {
        if (backdate != null && backdate.isBefore(clock.instant().minus(limit.maxBackdate()))) {
            throw new UnprocessableException("backdate-too-far", "Backdate too far", field + " may be at most "
                    + limit.maxBackdate().toDays() + " days back.");
        }
    }
}
