package dev.fairbill.billing.dispute;

import java.time.Instant;
import java.util.Objects;

import dev.fairbill.billing.ids.AccountId;
import dev.fairbill.billing.ids.ChargeId;
import dev.fairbill.platform.money.Money;

/**
 * What a payment processor reported about one of its disputes, with the charge and account it resolved to.
 *
 * @param processorDisputeId the processor's own id of the dispute (Stripe {@code dp_…}/{@code du_…}, Adyen's dispute
 *                           PSP reference)
 * @param dueBy              when evidence must reach the processor, if it said
 * @param reportedAt         when the processor created the event; orders out-of-order deliveries
 */
public record DisputeFacts(String tenant, String processor, String processorDisputeId, ChargeId chargeId,
                           AccountId accountId, Money amount, String reason, Instant dueBy, Instant reportedAt) {

    public DisputeFacts {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(processor, "processor");
        Objects.requireNonNull(processorDisputeId, "processorDisputeId");
        Objects.requireNonNull(chargeId, "chargeId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(reportedAt, "reportedAt");
    }
}
