package dev.fairbill.ledger.ledger;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import dev.fairbill.platform.audit.Actor;
import dev.fairbill.platform.money.Money;

/** The commands the CreditLedger accepts. */
public final class LedgerCommands {

    /**
     * Adds a lot. {@code operationId} makes it happen once: a second grant with the same operation id changes
     * nothing and answers the first lot's id.
     */
    public record GrantLot(@TargetAggregateIdentifier LedgerId ledgerId, String operationId, LotId lotId,
                           CreditUnit unit, LotSource source, long amount, Instant expiresAt, String reference,
                           String chargeId, String subscriptionId, Actor actor) {

        /** A grant by the service itself. */
        public GrantLot(LedgerId ledgerId, String operationId, LotId lotId, CreditUnit unit, LotSource source,
                        long amount, Instant expiresAt, String reference, String chargeId, String subscriptionId) {
            this(ledgerId, operationId, lotId, unit, source, amount, expiresAt, reference, chargeId, subscriptionId,
                    Actor.service());
        }
    }

    /** Uses credits, soonest expiry first, then the oldest lot; applied once per operation id. */
    public record ConsumeCredits(@TargetAggregateIdentifier LedgerId ledgerId, String operationId,
                                 String consumptionId, long amount, String reference) {
    }

    public record PlaceHold(@TargetAggregateIdentifier LedgerId ledgerId, String operationId, HoldId holdId,
                            long amount, String reference, Instant expiresAt) {
    }

    /** Uses a pending hold's credits: all of them, or {@code amount} and the rest goes back. */
    public record CaptureHold(@TargetAggregateIdentifier LedgerId ledgerId, HoldId holdId, Long amount) {
    }

    public record ReleaseHold(@TargetAggregateIdentifier LedgerId ledgerId, HoldId holdId) {
    }

    /** Forfeits what is left of a subscription's allowance and trial lots (final-sale-duplicates-refunded §3.1). */
    public record ForfeitAllowance(@TargetAggregateIdentifier LedgerId ledgerId, String subscriptionId,
                                   String reason) {
    }

    /** Takes back what is left of the lots bought with a charge lost in a dispute. */
    public record ClawBackCredits(@TargetAggregateIdentifier LedgerId ledgerId, String chargeId, String reference) {
    }

    /** Cancels what is left of a lot granted by mistake. */
    public record VoidLot(@TargetAggregateIdentifier LedgerId ledgerId, LotId lotId, String reason, Actor actor) {

        public VoidLot(LedgerId ledgerId, LotId lotId, String reason) {
            this(ledgerId, lotId, reason, Actor.service());
        }
    }

    public record FreezeLedger(@TargetAggregateIdentifier LedgerId ledgerId, String reason, String reference) {
    }

    public record UnfreezeLedger(@TargetAggregateIdentifier LedgerId ledgerId, String reason, String reference) {
    }

    /** Allocates credits to a sub-reseller; the caller has checked that the target is one of this reseller's. */
    public record TransferCredits(@TargetAggregateIdentifier LedgerId ledgerId, String transferId,
                                  LedgerId toLedgerId, long amount) {
    }

    /** Pays up to {@code amount} of a new charge from cash balance; answered once per charge. */
    public record ApplyCashBalance(@TargetAggregateIdentifier LedgerId ledgerId, String chargeId, Money amount) {
    }

    /** The charge that cash balance was applied to failed: give the balance back. */
    public record RestoreCashBalance(@TargetAggregateIdentifier LedgerId ledgerId, String chargeId) {
    }

    public record WithdrawCashBalance(@TargetAggregateIdentifier LedgerId ledgerId, String withdrawalId,
                                      Money amount) {
    }

    /** The processor reversed a withdrawal refund billing had paid: the money is back with the merchant. */
    public record RecordWithdrawalRefundReversal(@TargetAggregateIdentifier LedgerId ledgerId, String refundId,
                                                 String failureCode) {
    }

    /** Billing's answer to one withdrawal refund: {@code failureCode} is null when it was paid. */
    public record RecordWithdrawalRefund(@TargetAggregateIdentifier LedgerId ledgerId, String refundId,
                                         String failureCode) {
    }

    private LedgerCommands() {
    }
}
