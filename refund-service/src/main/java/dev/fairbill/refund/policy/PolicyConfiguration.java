package dev.fairbill.refund.policy;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The policy engine's beans; an invalid policy document or tenant setting stops the service at startup. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RefundPolicyProperties.class)
public class PolicyConfiguration {

    @Bean
    public PolicyCatalog policyCatalog() {
        return PolicyCatalog.fromClasspath();
    }

    @Bean
    public TenantPolicies tenantPolicies(PolicyCatalog catalog, RefundPolicyProperties properties) {
        return new TenantPolicies(catalog, properties);
    }

    @Bean
    public PolicyEngine policyEngine() {
        return new PolicyEngine();
    }
}
