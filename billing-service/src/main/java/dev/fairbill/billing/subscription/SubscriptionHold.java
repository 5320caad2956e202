package dev.fairbill.billing.subscription;

import dev.fairbill.billing.account.HoldReason;

/** One reason a subscription is suspended, mirrored from its account's hold (seed 000 §9, seed 001 §7). */
public record SubscriptionHold(HoldReason reason, String reference) {
}
