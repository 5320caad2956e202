package dev.fairbill.billing.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * The subscription after a cancellation that also asked for a refund, and the id of the refund case the refund service
 * opens from the published cancellation (ADR 0014): readable at {@code /refund-requests/{id}} once it is decided.
 */
public record SubscriptionCancelResponse(@JsonUnwrapped SubscriptionResponse subscription,
                                         @JsonInclude(JsonInclude.Include.ALWAYS) String refundCaseId) {
}
