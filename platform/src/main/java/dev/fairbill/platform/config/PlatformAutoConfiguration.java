package dev.fairbill.platform.config;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.fairbill.platform.testclock.TestAwareClock;

/** Infrastructure every service shares that has no better home. */
@AutoConfiguration
public class PlatformAutoConfiguration {

    /**
     * All business time comes from this clock; tests replace it. It ticks in microseconds, PostgreSQL's precision, so
     * an instant written to a read model or compared after a round trip through the database stays equal. Work for an
     * account on a test clock sees that clock's time instead.
     */
    @Bean
    @ConditionalOnMissingBean
    public Clock clock() {
        return new TestAwareClock(Clock.tick(Clock.systemUTC(), Duration.of(1, ChronoUnit.MICROS)));
    }
}
