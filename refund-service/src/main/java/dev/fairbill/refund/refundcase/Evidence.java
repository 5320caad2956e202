package dev.fairbill.refund.refundcase;

/** A piece of evidence for a refund request, e.g. a police report's reference. */
public record Evidence(EvidenceKind kind, String reference) {

    public enum EvidenceKind {
        ORDER_DETAILS,
        POLICE_REPORT,
        BANK_PROOF,
        SCREENSHOT,
        SUPPORT_TICKET
    }
}
