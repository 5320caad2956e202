package dev.fairbill.refund.policy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;

import dev.fairbill.refund.policy.RefundPolicyProperties.TenantRefunds;

/** Each tenant's effective refund policy, resolved once at startup from {@link RefundPolicyProperties}. */
public class TenantPolicies {

    private final Map<String, TenantPolicy> byTenant;

    /** @throws IllegalArgumentException naming the setting when a template or an override does not exist */
    public TenantPolicies(PolicyCatalog catalog, RefundPolicyProperties properties) {
        Map<String, TenantPolicy> policies = new LinkedHashMap<>();
        properties.tenants().forEach((tenant, settings) -> policies.put(tenant, resolve(catalog, tenant, settings)));
        this.byTenant = Collections.unmodifiableMap(policies);
    }

    /** @throws NoSuchElementException when the tenant has no refund policy configured */
    public TenantPolicy forTenant(String tenant) {
        TenantPolicy policy = byTenant.get(tenant);
        if (policy == null) {
            throw new NoSuchElementException("no refund policy is configured for tenant " + tenant);
        }
        return policy;
    }

    private static TenantPolicy resolve(PolicyCatalog catalog, String tenant, TenantRefunds settings) {
        String prefix = "fairbill.refunds.tenants." + tenant + ".";
        PolicyDocument document = catalog.find(settings.template()).orElseThrow(() -> new IllegalArgumentException(
                prefix + "template: unknown refund policy template '" + settings.template() + "' (known: "
                        + catalog.all().stream().map(PolicyDocument::id).collect(Collectors.joining(", ")) + ")"));
        PolicyParameters parameters = document.parameters();
        for (Map.Entry<String, Object> override : settings.overrides().entrySet()) {
            try {
                parameters = parameters.with(override.getKey(), override.getValue());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(prefix + kebabCase(override.getKey()) + ": template "
                        + document.id() + " cannot take it (" + e.getMessage() + ")", e);
            }
        }
        return new TenantPolicy(tenant, document, parameters);
    }

    private static String kebabCase(String camelCase) {
        return camelCase.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
    }
}
