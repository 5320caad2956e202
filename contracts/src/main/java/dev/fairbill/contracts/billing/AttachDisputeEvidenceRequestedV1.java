package dev.fairbill.contracts.billing;

import java.time.Instant;
import java.util.List;

/**
 * The chargeback saga's part of a dispute's evidence bundle (saga 3, final-sale-reseller §9): what refund-service knows
 * of the account — refund cases and their notes, credit usage, subscription periods, purchases and their fulfilment.
 * Billing adds it to the bundle it compiles from its own history ({@code GET /api/v1/disputes/{id}/evidence}); a
 * later compilation replaces an earlier one. Sent on {@link dev.fairbill.contracts.Topics#BILLING_REQUESTS} with
 * CloudEvents type {@value #TYPE} and subject = account id.
 *
 * @param recommendation {@code CONTEST_REFUNDED} when the disputed charge was already refunded (the refund is the
 *                       evidence: money never goes back twice), otherwise {@code CONTEST}
 */
public record AttachDisputeEvidenceRequestedV1(String disputeId, String chargeId, String accountId, String tenant,
                                               String recommendation, List<Item> items, Instant compiledAt) {

    public static final String TYPE = "fairbill.billing.attach-dispute-evidence-requested.v1";

    public AttachDisputeEvidenceRequestedV1 {
        items = items == null ? List.of() : List.copyOf(items);
    }

    /**
     * One fact of the bundle.
     *
     * @param kind      {@code REFUND_CASE}, {@code REFUND}, {@code CREDIT_USAGE}, {@code SUBSCRIPTION_PERIOD},
     *                  {@code PURCHASE} or {@code SUPPORT_NOTE}
     * @param reference the id it is about (case, charge, subscription, purchase, operation)
     * @param summary   one line a dispute analyst can read
     */
    public record Item(Instant occurredAt, String kind, String reference, String summary) {
    }
}
