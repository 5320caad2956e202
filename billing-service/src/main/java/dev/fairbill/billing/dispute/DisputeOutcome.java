package dev.fairbill.billing.dispute;

/** How a closed dispute ended: won reinstates the account, lost terminates it. */
public enum DisputeOutcome {
    WON,
    LOST
}
