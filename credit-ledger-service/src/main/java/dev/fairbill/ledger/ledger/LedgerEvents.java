package dev.fairbill.ledger.ledger;

import java.time.Instant;
import java.util.List;

import org.axonframework.serialization.Revision;

import dev.fairbill.platform.audit.Actor;
import dev.fairbill.platform.axon.naming.StoredAs;
import dev.fairbill.platform.money.Money;

/**
 * The CreditLedger's entries. Every movement of credits or cash is one of these; nothing is ever edited: forfeit,
 * expiry, clawback and void are entries too. Each names the lots it moved, so the ledger's state and the
 * journal are rebuilt from them exactly.
 */
public final class LedgerEvents {

    /**
     * A lot was added. Revision 2 keeps the lot's amount and its origin as values; revision 1 listed their fields one
     * by one, and {@link LedgerUpcaster} nests them.
     *
     * @param operationId the grant's operation id, granted once
     */
    @StoredAs("ledger.LotGranted")
    @Revision("2")
    public record LotGranted(LedgerId ledgerId, String tenant, String operationId, LotAmount lot, Instant expiresAt,
                             LotOrigin origin, Instant grantedAt, Actor actor) implements OfLot {

        /** A grant by the service itself (a purchase's or a period's credits, a transfer's arrival). */
        public LotGranted(LedgerId ledgerId, String tenant, String operationId, LotAmount lot, Instant expiresAt,
                          LotOrigin origin, Instant grantedAt) {
            this(ledgerId, tenant, operationId, lot, expiresAt, origin, grantedAt, Actor.service());
        }

        public String reference() {
            return origin.reference();
        }

        public String chargeId() {
            return origin.chargeId();
        }

        public String subscriptionId() {
            return origin.subscriptionId();
        }
    }

    /**
     * How much of one lot an event adds or takes away.
     *
     * @param source where the lot's credits or cash came from
     */
    public record LotAmount(LotId lotId, CreditUnit unit, LotSource source, long amount) {
    }

    /**
     * Where a lot came from.
     *
     * @param reference      the grant's reference: the purchase, period, refund case or transfer
     * @param chargeId       the charge that paid for it (purchased credits, allowance) or, for cash, the charge
     *                       whose payment method a withdrawal pays back to; {@code null} when none
     * @param subscriptionId the subscription an allowance or trial lot belongs to
     */
    public record LotOrigin(String reference, String chargeId, String subscriptionId) {
    }

    /** An event that adds or takes away an amount of one lot, read field by field. */
    public interface OfLot {

        LotAmount lot();

        default LotId lotId() {
            return lot().lotId();
        }

        default CreditUnit unit() {
            return lot().unit();
        }

        default LotSource source() {
            return lot().source();
        }

        default long amount() {
            return lot().amount();
        }
    }

    /**
     * Credits were used. Revision 2 keeps how the consumption was covered as one value; revision 1 listed its fields
     * one by one, and {@link LedgerUpcaster} nests them.
     */
    @StoredAs("ledger.CreditsConsumed")
    @Revision("2")
    public record CreditsConsumed(LedgerId ledgerId, String tenant, String operationId, String consumptionId,
                                  String reference, long amount, Coverage coverage, Instant consumedAt) {

        public List<Allocation> allocations() {
            return coverage.allocations();
        }

        public long overdrawn() {
            return coverage.overdrawn();
        }

        public long balanceAfter() {
            return coverage.balanceAfter();
        }
    }

    /**
     * How a consumption was covered.
     *
     * @param allocations  what it took from which lots, in consumption order
     * @param overdrawn    the part that no lot covered, within the tenant's overdraft limit
     * @param balanceAfter the credit balance afterwards (negative while overdrawn)
     */
    public record Coverage(List<Allocation> allocations, long overdrawn, long balanceAfter) {
    }

    /** A grant paid back what an earlier consumption overdrew. */
    @StoredAs("ledger.OverdraftSettled")
    @Revision("1")
    public record OverdraftSettled(LedgerId ledgerId, String tenant, LotId lotId, long amount, Instant settledAt) {
    }

    /** Credits were reserved for work in progress; they are taken from the lots until captured or released. */
    @StoredAs("ledger.HoldPlaced")
    @Revision("1")
    public record HoldPlaced(LedgerId ledgerId, String tenant, String operationId, HoldId holdId, String reference,
                             long amount, List<Allocation> allocations, Instant expiresAt, Instant placedAt) {
    }

    /** A hold's credits were used: {@code captured} stays taken, {@code released} goes back to its lots. */
    @StoredAs("ledger.HoldCaptured")
    @Revision("1")
    public record HoldCaptured(LedgerId ledgerId, String tenant, HoldId holdId, String reference, long amount,
                               List<Allocation> captured, List<Allocation> released, long balanceAfter,
                               Instant capturedAt) {
    }

    /** A hold's credits went back to their lots: released by the client, or because the hold expired. */
    @StoredAs("ledger.HoldReleased")
    @Revision("1")
    public record HoldReleased(LedgerId ledgerId, String tenant, HoldId holdId, List<Allocation> allocations,
                               boolean expired, Instant releasedAt) {
    }

    /**
     * What was left of a lot was taken away: expired, forfeited, clawed back or voided. Revision 2 keeps the lot's
     * amount as one value; revision 1 listed its fields one by one, and {@link LedgerUpcaster} nests them.
     */
    @StoredAs("ledger.LotRemoved")
    @Revision("2")
    public record LotRemoved(LedgerId ledgerId, String tenant, LotAmount lot, RemovalKind kind, String reference,
                             Instant removedAt, Actor actor) implements OfLot {

        /** A removal by the service itself (an expiry, a forfeit or clawback it was asked for). */
        public LotRemoved(LedgerId ledgerId, String tenant, LotAmount lot, RemovalKind kind, String reference,
                          Instant removedAt) {
            this(ledgerId, tenant, lot, kind, reference, removedAt, Actor.service());
        }
    }

    /** A freeze was placed; the ledger refuses consumption, holds, transfers and withdrawals while any remains. */
    @StoredAs("ledger.LedgerFrozen")
    @Revision("1")
    public record LedgerFrozen(LedgerId ledgerId, String tenant, String reason, String reference, boolean wasFrozen,
                               Instant frozenAt) {
    }

    /** A freeze was lifted; {@code stillFrozen} when others remain. */
    @StoredAs("ledger.LedgerUnfrozen")
    @Revision("1")
    public record LedgerUnfrozen(LedgerId ledgerId, String tenant, String reason, String reference,
                                 boolean stillFrozen, Instant unfrozenAt) {
    }

    /**
     * Credits went to a sub-reseller's ledger (final-sale-reseller §5), which grants them as a {@code TRANSFER} lot.
     */
    @StoredAs("ledger.CreditsTransferred")
    @Revision("1")
    public record CreditsTransferred(LedgerId ledgerId, String tenant, String transferId, LedgerId toLedgerId,
                                     long amount, List<Allocation> allocations, Instant expiresAt,
                                     Instant transferredAt) {
    }

    /**
     * The reseller's tier changed with its lifetime purchased credits (final-sale-reseller §5).
     *
     * @param subResellersAllowed the tier unlocks creating sub-reseller accounts
     */
    @StoredAs("ledger.TierChanged")
    @Revision("1")
    public record TierChanged(LedgerId ledgerId, String tenant, String tier, long lifetimePurchased,
                              Instant changedAt, boolean subResellersAllowed) {
    }

    /** Cash balance paid {@code applied} (possibly zero) of a new charge; billing charges the rest. */
    @StoredAs("ledger.CashBalanceApplied")
    @Revision("1")
    public record CashBalanceApplied(LedgerId ledgerId, String tenant, String chargeId, Money requested,
                                     Money applied, List<Allocation> allocations, Instant appliedAt) {
    }

    /** The charge that cash balance was applied to failed, so the balance came back. */
    @StoredAs("ledger.CashBalanceRestored")
    @Revision("1")
    public record CashBalanceRestored(LedgerId ledgerId, String tenant, String chargeId, Money amount,
                                      List<Allocation> allocations, Instant restoredAt) {
    }

    /**
     * The account's cash balance in one currency changed to {@code balance}; {@code version} grows with every change
     * of any currency, so readers can ignore an older one.
     */
    @StoredAs("ledger.CashBalanceChanged")
    @Revision("1")
    public record CashBalanceChanged(LedgerId ledgerId, String tenant, Money balance, long version,
                                     Instant changedAt) {
    }

    /** A withdrawal began: its parts are refunded one charge each. */
    @StoredAs("ledger.CashWithdrawalStarted")
    @Revision("1")
    public record CashWithdrawalStarted(LedgerId ledgerId, String tenant, String withdrawalId, Money amount,
                                        Instant startedAt) {
    }

    /**
     * One part of a withdrawal, taken from one cash lot: billing is asked to refund it to the payment method of the
     * charge the lot came from.
     */
    @StoredAs("ledger.WithdrawalRefundRequested")
    @Revision("1")
    public record WithdrawalRefundRequested(LedgerId ledgerId, String tenant, String withdrawalId, String refundId,
                                            String chargeId, Allocation allocation, Money amount,
                                            Instant requestedAt) {
    }

    /** Billing refunded a withdrawal part. */
    @StoredAs("ledger.WithdrawalRefundPaid")
    @Revision("1")
    public record WithdrawalRefundPaid(LedgerId ledgerId, String tenant, String withdrawalId, String refundId,
                                       Money amount, Instant paidAt) {
    }

    /**
     * The processor reversed the refund of a withdrawal part after it was paid: the customer did not get the money,
     * so it goes back to the lot it was withdrawn from, withdrawable again.
     */
    @StoredAs("ledger.WithdrawalRefundReversed")
    @Revision("1")
    public record WithdrawalRefundReversed(LedgerId ledgerId, String tenant, String withdrawalId, String refundId,
                                           Allocation restored, Money amount, String failureCode,
                                           Instant reversedAt) {
    }

    /** Billing could not refund a withdrawal part: its amount went back to its lot. */
    @StoredAs("ledger.WithdrawalRefundFailed")
    @Revision("1")
    public record WithdrawalRefundFailed(LedgerId ledgerId, String tenant, String withdrawalId, String refundId,
                                         Allocation restored, Money amount, String failureCode, Instant failedAt) {
    }

    /** Every part of a withdrawal has an answer. */
    @StoredAs("ledger.CashWithdrawalSettled")
    @Revision("1")
    public record CashWithdrawalSettled(LedgerId ledgerId, String tenant, String withdrawalId, Money paid,
                                        Money restored, String failureCode, Instant settledAt) {
    }

    private LedgerEvents() {
    }
}
