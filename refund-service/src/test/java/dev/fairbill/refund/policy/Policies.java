package dev.fairbill.refund.policy;

/** The shipped policy documents, loaded once for all tests. */
final class Policies {

    static final PolicyCatalog CATALOG = PolicyCatalog.fromClasspath();

    static final String FINAL_SALE_RESELLER = "final-sale-reseller";
    static final String FINAL_SALE_DUPLICATES_REFUNDED = "final-sale-duplicates-refunded";
    static final String EXCEPTIONS_WITHIN_7_DAYS = "exceptions-within-7-days";
    static final String REFILL_OR_REFUND = "refill-or-refund";
    static final String COOLING_OFF_PRORATA = "cooling-off-prorata";

    private Policies() {
    }

    /** A template as a tenant without overrides runs it. */
    static TenantPolicy template(String id) {
        PolicyDocument document = CATALOG.find(id).orElseThrow();
        return new TenantPolicy("tenant-" + id, document, document.parameters());
    }
}
