package dev.fairbill.platform.audit;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.fairbill.platform.web.FairbillWebAutoConfiguration;

/** The audit trail and its endpoint, in the services that record operators' actions ({@code fairbill.audit.enabled}). */
@AutoConfiguration(after = FairbillWebAutoConfiguration.class, afterName =
        "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnProperty(name = "fairbill.audit.enabled", havingValue = "true")
public class AuditAutoConfiguration {

    @Bean
    @ConditionalOnBean(JdbcClient.class)
    public AuditTrail auditTrail(JdbcClient jdbc) {
        return new AuditTrail(jdbc);
    }

    @Bean
    @ConditionalOnBean(AuditTrail.class)
    public AuditController auditController(AuditTrail trail) {
        return new AuditController(trail);
    }
}
