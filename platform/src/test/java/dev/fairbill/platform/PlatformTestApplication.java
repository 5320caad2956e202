package dev.fairbill.platform;

import java.util.Optional;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

import dev.fairbill.platform.messaging.IntegrationEventMapper;

/** The smallest service there is: only the platform's auto-configuration, for testing the platform itself. */
@SpringBootApplication
public class PlatformTestApplication {

    /** Publishes nothing, but makes the platform start its Kafka publisher as a real service would. */
    @Bean
    IntegrationEventMapper publishNothing() {
        return domainEvent -> Optional.empty();
    }
}
