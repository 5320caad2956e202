package dev.fairbill.contracts.ledger;

/**
 * A request (on {@link dev.fairbill.contracts.Topics#LEDGER_REQUESTS}, CloudEvents type {@value #TYPE}, subject =
 * account id) to take back the unconsumed credits bought with a charge that was lost in a dispute (saga 3).
 */
public record ClawBackCreditsRequestedV1(String accountId, String tenant, String chargeId, String disputeId) {

    public static final String TYPE = "fairbill.ledger.claw-back-credits-requested.v1";
}
