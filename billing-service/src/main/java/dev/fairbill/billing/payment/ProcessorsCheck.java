package dev.fairbill.billing.payment;

import java.util.Collection;
import java.util.List;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.core.env.Environment;

import dev.fairbill.billing.catalog.CatalogProperties;

/**
 * Stops the service at start-up, outside the local profile, while a tenant of the catalog names no payment processor.
 * Such a tenant would charge through the sandbox by omission, and record as paid money no processor took. A
 * deployment that takes no real money (a staging one) names {@code sandbox} on purpose.
 */
@Configuration(proxyBeanMethods = false)
class ProcessorsCheck {

    /** Checked after the webhook secrets, so a deployment without any secret hears about those first. */
    @Bean
    @DependsOn("webhookSecretsCheck")
    InitializingBean processorsNamed(ProcessorSettings settings, CatalogProperties catalog, Environment environment) {
        return () -> verify(settings, catalog.tenants().keySet(), environment.matchesProfiles("local"));
    }

    static void verify(ProcessorSettings settings, Collection<String> tenants, boolean localProfile) {
        if (localProfile) {
            return;
        }
        List<String> unnamed = tenants.stream().filter(tenant -> !settings.processors().containsKey(tenant)).sorted()
                .toList();
        if (!unnamed.isEmpty()) {
            throw new IllegalStateException("Tenant(s) " + unnamed + " name no payment processor: outside the local "
                    + "profile set FAIRBILL_PROCESSORS_<TENANT>_PROCESSOR for each, to stripe or adyen with its "
                    + "credentials, or to sandbox for a deployment that takes no real money");
        }
    }
}
