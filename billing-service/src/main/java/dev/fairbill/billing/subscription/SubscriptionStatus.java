package dev.fairbill.billing.subscription;

/** The states of a subscription (docs/domain.md, subscription lifecycle). */
public enum SubscriptionStatus {
    TRIALING,
    ACTIVE,
    PAST_DUE,
    CANCELLATION_SCHEDULED,
    CANCELLED,
    EXPIRED,
    SUSPENDED,
    TERMINATED;

    /** Nothing happens to a subscription in a final state any more. */
    public boolean isFinal() {
        return this == CANCELLED || this == EXPIRED || this == TERMINATED;
    }
}
