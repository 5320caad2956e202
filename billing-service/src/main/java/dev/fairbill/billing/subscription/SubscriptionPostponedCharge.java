package dev.fairbill.billing.subscription;

/** A charge that fell due while the subscription was suspended; it is made when the subscription is reinstated. */
public enum SubscriptionPostponedCharge {
    /** The period (or trial) ended: the next period starts on reinstatement. */
    RENEWAL,
    /** A dunning retry of the unpaid period. */
    RETRY
}
