package dev.fairbill.billing.domain;

/** How a closed dispute ended: won reinstates the account, lost terminates it. */
public enum DisputeOutcome {
    WON,
    LOST
}
