package dev.fairbill.billing.web;

import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * final-sale-reseller §5: "credit tiers also affect the availability of certain features, such as the ability to create
 * sub
 * reseller accounts at higher thresholds". In the tenants listed here a reseller may create sub-resellers only once
 * its tier (published by the ledger from its lifetime purchased credits) allows it; elsewhere any reseller may.
 */
@ConfigurationProperties("fairbill.billing.sub-resellers")
public record SubResellerPolicy(Set<String> tierGatedTenants) {

    public SubResellerPolicy {
        tierGatedTenants = tierGatedTenants == null ? Set.of() : Set.copyOf(tierGatedTenants);
    }

    boolean isTierGated(String tenant) {
        return tierGatedTenants.contains(tenant);
    }
}
