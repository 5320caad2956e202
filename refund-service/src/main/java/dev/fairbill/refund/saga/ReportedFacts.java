package dev.fairbill.refund.saga;

import java.time.Instant;
import java.util.List;

import org.axonframework.serialization.Revision;

import dev.fairbill.platform.axon.naming.StoredAs;
import dev.fairbill.platform.money.Money;

/**
 * Other services' facts the sagas wait for, published on refund-service's own event bus from the inbox transaction
 * that received them, so a saga sees each once and in the order they were received.
 */
public final class ReportedFacts {

    /** Billing refunded a charge under {@code refundId}. */
    @StoredAs("refund.ChargeRefundReported")
    @Revision("1")
    /** @param toBalance the part billing returned to the cash balance the charge was partly paid from; zero if none */
    public record ChargeRefundReported(String refundId, String chargeId, String accountId, Money amount,
                                       Instant refundedAt, Money toBalance) {

        public ChargeRefundReported(String refundId, String chargeId, String accountId, Money amount,
                                    Instant refundedAt) {
            this(refundId, chargeId, accountId, amount, refundedAt, Money.zero(amount.currency()));
        }
    }

    /** Billing refused or the processor failed the refund {@code refundId}; nothing was refunded. */
    @StoredAs("refund.ChargeRefundFailureReported")
    @Revision("1")
    public record ChargeRefundFailureReported(String refundId, String chargeId, String failureCode,
                                              Instant failedAt) {
    }

    /** The ledger granted the lot of operation {@code operationId}. */
    @StoredAs("refund.LotGrantReported")
    @Revision("1")
    public record LotGrantReported(String operationId, String accountId, String lotId, Instant grantedAt) {
    }

    /**
     * @param subResellers the account's sub-resellers when the dispute opened (final-sale-reseller: their allocations
     * freeze)
     */
    @StoredAs("refund.DisputeOpenReported")
    @Revision("1")
    public record DisputeOpenReported(String disputeId, String chargeId, String accountId, String tenant,
                                      Money amount, String reason, Instant dueBy, Instant openedAt,
                                      List<String> subResellers) {
    }

    /** @param outcome {@code WON} or {@code LOST} */
    @StoredAs("refund.DisputeCloseReported")
    @Revision("1")
    public record DisputeCloseReported(String disputeId, String chargeId, String accountId, String tenant,
                                       String outcome, Money amount, Instant closedAt) {
    }

    private ReportedFacts() {
    }
}
