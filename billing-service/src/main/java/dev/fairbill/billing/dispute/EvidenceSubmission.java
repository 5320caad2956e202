package dev.fairbill.billing.dispute;

/** What became of a dispute's evidence bundle at the processor. */
public enum EvidenceSubmission {
    /** The processor took the evidence and the response is submitted: it decides the dispute now. */
    SUBMITTED,
    /** The processor takes no evidence through its API: the bundle is ready for an operator to send. */
    FOR_OPERATOR,
    /** The processor refused the evidence, for instance because the dispute no longer accepts any. */
    REFUSED
}
