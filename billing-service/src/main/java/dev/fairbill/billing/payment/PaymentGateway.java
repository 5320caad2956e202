package dev.fairbill.billing.payment;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.fairbill.platform.money.Money;

/**
 * The port to a payment processor. Requests carry an idempotency key so that a retried call (after a crash or a lost
 * answer) takes money or gives it back at most once at the processor. Implementations never log payment methods.
 * <p>
 * A call either answers (captured or declined, refunded or refused) or throws: a processor that could not be reached,
 * refused the credentials or has not decided yet leaves the call waiting, and it is made again later under the same
 * key ({@link ProcessorUnavailable}).
 */
public interface PaymentGateway {

    /** The name stored with every charge, e.g. {@code sandbox}. */
    String name();

    /** Whether the processor can charge {@code paymentMethod}; asked before anything is recorded for it. */
    boolean knows(String paymentMethod);

    /** @throws UnknownPaymentMethodException if the processor does not know {@code paymentMethod} */
    CaptureResult capture(CaptureRequest request);

    RefundResult refund(RefundRequest request);

    /**
     * What the processor holds of the payments created since {@code since}, for reconciliation; empty for a processor
     * that cannot list them.
     *
     * @throws ProcessorUnavailable if the processor did not answer
     */
    default Optional<List<ProcessorPayment>> paymentsSince(Instant since) {
        return Optional.empty();
    }

    /**
     * Sends a dispute's evidence and submits the response, once: the processor decides the dispute on it. A processor
     * that takes no evidence through its API answers {@link EvidenceForOperator}.
     *
     * @throws ProcessorUnavailable if the processor did not answer; the submission is made again later, under the
     *                              same key
     */
    default EvidenceResult submitDisputeEvidence(EvidenceRequest request) {
        return new EvidenceForOperator(name() + " takes no dispute evidence through its API");
    }

    /**
     * A dispute's evidence, as text the processor's reviewers read.
     *
     * @param disputeId          our dispute id, the idempotency key
     * @param serviceDate        when the disputed charge was captured
     * @param activityLog        what the account did, oldest first: activation, credits granted and used, holds
     * @param explanation        why the charge stands, or that it was refunded already
     */
    record EvidenceRequest(String disputeId, String processorDisputeId, String chargeId, String productDescription,
                           Instant serviceDate, String activityLog, String explanation) {
    }

    sealed interface EvidenceResult {
    }

    record EvidenceSubmitted() implements EvidenceResult {
    }

    /** @param reason why an operator sends the evidence instead */
    record EvidenceForOperator(String reason) implements EvidenceResult {
    }

    /** @param code the processor's reason, such as a dispute that no longer takes evidence */
    record EvidenceRefused(String code) implements EvidenceResult {
    }

    /**
     * One payment as the processor holds it.
     *
     * @param chargeId  Fairbill's charge id, from the payment's metadata; null for a payment made elsewhere
     * @param captured  the processor took the money
     * @param refunded  what the processor has paid back of it
     * @param createdAt when the processor created it
     */
    record ProcessorPayment(String processorChargeId, String chargeId, Money amount, boolean captured,
                            Money refunded, Instant createdAt) {
    }

    /**
     * @param idempotencyKey our charge id
     * @param offSession     the customer is not there to authenticate: a charge billing makes by itself (a
     *                       subscription's period), not one a caller asked for
     */
    record CaptureRequest(String idempotencyKey, Money amount, String paymentMethod, String description,
                          boolean offSession) {
    }

    /**
     * @param refundId      our refund id
     * @param attempt       1 for the first request of the refund id, 2 for a request after that one was declined or
     *                      failed, and so on; a request made again after a crash keeps its attempt
     * @param chargeId      our charge id
     * @param paymentMethod the charge's payment method, where the money goes back to
     */
    record RefundRequest(String refundId, int attempt, String chargeId, String processorChargeId,
                         String paymentMethod, Money amount) {

        /** The first attempt of {@code refundId}. */
        public RefundRequest(String refundId, String chargeId, String processorChargeId, String paymentMethod,
                             Money amount) {
            this(refundId, 1, chargeId, processorChargeId, paymentMethod, amount);
        }

        /**
         * The key the processor de-duplicates on: the refund id for its first attempt, and one of its own for each
         * later one, since the processor answers a repeated key with its first answer.
         */
        public String idempotencyKey() {
            return attempt <= 1 ? refundId : refundId + "-attempt-" + attempt;
        }
    }

    sealed interface CaptureResult {
    }

    record Captured(String processorChargeId) implements CaptureResult {
    }

    record Declined(String failureCode) implements CaptureResult {
    }

    sealed interface RefundResult {
    }

    record Refunded(String processorRefundId) implements RefundResult {
    }

    record RefundDeclined(String failureCode) implements RefundResult {
    }

    /**
     * The processor received the refund and decides it later: its notification is the answer, paid or failed.
     *
     * @param processorRefundId the processor's reference of the refund, which its notification names
     */
    record RefundAccepted(String processorRefundId) implements RefundResult {
    }
}
