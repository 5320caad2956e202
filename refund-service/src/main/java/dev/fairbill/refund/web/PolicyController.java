package dev.fairbill.refund.web;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.fairbill.platform.security.Caller;
import dev.fairbill.platform.web.NotFoundException;
import dev.fairbill.refund.policy.PolicyCatalog;
import dev.fairbill.refund.policy.PolicyDocument;
import dev.fairbill.refund.policy.TenantPolicies;
import dev.fairbill.refund.policy.TenantPolicy;

/**
 * The built-in policy templates ({@code GET /api/v1/policies}), clause by clause, and the caller's tenant's
 * effective policy: its template with the tenant's parameter overrides applied.
 */
@RestController
@RequestMapping("/api/v1/policies")
public class PolicyController {

    private final PolicyCatalog catalog;
    private final TenantPolicies tenantPolicies;

    public PolicyController(PolicyCatalog catalog, TenantPolicies tenantPolicies) {
        this.catalog = catalog;
        this.tenantPolicies = tenantPolicies;
    }

    @GetMapping
    public PolicyList list() {
        TenantPolicy policy = tenantPolicies.forTenant(Caller.current().tenant());
        PolicyDocument template = policy.document();
        Map<String, Object> overridden = new TreeMap<>();
        policy.parameters().values().forEach((name, value) -> {
            if (!Objects.equals(template.parameters().values().get(name), value)) {
                overridden.put(name, value);
            }
        });
        PolicyDocument effective = new PolicyDocument(template.id(), template.version(), template.seed(),
                template.name(), template.description(), policy.parameters(), template.clauses(),
                template.approvedRefundCancelsSubscription());
        return new PolicyList(catalog.all(), new EffectivePolicy(policy.tenant(), effective, overridden));
    }

    @GetMapping("/{policyId}")
    public PolicyDocument get(@PathVariable String policyId) {
        return catalog.find(policyId).orElseThrow(() -> new NotFoundException("Policy " + policyId));
    }

    /** @param effective the caller's tenant's policy as it decides its cases */
    public record PolicyList(List<PolicyDocument> data, EffectivePolicy effective) {
    }

    /**
     * @param policy     the tenant's template with its parameters as the tenant set them
     * @param overridden the parameters that differ from the template's, with the tenant's values
     */
    public record EffectivePolicy(String tenant, PolicyDocument policy, Map<String, Object> overridden) {
    }
}
