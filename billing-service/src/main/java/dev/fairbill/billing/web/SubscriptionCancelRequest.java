package dev.fairbill.billing.web;

import dev.fairbill.billing.subscription.SubscriptionCancellationMode;
import dev.fairbill.contracts.refund.RefundReason;
import jakarta.validation.constraints.Size;

/** @param mode {@code END_OF_PERIOD} when absent */
public record SubscriptionCancelRequest(SubscriptionCancellationMode mode, @Size(max = 500) String reason,
                                        Boolean requestRefund, RefundReason refundReason) {

    SubscriptionCancellationMode modeOrDefault() {
        return mode == null ? SubscriptionCancellationMode.END_OF_PERIOD : mode;
    }

    boolean refundRequested() {
        return Boolean.TRUE.equals(requestRefund);
    }
}
