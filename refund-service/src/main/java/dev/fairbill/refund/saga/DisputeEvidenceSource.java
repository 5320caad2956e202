package dev.fairbill.refund.saga;

import dev.fairbill.refund.saga.ChargebackRequests.DisputeEvidence;

/** What refund-service knows of a disputed account, for the evidence bundle (final-sale-reseller §9). */
public interface DisputeEvidenceSource {

    DisputeEvidence compile(String tenant, String accountId, String chargeId);
}
