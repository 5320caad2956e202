package dev.fairbill.billing.subscription;

import dev.fairbill.billing.account.SuspensionReason;

/**
 * One reason a subscription is suspended, mirrored from its account's hold (final-sale-reseller §9,
 * final-sale-duplicates-refunded §7).
 */
public record SubscriptionSuspension(SuspensionReason reason, String reference) {
}
