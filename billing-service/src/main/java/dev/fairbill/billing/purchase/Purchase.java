package dev.fairbill.billing.purchase;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import dev.fairbill.billing.ids.AccountId;
import dev.fairbill.billing.ids.ChargeId;
import dev.fairbill.billing.ids.PurchaseId;
import dev.fairbill.billing.purchase.PurchaseCommands.PlacePurchase;
import dev.fairbill.billing.purchase.PurchaseCommands.RecordPurchasePayment;
import dev.fairbill.billing.purchase.PurchaseCommands.RecordRefillRequest;
import dev.fairbill.billing.purchase.PurchaseCommands.ReportPurchaseFulfilment;
import dev.fairbill.billing.purchase.PurchaseEvents.FulfilmentProgress;
import dev.fairbill.billing.purchase.PurchaseEvents.PurchaseFulfilmentChanged;
import dev.fairbill.billing.purchase.PurchaseEvents.PurchasePaid;
import dev.fairbill.billing.purchase.PurchaseEvents.PurchasePaymentFailed;
import dev.fairbill.billing.purchase.PurchaseEvents.PurchasePlaced;
import dev.fairbill.billing.purchase.PurchaseEvents.RefillFulfilmentChanged;
import dev.fairbill.billing.purchase.PurchaseEvents.RefillRequested;
import dev.fairbill.billing.purchase.PurchaseProduct.Kind;
import dev.fairbill.platform.axon.naming.StoredAs;
import dev.fairbill.platform.testclock.OnTestClock;
import dev.fairbill.platform.money.Money;
import dev.fairbill.platform.rules.RuleViolation;

/**
 * A one-time purchase of a catalog product: a credit pack (final-sale-reseller §5, final-sale-duplicates-refunded §3.2)
 * or a delivery order whose
 * fulfilment the delivering system reports (refill-or-refund). Paid by one charge, captured when it is placed.
 */
@StoredAs("billing.Purchase")
@Aggregate
public class Purchase implements OnTestClock {

    @AggregateIdentifier
    private PurchaseId id;
    private AccountId accountId;
    private String tenant;
    private String productId;
    private Kind kind;
    private Money price;
    private long credits;
    private long quantity;
    private Duration refillWindow;
    private Duration maxDeliveryTime;
    private ChargeId chargeId;
    private Instant purchasedAt;
    private PurchaseStatus status;
    private PurchaseFulfilmentStatus fulfilment;
    private long delivered;
    private long currentCount;
    private Instant completedAt;
    private final Map<String, Refill> refills = new HashMap<>();

    /** A refill's progress as the delivering system reported it. */
    private record Refill(String caseId, long quantity, PurchaseFulfilmentStatus status, long delivered) {
    }

    protected Purchase() {
    }

    @CommandHandler
    public Purchase(PlacePurchase command, Clock clock) {
        Instant now = clock.instant();
        if (command.backdateTo() != null && command.backdateTo().isAfter(now)) {
            throw RuleViolation.invalid("backdateTo", "must not be in the future");
        }
        PurchaseProduct product = command.product();
        apply(new PurchasePlaced(command.purchaseId(), command.accountId(), command.tenant(), product,
                command.chargeId(), command.backdateTo() == null ? now : command.backdateTo(), now));
    }

    /** Only this purchase's own charge pays it, once; a repeated report changes nothing. */
    @CommandHandler
    void handle(RecordPurchasePayment command, Clock clock) {
        if (!command.chargeId().equals(chargeId) || status != PurchaseStatus.PENDING_PAYMENT) {
            return;
        }
        if (command.failureCode() == null) {
            apply(new PurchasePaid(id, accountId, tenant,
                    new PurchaseProduct(productId, kind, price, credits, quantity, refillWindow, maxDeliveryTime),
                    chargeId, kind == Kind.CREDIT_PACK ? credits : 0, purchasedAt, clock.instant()));
        } else {
            apply(new PurchasePaymentFailed(id, accountId, tenant, chargeId, command.failureCode(), clock.instant()));
        }
    }

    /**
     * refill-or-refund: the delivering system reports NOT_STARTED → IN_PROGRESS(n of m) → COMPLETED, PARTIAL or FAILED,
     * for
     * the order or, naming it, for one of its refills.
     */
    @CommandHandler
    void handle(ReportPurchaseFulfilment command, Clock clock) {
        if (!tenant.equals(command.tenant())) {
            throw RuleViolation.notFound("Purchase " + id);
        }
        if (kind != Kind.DELIVERY_ORDER) {
            throw PurchaseRuleViolation.notADeliveryOrder(id);
        }
        if (status != PurchaseStatus.PAID) {
            throw PurchaseRuleViolation.notPaid(id);
        }
        if (command.refillId() != null) {
            reportRefill(command, clock);
            return;
        }
        if (fulfilment.isFinal() || fulfilment == PurchaseFulfilmentStatus.COMPLETED
                && command.status() != PurchaseFulfilmentStatus.COMPLETED) {
            throw PurchaseRuleViolation.fulfilmentFinal(id, fulfilment);
        }
        long count = command.currentCount() == null ? command.delivered() : command.currentCount();
        checkConsistent(command.status(), command.delivered(), count);
        if (command.status() == fulfilment && command.delivered() == delivered && count == currentCount) {
            return;
        }
        Instant now = clock.instant();
        apply(new PurchaseFulfilmentChanged(id, accountId, tenant, productId,
                new FulfilmentProgress(command.status(), command.delivered(), count), quantity,
                completedAt == null && command.status() == PurchaseFulfilmentStatus.COMPLETED ? now : completedAt,
                now));
    }

    /**
     * A refill is recorded once per refill id, on a paid delivery order of the same tenant; it waits for the
     * delivering system's reports.
     */
    @CommandHandler
    void handle(RecordRefillRequest command, Clock clock) {
        if (!tenant.equals(command.tenant())) {
            throw RuleViolation.notFound("Purchase " + id);
        }
        if (refills.containsKey(command.refillId())) {
            return;
        }
        if (kind != Kind.DELIVERY_ORDER || status != PurchaseStatus.PAID || command.quantity() <= 0) {
            throw PurchaseRuleViolation.refillOutsideDelivery(id);
        }
        apply(new RefillRequested(id, accountId, tenant, command.refillId(), command.caseId(), command.quantity(),
                command.requestedAt(), clock.instant()));
    }

    /** A refill's report: the same steps as the order's, counted against the refill's own quantity. */
    private void reportRefill(ReportPurchaseFulfilment command, Clock clock) {
        Refill refill = refills.get(command.refillId());
        if (refill == null) {
            throw PurchaseRuleViolation.refillNotFound(id, command.refillId());
        }
        if (refill.status().isFinal() || refill.status() == PurchaseFulfilmentStatus.COMPLETED) {
            if (command.status() == refill.status() && command.delivered() == refill.delivered()) {
                return;
            }
            throw PurchaseRuleViolation.fulfilmentFinal(id, refill.status());
        }
        checkConsistent(command.status(), command.delivered(), refill.quantity(), refill.delivered());
        long count = command.currentCount() == null ? currentCount : command.currentCount();
        if (count < 0) {
            throw RuleViolation.invalid("currentCount", "must not be negative");
        }
        if (command.status() == refill.status() && command.delivered() == refill.delivered()
                && count == currentCount) {
            return;
        }
        apply(new RefillFulfilmentChanged(id, accountId, tenant, command.refillId(), refill.caseId(),
                new FulfilmentProgress(command.status(), command.delivered(), count), refill.quantity(),
                clock.instant()));
    }

    private void checkConsistent(PurchaseFulfilmentStatus reported, long reportedDelivered, long count) {
        if (count < 0) {
            throw RuleViolation.invalid("currentCount", "must not be negative");
        }
        checkConsistent(reported, reportedDelivered, quantity, delivered);
    }

    private static void checkConsistent(PurchaseFulfilmentStatus reported, long reportedDelivered, long quantity,
                                        long delivered) {
        if (reportedDelivered < 0 || reportedDelivered > quantity) {
            throw RuleViolation.invalid("delivered", "must be between 0 and the ordered " + quantity);
        }
        if (reportedDelivered < delivered) {
            throw PurchaseRuleViolation.inconsistent("Delivered went down from " + delivered + " to "
                    + reportedDelivered + "; delivered units stay delivered.");
        }
        boolean consistent = switch (reported) {
            case NOT_STARTED -> false;
            case IN_PROGRESS, FAILED -> reportedDelivered < quantity;
            case COMPLETED -> reportedDelivered == quantity;
            case PARTIAL -> reportedDelivered > 0 && reportedDelivered < quantity;
        };
        if (!consistent) {
            throw PurchaseRuleViolation.inconsistent("A fulfilment of " + reported + " with " + reportedDelivered
                    + " of " + quantity + " delivered is not possible.");
        }
    }

    @EventSourcingHandler
    void on(PurchasePlaced event) {
        id = event.purchaseId();
        accountId = event.accountId();
        tenant = event.tenant();
        productId = event.productId();
        kind = event.kind();
        price = event.price();
        credits = event.credits();
        quantity = event.quantity();
        refillWindow = event.refillWindow();
        maxDeliveryTime = event.maxDeliveryTime();
        chargeId = event.chargeId();
        purchasedAt = event.purchasedAt();
        status = PurchaseStatus.PENDING_PAYMENT;
        fulfilment = PurchaseFulfilmentStatus.NOT_STARTED;
    }

    @EventSourcingHandler
    void on(PurchasePaid event) {
        status = PurchaseStatus.PAID;
    }

    @EventSourcingHandler
    void on(PurchasePaymentFailed event) {
        status = PurchaseStatus.PAYMENT_FAILED;
    }

    @EventSourcingHandler
    void on(RefillRequested event) {
        refills.put(event.refillId(), new Refill(event.caseId(), event.quantity(),
                PurchaseFulfilmentStatus.NOT_STARTED, 0));
    }

    @EventSourcingHandler
    void on(RefillFulfilmentChanged event) {
        refills.put(event.refillId(), new Refill(event.caseId(), event.quantity(), event.status(),
                event.delivered()));
        currentCount = event.currentCount();
    }

    @EventSourcingHandler
    void on(PurchaseFulfilmentChanged event) {
        fulfilment = event.status();
        delivered = event.delivered();
        currentCount = event.currentCount();
        completedAt = event.completedAt();
    }

    /** Runs at the time of its account's test clock, when the account is on one. */
    @Override
    public String testClockAccount() {
        return accountId == null ? FROM_MESSAGE : accountId.value();
    }
}
