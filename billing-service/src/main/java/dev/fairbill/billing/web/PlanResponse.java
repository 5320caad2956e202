package dev.fairbill.billing.web;

import dev.fairbill.billing.catalog.CatalogPlan;
import dev.fairbill.billing.subscription.PlanInterval;
import dev.fairbill.platform.money.Money;

/** A plan of the tenant's catalog; {@code listPrice} is the undiscounted price of one period. */
public record PlanResponse(String id, String name, Money price, Money listPrice, PlanInterval interval,
                           long includedCredits, int trialDays, long trialCredits) {

    static PlanResponse of(CatalogPlan plan) {
        var terms = plan.terms();
        return new PlanResponse(plan.id(), plan.name(), terms.price(), terms.listPrice(), terms.interval(),
                terms.includedCredits(), terms.trialDays(), terms.trialCredits());
    }
}
