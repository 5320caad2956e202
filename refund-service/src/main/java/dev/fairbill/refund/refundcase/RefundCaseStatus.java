package dev.fairbill.refund.refundcase;

/**
 * A refund case's statuses. The policy engine and reviewers move a case to {@code IN_REVIEW}, {@code APPROVED} or
 * {@code DENIED}; executing the refund or remedy ({@code EXECUTING}, {@code COMPLETED}, {@code REMEDIED},
 * {@code FAILED}) is the sagas' part.
 */
public enum RefundCaseStatus {
    IN_REVIEW,
    APPROVED,
    EXECUTING,
    COMPLETED,
    DENIED,
    REMEDIED,
    FAILED
}
