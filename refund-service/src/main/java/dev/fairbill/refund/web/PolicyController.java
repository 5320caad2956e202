package dev.fairbill.refund.web;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.fairbill.platform.web.NotFoundException;
import dev.fairbill.refund.policy.PolicyCatalog;
import dev.fairbill.refund.policy.PolicyDocument;

/** The built-in policy templates ({@code GET /api/v1/policies}), clause by clause. */
@RestController
@RequestMapping("/api/v1/policies")
public class PolicyController {

    private final PolicyCatalog catalog;

    public PolicyController(PolicyCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping
    public PolicyList list() {
        return new PolicyList(catalog.all());
    }

    @GetMapping("/{policyId}")
    public PolicyDocument get(@PathVariable String policyId) {
        return catalog.find(policyId).orElseThrow(() -> new NotFoundException("Policy " + policyId));
    }

    public record PolicyList(List<PolicyDocument> data) {
    }
}
