package dev.fairbill.billing.domain;

/** How a closed dispute ended: won reinstates the account, lost terminates it (DOMAIN.md Suspension). */
public enum DisputeOutcome {
    WON,
    LOST
}
