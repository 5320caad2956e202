package dev.fairbill.billing.charge;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import dev.fairbill.billing.charge.ChargeCommands.CaptureCharge;
import dev.fairbill.billing.charge.ChargeCommands.FlagChargeDuplicate;
import dev.fairbill.billing.charge.ChargeCommands.RecordCaptureOutcome;
import dev.fairbill.billing.charge.ChargeCommands.RecordChargeDispute;
import dev.fairbill.billing.charge.ChargeCommands.RecordChargeDisputeClosed;
import dev.fairbill.billing.charge.ChargeCommands.RecordProcessorRefund;
import dev.fairbill.billing.charge.ChargeCommands.RecordProcessorRefundFailure;
import dev.fairbill.billing.charge.ChargeCommands.RecordRefundAccepted;
import dev.fairbill.billing.charge.ChargeCommands.RecordRefundOutcome;
import dev.fairbill.billing.charge.ChargeCommands.RecordRefundToBalance;
import dev.fairbill.billing.charge.ChargeCommands.RefundCharge;
import dev.fairbill.billing.charge.ChargeCommands.SettleChargeFromBalance;
import dev.fairbill.billing.charge.ChargeEvents.ChargeAwaitingBalance;
import dev.fairbill.billing.charge.ChargeEvents.ChargeCaptureRequested;
import dev.fairbill.billing.charge.ChargeEvents.ChargeCaptured;
import dev.fairbill.billing.charge.ChargeEvents.ChargeDisputeClosed;
import dev.fairbill.billing.charge.ChargeEvents.ChargeDisputeRecorded;
import dev.fairbill.billing.charge.ChargeEvents.ChargeDoublePaidOut;
import dev.fairbill.billing.charge.ChargeEvents.ChargeFailed;
import dev.fairbill.billing.charge.ChargeEvents.ChargeFlaggedDuplicate;
import dev.fairbill.billing.charge.ChargeEvents.ChargeProcessorRefundFailed;
import dev.fairbill.billing.charge.ChargeEvents.ChargeRefundAccepted;
import dev.fairbill.billing.charge.ChargeEvents.ChargeRefundFailed;
import dev.fairbill.billing.charge.ChargeEvents.ChargeRefundRequested;
import dev.fairbill.billing.charge.ChargeEvents.ChargeRefundReversed;
import dev.fairbill.billing.charge.ChargeEvents.ChargeRefunded;
import dev.fairbill.billing.charge.ChargeEvents.ChargeRefundedToBalance;
import dev.fairbill.billing.charge.ChargeEvents.RefundSplit;
import dev.fairbill.billing.charge.ChargeEvents.RefundedAmounts;
import dev.fairbill.billing.ids.AccountId;
import dev.fairbill.billing.ids.ChargeId;
import dev.fairbill.billing.ids.DisputeId;
import dev.fairbill.contracts.billing.RefundChargeRequestedV1;
import dev.fairbill.platform.axon.naming.StoredAs;
import dev.fairbill.platform.testclock.OnTestClock;
import dev.fairbill.platform.id.IdPrefix;
import dev.fairbill.platform.id.Ids;
import dev.fairbill.platform.money.Money;
import dev.fairbill.platform.rules.RuleViolation;

/**
 * One attempt to take money from an account — from its cash balance first (ADR 0010), the
 * rest through the payment processor — and everything that happens to that money afterwards: refunds, disputes, being
 * recognised as a duplicate. Invariant: what we pay out is limited, {@code refunded + lost in dispute ≤ captured} as far
 * as it is ours to decide; a dispute the processor decides against us after a refund is recorded all the same, and
 * what it took beyond the rest is a double payout ({@code ChargeDoublePaidOut}).
 */
@StoredAs("billing.Charge")
@Aggregate(cache = "chargeCache")
public class Charge implements OnTestClock {

    /** The processor named by a charge that the account's cash balance paid in full. */
    public static final String BALANCE = "balance";
    /** The reason of a refund made at the processor, not through Fairbill. */
    public static final String REFUNDED_AT_PROCESSOR = "REFUNDED_AT_PROCESSOR";

    @AggregateIdentifier
    private ChargeId id;
    private AccountId accountId;
    private String tenant;
    private Money amount;
    private boolean captured;
    private ChargeTerms awaitingBalance;
    private ChargeCaptureRequested awaitingCapture;
    private Money paidFromBalance;
    private String paymentMethod;
    private String processorChargeId;
    private Money refunded;
    private Money refundedToBalance;
    private Money lostInDispute;
    private final Set<String> refundIds = new HashSet<>();
    /** Every processor refund recorded on the charge, reversed ones too, so a late report records none again. */
    private final Set<String> processorRefundIds = new HashSet<>();
    /** The refunds the processor paid to the payment method and has not reversed, by the processor's refund id. */
    private final Map<String, ChargeRefunded> paidAtProcessor = new HashMap<>();
    private final Map<String, ChargeRefundRequested> awaitingRefunds = new HashMap<>();
    /** Refunds under way that the processor received and decides later, by refund id. */
    private final Set<String> acceptedRefunds = new HashSet<>();
    private DisputeId openDispute;
    private Money disputedAmount;
    private String disputeReason;
    private Instant disputeDueBy;
    private final Set<DisputeId> closedDisputes = new HashSet<>();
    private boolean disputeLost;
    private DisputeId lostDispute;
    private boolean flaggedDuplicate;

    protected Charge() {
    }

    /**
     * An account with a known cash balance in the charge's currency asks the ledger to pay from it first, and the
     * charge waits for its answer; otherwise the processor is asked to capture it, and the charge waits for that
     * answer. Nothing here talks to the processor: a process makes the call and reports its outcome.
     */
    @CommandHandler
    public Charge(CaptureCharge command, Clock clock) {
        if (!command.amount().isPositive()) {
            throw RuleViolation.invalid("amount", "must be greater than zero");
        }
        if (command.subscriptionId() != null && command.purchaseId() != null) {
            throw ChargeRuleViolation.subscriptionAndPurchase();
        }
        if (command.paymentMethod() == null || command.paymentMethod().isBlank()) {
            throw ChargeRuleViolation.paymentMethodRequired();
        }
        ChargeTerms terms = ChargeTerms.of(command);
        if (command.balanceFirst()) {
            apply(terms.awaitingBalance(clock.instant()));
            return;
        }
        apply(new ChargeCaptureRequested(terms, Money.zero(command.amount().currency()), clock.instant()));
    }

    /**
     * The ledger's answer, once per charge: what the cash balance paid is kept, the processor is asked for the rest.
     * An answer for a charge that no longer awaits one (a repeat) changes nothing.
     */
    @CommandHandler
    void handle(SettleChargeFromBalance command, Clock clock) {
        if (!tenant.equals(command.tenant()) || !accountId.equals(command.accountId())) {
            throw RuleViolation.notFound("Charge " + id);
        }
        if (awaitingBalance == null) {
            return;
        }
        Money applied = command.applied();
        if (!applied.currency().equals(amount.currency()) || applied.isNegative() || applied.isGreaterThan(amount)) {
            throw ChargeRuleViolation.balanceExceedsCharge(id, applied);
        }
        if (applied.equals(amount)) {
            apply(awaitingBalance.captured(BALANCE, null, applied, clock.instant()));
            return;
        }
        apply(new ChargeCaptureRequested(awaitingBalance, applied, clock.instant()));
    }

    /** The processor's answer to the requested capture decides the charge; a repeated answer changes nothing. */
    @CommandHandler
    void handle(RecordCaptureOutcome command, Clock clock) {
        if (awaitingCapture == null) {
            return;
        }
        ChargeTerms terms = awaitingCapture.terms();
        Money fromBalance = awaitingCapture.paidFromBalance();
        apply(command.failureCode() == null
                ? terms.captured(command.processor(), command.processorChargeId(), fromBalance, clock.instant())
                : terms.failed(command.processor(), command.failureCode(), fromBalance, clock.instant()));
    }

    /**
     * Answers every refund request of a known charge: a request its rules refuse is recorded as
     * {@link ChargeRefundFailed} naming the rule (ADR 0007), so the requester hears back and nothing is refunded.
     */
    @CommandHandler
    void handle(RefundCharge command, Clock clock) {
        if (!tenant.equals(command.tenant()) || !accountId.equals(command.accountId())) {
            throw RuleViolation.notFound("Charge " + id);
        }
        if (refundIds.contains(command.refundId())) {
            return;
        }
        String refused = refusal(command);
        if (refused != null) {
            apply(new ChargeRefundFailed(id, accountId, tenant, command.refundId(), command.amount(), refused,
                    clock.instant()));
            return;
        }
        // paid back where it came from: the card first, up to what the card paid and still holds; the rest was paid
        // from the cash balance and goes back there (ADR 0010)
        Money toCard = command.amount().isGreaterThan(cardRefundable()) ? cardRefundable() : command.amount();
        Money toBalance = command.amount().minus(toCard);
        if (!toCard.isPositive()) {
            apply(new ChargeRefunded(id, accountId, tenant, command.refundId(),
                    new RefundedAmounts(command.amount(), toBalance, refunded.plus(command.amount())), null,
                    command.reason(), clock.instant()));
            return;
        }
        apply(new ChargeRefundRequested(id, accountId, tenant, command.refundId(),
                new RefundSplit(command.amount(), toCard, toBalance), command.reason(), processorChargeId,
                paymentMethod, clock.instant()));
    }

    /**
     * The processor's answer to a requested refund: refunded, or declined (the refund id may then be tried again). A
     * refund the processor paid after a dispute was lost pays the customer twice; that is recorded as a double payout.
     */
    @CommandHandler
    void handle(RecordRefundOutcome command, Clock clock) {
        ChargeRefundRequested requested = awaitingRefunds.get(command.refundId());
        if (requested == null) {
            return;
        }
        if (command.failureCode() != null) {
            apply(new ChargeRefundFailed(id, accountId, tenant, requested.refundId(), requested.amount(),
                    command.failureCode(), clock.instant()));
            return;
        }
        Money beyond = amount.minus(refunded).minus(lostInDispute);
        apply(new ChargeRefunded(id, accountId, tenant, requested.refundId(),
                new RefundedAmounts(requested.amount(), requested.toBalance(), refunded.plus(requested.amount())),
                command.processorRefundId(), requested.reason(), clock.instant()));
        Money excess = requested.amount().minus(beyond.isNegative() ? Money.zero(amount.currency()) : beyond);
        if (disputeLost && excess.isPositive()) {
            apply(new ChargeDoublePaidOut(id, accountId, tenant, lostDispute, refunded, lostInDispute, excess,
                    clock.instant()));
        }
    }

    /** The processor received a refund under way and decides it later; a repeated answer changes nothing. */
    @CommandHandler
    void handle(RecordRefundAccepted command, Clock clock) {
        if (awaitingRefunds.containsKey(command.refundId()) && !acceptedRefunds.contains(command.refundId())) {
            apply(new ChargeRefundAccepted(id, accountId, tenant, command.refundId(), command.processorRefundId(),
                    clock.instant()));
        }
    }

    /**
     * A refund the processor reports. One Fairbill asked for is recorded as its answer, if that answer is not recorded
     * yet (the webhook came first). One made elsewhere is a fact: the money went back, so the charge records it under
     * a refund id derived from the processor's, once, and no later refund can pay it again.
     */
    @CommandHandler
    void handle(RecordProcessorRefund command, Clock clock) {
        if (!tenant.equals(command.tenant())) {
            throw RuleViolation.notFound("Charge " + id);
        }
        if (command.refundId() != null) {
            if (awaitingRefunds.containsKey(command.refundId())) {
                handle(new RecordRefundOutcome(id, command.refundId(), command.processorRefundId(), null), clock);
            }
            return;
        }
        if (processorRefundIds.contains(command.processorRefundId()) || !captured || !command.amount().isPositive()
                || !command.amount().currency().equals(amount.currency())) {
            return;
        }
        apply(new ChargeRefunded(id, accountId, tenant, refundMadeAtProcessor(command.processorRefundId()),
                new RefundedAmounts(command.amount(), Money.zero(amount.currency()), refunded.plus(command.amount())),
                command.processorRefundId(), REFUNDED_AT_PROCESSOR, clock.instant()));
    }

    /**
     * A refund the processor reports as failed. If its answer is not recorded yet, the failure is that answer and
     * nothing was refunded. If it was recorded as refunded, the processor reversed it: the card part is back with the
     * merchant, what is refunded shrinks, and the refund id is free to be asked for again, so whoever asked for the
     * refund decides what happens next. A failure reported again changes nothing. The failure of a refund never
     * recorded (a dashboard refund whose failure came before its creation) is remembered, so that a later report of it
     * as paid records nothing.
     */
    @CommandHandler
    void handle(RecordProcessorRefundFailure command, Clock clock) {
        if (!tenant.equals(command.tenant())) {
            throw RuleViolation.notFound("Charge " + id);
        }
        if (command.refundId() != null && awaitingRefunds.containsKey(command.refundId())) {
            handle(new RecordRefundOutcome(id, command.refundId(), null, command.failureCode()), clock);
            return;
        }
        ChargeRefunded paid = paidAtProcessor.get(command.processorRefundId());
        if (paid == null) {
            if (captured && !processorRefundIds.contains(command.processorRefundId())) {
                apply(new ChargeProcessorRefundFailed(id, accountId, tenant, command.processorRefundId(),
                        command.failureCode(), clock.instant()));
            }
            return;
        }
        Money toCard = paid.amount().minus(paid.toBalance() == null ? Money.zero(amount.currency()) : paid.toBalance());
        apply(new ChargeRefundReversed(id, accountId, tenant, paid.refundId(), toCard, refunded.minus(toCard),
                command.processorRefundId(), command.failureCode(), clock.instant()));
    }

    /** The refund id of a refund made at the processor, not through Fairbill: the same for every report of it. */
    public static String refundMadeAtProcessor(String processorRefundId) {
        return Ids.derive(IdPrefix.REFUND, "refunded-at-processor\n" + processorRefundId);
    }

    /**
     * A refund that went to the account balance is a fact the ledger reports: recorded once per refund id, so the
     * charge's refunded amount is true whatever the destination.
     */
    @CommandHandler
    void handle(RecordRefundToBalance command, Clock clock) {
        if (!tenant.equals(command.tenant()) || !accountId.equals(command.accountId())) {
            throw RuleViolation.notFound("Charge " + id);
        }
        if (refundIds.contains(command.refundId()) || !command.amount().isPositive()
                || !command.amount().currency().equals(amount.currency())) {
            return;
        }
        apply(new ChargeRefundedToBalance(id, accountId, tenant, command.refundId(), command.amount(),
                refunded.plus(command.amount()), clock.instant()));
    }

    /**
     * The rule that refuses the refund {@code command} asks for, as the failure code the requester reads, or null:
     * a charge with an open or lost dispute is never refunded, and refunded + lost ≤ captured. The processor gives
     * back what it captured; the part the cash balance paid goes back to the balance (ADR 0010).
     */
    private String refusal(RefundCharge command) {
        Money requested = command.amount();
        if (!captured) {
            return "charge-not-captured";
        }
        if (!requested.currency().equals(amount.currency())) {
            return "currency-mismatch";
        }
        if (!requested.isPositive()) {
            return "invalid-amount";
        }
        if (openDispute != null || disputeLost) {
            return "charge-disputed";
        }
        // a cash withdrawal pays out to the card only, never back into the balance
        boolean cardOnly = RefundChargeRequestedV1.CASH_WITHDRAWAL.equals(command.reason());
        if (requested.isGreaterThan(cardOnly ? cardRefundable() : refundable())) {
            return "exceeds-refundable";
        }
        return null;
    }

    /** Webhooks repeat and arrive out of order: a dispute already closed, or recorded unchanged, changes nothing. */
    @CommandHandler
    void handle(RecordChargeDispute command, Clock clock) {
        if (isSettledDispute(command.disputeId())) {
            return;
        }
        if (!command.amount().isPositive() || command.amount().isGreaterThan(amount)) {
            throw ChargeRuleViolation.disputeExceedsCharge(id);
        }
        if (command.disputeId().equals(openDispute) && command.amount().equals(disputedAmount)
                && Objects.equals(command.reason(), disputeReason) && Objects.equals(command.dueBy(), disputeDueBy)) {
            return;
        }
        apply(new ChargeDisputeRecorded(id, accountId, tenant, command.disputeId(), command.amount(),
                command.reason(), clock.instant(), command.dueBy()));
    }

    @CommandHandler
    void handle(RecordChargeDisputeClosed command, Clock clock) {
        if (isSettledDispute(command.disputeId())) {
            return;
        }
        Money lost = command.won() ? Money.zero(amount.currency()) : lostAmount(command);
        if (!lost.currency().equals(amount.currency())) {
            throw RuleViolation.invalid("lostAmount.currency", "must be the charge's currency");
        }
        if (lost.isNegative() || lost.isGreaterThan(amount)) {
            throw ChargeRuleViolation.invariant(id, lost, amount);
        }
        // the processor took the money back: a fact, recorded even when our refunds had already returned part of it
        Money excess = lost.minus(settledRefundable());
        apply(new ChargeDisputeClosed(id, accountId, tenant, command.disputeId(), command.won(), lost,
                clock.instant()));
        if (excess.isPositive()) {
            apply(new ChargeDoublePaidOut(id, accountId, tenant, command.disputeId(), refunded, lost, excess,
                    clock.instant()));
        }
    }

    /**
     * Guards every report about a dispute: only a captured charge can be disputed, and only by one dispute at a time.
     * Returns true when this dispute is already closed, which makes any later report of it change nothing.
     */
    private boolean isSettledDispute(DisputeId disputeId) {
        if (!captured) {
            throw ChargeRuleViolation.notCaptured(id);
        }
        if (closedDisputes.contains(disputeId)) {
            return true;
        }
        if (openDispute != null && !openDispute.equals(disputeId)) {
            throw ChargeRuleViolation.otherDisputeOpen(id, openDispute);
        }
        return false;
    }

    /**
     * The original of a duplicate is never flagged (final-sale-duplicates-refunded §4.3: only the duplicates are
     * refunded).
     */
    @CommandHandler
    void handle(FlagChargeDuplicate command, Clock clock) {
        if (id.equals(command.duplicateOf())) {
            throw ChargeRuleViolation.originalNeverDuplicate(id);
        }
        if (!captured) {
            throw ChargeRuleViolation.notCaptured(id);
        }
        if (flaggedDuplicate) {
            return;
        }
        apply(new ChargeFlaggedDuplicate(id, accountId, tenant, command.duplicateOf(), command.rule(), amount,
                clock.instant()));
    }

    /** A lost dispute without an amount loses what was disputed. */
    private Money lostAmount(RecordChargeDisputeClosed command) {
        if (command.lostAmount() != null) {
            return command.lostAmount();
        }
        if (disputedAmount == null) {
            throw RuleViolation.invalid("lostAmount", "is required for a dispute that was never recorded");
        }
        return disputedAmount;
    }

    /** What is left to refund: not refunded, not lost in a dispute and not reserved by a refund under way. */
    private Money refundable() {
        return settledRefundable().minus(reserved(false));
    }

    /** What is left once refunds and disputes that ended are counted, refunds under way aside. */
    private Money settledRefundable() {
        return amount.minus(refunded).minus(lostInDispute);
    }

    /**
     * What the processor captured and has not given back, lost or been asked to give back: the most a processor
     * refund can return.
     */
    private Money cardRefundable() {
        Money left = amount.minus(paidFromBalance).minus(refunded.minus(refundedToBalance)).minus(lostInDispute)
                .minus(reserved(true));
        return left.isNegative() ? Money.zero(amount.currency()) : left;
    }

    /** What refunds under way reserve: their card parts, or their whole amounts. */
    private Money reserved(boolean cardOnly) {
        Money total = Money.zero(amount.currency());
        for (ChargeRefundRequested requested : awaitingRefunds.values()) {
            total = total.plus(cardOnly ? requested.toCard() : requested.amount());
        }
        return total;
    }

    @EventSourcingHandler
    void on(ChargeAwaitingBalance event) {
        named(event.chargeId(), event.accountId(), event.tenant(), event.amount());
        awaitingBalance = event.terms();
    }

    @EventSourcingHandler
    void on(ChargeCaptureRequested event) {
        ChargeTerms terms = event.terms();
        named(terms.chargeId(), terms.accountId(), terms.tenant(), terms.amount());
        paidFromBalance = event.paidFromBalance();
        awaitingBalance = null;
        awaitingCapture = event;
    }

    @EventSourcingHandler
    void on(ChargeCaptured event) {
        settled(event.chargeId(), event.accountId(), event.tenant(), event.amount(), event.paidFromBalance());
        captured = true;
        paymentMethod = event.paymentMethod();
        processorChargeId = event.processorChargeId();
    }

    @EventSourcingHandler
    void on(ChargeFailed event) {
        settled(event.chargeId(), event.accountId(), event.tenant(), event.amount(), event.paidFromBalance());
    }

    /** The charge's first event names it and its amount; nothing is refunded, lost or paid from balance yet. */
    private void named(ChargeId chargeId, AccountId account, String tenantId, Money chargeAmount) {
        id = chargeId;
        accountId = account;
        tenant = tenantId;
        amount = chargeAmount;
        refunded = Money.zero(chargeAmount.currency());
        refundedToBalance = Money.zero(chargeAmount.currency());
        lostInDispute = Money.zero(chargeAmount.currency());
        paidFromBalance = Money.zero(chargeAmount.currency());
    }

    /** The outcome names the charge too (it is the first event of a charge that did not ask the ledger). */
    private void settled(ChargeId chargeId, AccountId account, String tenantId, Money chargeAmount,
                         Money fromBalance) {
        named(chargeId, account, tenantId, chargeAmount);
        paidFromBalance = fromBalance;
        awaitingBalance = null;
        awaitingCapture = null;
    }

    @EventSourcingHandler
    void on(ChargeRefundRequested event) {
        refundIds.add(event.refundId());
        awaitingRefunds.put(event.refundId(), event);
    }

    /** A declined refund leaves nothing reserved, and its id may be asked again. */
    @EventSourcingHandler
    void on(ChargeRefundFailed event) {
        acceptedRefunds.remove(event.refundId());
        if (awaitingRefunds.remove(event.refundId()) != null) {
            refundIds.remove(event.refundId());
        }
    }

    @EventSourcingHandler
    void on(ChargeRefunded event) {
        awaitingRefunds.remove(event.refundId());
        acceptedRefunds.remove(event.refundId());
        refundIds.add(event.refundId());
        if (event.processorRefundId() != null) {
            processorRefundIds.add(event.processorRefundId());
            paidAtProcessor.put(event.processorRefundId(), event);
        }
        refunded = event.amountRefunded();
        if (event.toBalance() != null) {
            refundedToBalance = refundedToBalance.plus(event.toBalance());
        }
    }

    @EventSourcingHandler
    void on(ChargeProcessorRefundFailed event) {
        processorRefundIds.add(event.processorRefundId());
    }

    @EventSourcingHandler
    void on(ChargeRefundAccepted event) {
        acceptedRefunds.add(event.refundId());
    }

    @EventSourcingHandler
    void on(ChargeRefundReversed event) {
        paidAtProcessor.remove(event.processorRefundId());
        refundIds.remove(event.refundId());
        refunded = event.amountRefunded();
    }

    @EventSourcingHandler
    void on(ChargeRefundedToBalance event) {
        refundIds.add(event.refundId());
        refunded = event.amountRefunded();
        refundedToBalance = refundedToBalance.plus(event.amount());
    }

    @EventSourcingHandler
    void on(ChargeDisputeRecorded event) {
        openDispute = event.disputeId();
        disputedAmount = event.amount();
        disputeReason = event.reason();
        disputeDueBy = event.dueBy();
    }

    @EventSourcingHandler
    void on(ChargeDisputeClosed event) {
        closedDisputes.add(event.disputeId());
        openDispute = null;
        if (!event.won()) {
            disputeLost = true;
            lostDispute = event.disputeId();
            lostInDispute = lostInDispute.plus(event.lostAmount());
        }
    }

    @EventSourcingHandler
    void on(ChargeFlaggedDuplicate event) {
        flaggedDuplicate = true;
    }

    /** Runs at the time of its account's test clock, when the account is on one. */
    @Override
    public String testClockAccount() {
        return accountId == null ? FROM_MESSAGE : accountId.value();
    }
}
