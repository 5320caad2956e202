package dev.fairbill.billing.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * The subscription after a cancellation that also asked for a refund. The refund case is opened by the refund
 * service from the published cancellation, so its id is not known yet and is {@code null} (ADR 0005).
 */
public record SubscriptionCancelResponse(@JsonUnwrapped SubscriptionResponse subscription,
                                         @JsonInclude(JsonInclude.Include.ALWAYS) String refundCaseId) {
}
