package dev.fairbill.billing.account;

/** Where an account stands in the reseller hierarchy (seed 000): reseller → sub-reseller → end customer. */
public enum AccountRole {
    CUSTOMER,
    RESELLER,
    SUB_RESELLER;

    /** Accounts of this role may have accounts below them. */
    public boolean canParent() {
        return this != CUSTOMER;
    }
}
