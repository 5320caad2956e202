package dev.fairbill.refund.saga;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RefundExecutionSettings.class)
class SagaConfiguration {
}
