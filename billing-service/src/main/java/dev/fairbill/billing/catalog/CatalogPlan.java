package dev.fairbill.billing.catalog;

import dev.fairbill.billing.subscription.PlanTerms;

/** A plan of a tenant's catalog: its display name and the terms a subscription to it gets. */
public record CatalogPlan(String name, PlanTerms terms) {

    public String id() {
        return terms.planId();
    }
}
