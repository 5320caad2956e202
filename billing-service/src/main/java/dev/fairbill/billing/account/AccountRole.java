package dev.fairbill.billing.account;

/** Where an account stands in the reseller hierarchy (final-sale-reseller): reseller → sub-reseller → end customer. */
public enum AccountRole {
    CUSTOMER,
    RESELLER,
    SUB_RESELLER;

    /** Accounts of this role may have accounts below them. */
    public boolean canParent() {
        return this != CUSTOMER;
    }
}
