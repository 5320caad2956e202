package dev.fairbill.refund.saga;

import dev.fairbill.refund.saga.ChargebackRequests.DisputeEvidence;

/** What refund-service knows of a disputed account, for the evidence bundle (seed 000 §9). */
public interface DisputeEvidenceSource {

    DisputeEvidence compile(String tenant, String accountId, String chargeId);
}
