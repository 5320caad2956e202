package dev.fairbill.platform.config;

import java.time.Clock;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** Infrastructure every service shares that has no better home. */
@AutoConfiguration
public class PlatformAutoConfiguration {

    /** All business time comes from this clock; tests replace it. */
    @Bean
    @ConditionalOnMissingBean
    public Clock clock() {
        return Clock.systemUTC();
    }
}
