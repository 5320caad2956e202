package dev.fairbill.billing.webhook;

/** A verified delivery was stored (committed); the processor may apply it now instead of at its next poll. */
record WebhookStored(PaymentProvider processor, String tenant) {
}
