package dev.fairbill.billing.domain;

/** One reason a subscription is suspended, mirrored from its account's hold (seed 000 §9, seed 001 §7). */
public record SubscriptionHold(HoldReason reason, String reference) {
}
