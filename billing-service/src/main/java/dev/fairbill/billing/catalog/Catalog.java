package dev.fairbill.billing.catalog;

import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.fairbill.billing.catalog.CatalogProperties.PlanSpec;
import dev.fairbill.billing.catalog.CatalogProperties.ProductSpec;
import dev.fairbill.billing.catalog.CatalogProperties.TenantCatalog;
import dev.fairbill.billing.subscription.PlanTerms;
import dev.fairbill.platform.money.Money;

/** Every tenant's plans and products, in configuration order. A tenant without a catalog sells nothing. */
public class Catalog {

    private final Map<String, List<CatalogPlan>> plans;
    private final Map<String, List<CatalogProduct>> products;

    public Catalog(CatalogProperties properties) {
        properties.tenants().forEach(Catalog::requireUniqueIds);
        this.plans = properties.tenants().entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
                tenant -> tenant.getValue().plans().stream().map(Catalog::plan).toList()));
        this.products = properties.tenants().entrySet().stream().collect(Collectors.toUnmodifiableMap(
                Map.Entry::getKey, tenant -> tenant.getValue().products().stream().map(Catalog::product).toList()));
    }

    /** The tenants with a catalog: the tenants this billing serves. */
    public Set<String> tenants() {
        return plans.keySet();
    }

    public List<CatalogPlan> plans(String tenant) {
        return plans.getOrDefault(tenant, List.of());
    }

    public Optional<CatalogPlan> plan(String tenant, String planId) {
        return plans(tenant).stream().filter(plan -> plan.id().equals(planId)).findFirst();
    }

    public List<CatalogProduct> products(String tenant) {
        return products.getOrDefault(tenant, List.of());
    }

    public Optional<CatalogProduct> product(String tenant, String productId) {
        return products(tenant).stream().filter(product -> product.id().equals(productId)).findFirst();
    }

    /** The currencies the tenant's plans and products are priced in: the only ones its accounts are charged in. */
    public Set<Currency> currencies(String tenant) {
        return Stream.concat(plans(tenant).stream().map(plan -> plan.terms().price().currency()),
                        products(tenant).stream().map(product -> product.price().currency()))
                .collect(Collectors.toUnmodifiableSet());
    }

    private static CatalogPlan plan(PlanSpec spec) {
        Money price = new Money(spec.price(), spec.currency());
        Money listPrice = spec.listPrice() == null ? price : new Money(spec.listPrice(), spec.currency());
        return new CatalogPlan(spec.name(), new PlanTerms(spec.id(), price, listPrice, spec.interval(),
                spec.includedCredits(), spec.trialDays(), spec.trialCredits()));
    }

    private static CatalogProduct product(ProductSpec spec) {
        return new CatalogProduct(spec.id(), spec.name(), spec.kind(), new Money(spec.price(), spec.currency()),
                spec.credits(), spec.quantity(), spec.refillWindow(), spec.maxDeliveryTime());
    }

    private static void requireUniqueIds(String tenant, TenantCatalog catalog) {
        requireUnique(tenant, "plan", catalog.plans(), PlanSpec::id);
        requireUnique(tenant, "product", catalog.products(), ProductSpec::id);
    }

    private static <T> void requireUnique(String tenant, String what, List<T> items, Function<T, String> id) {
        Set<String> seen = new HashSet<>();
        items.stream().map(id).filter(each -> !seen.add(each)).findFirst().ifPresent(duplicate -> {
            throw new InvalidCatalogException("fairbill.catalog.tenants." + tenant + ": " + what + " id '"
                    + duplicate + "' appears more than once");
        });
    }
}
