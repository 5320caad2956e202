package dev.fairbill.ledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.fairbill.ledger.ledger.LedgerEvents.CreditsConsumed;
import dev.fairbill.ledger.ledger.LedgerEvents.CreditsTransferred;
import dev.fairbill.ledger.ledger.LedgerEvents.HoldCaptured;
import dev.fairbill.ledger.ledger.LedgerEvents.HoldPlaced;
import dev.fairbill.ledger.ledger.LedgerEvents.HoldReleased;
import dev.fairbill.ledger.ledger.LedgerEvents.LotGranted;
import dev.fairbill.ledger.ledger.LedgerEvents.LotRemoved;
import dev.fairbill.ledger.ledger.LedgerEvents.OverdraftSettled;
import dev.fairbill.ledger.ledger.LedgerEvents.TierChanged;

/**
 * The credit ledger kept from its events alone, written independently of {@link LotBook}: every event's signed
 * movement, each lot's remainder and the pending holds. Each event is checked against what came before it as it is
 * recorded (nothing takes more than a lot has; allocations follow the consumption order; a hold gives back exactly
 * what it took).
 */
final class LedgerJournal {

    /** Soonest expiry first, never-expiring last, then the oldest (the consumption order). */
    private static final Comparator<LotState> CONSUMPTION_ORDER = Comparator
            .comparing((LotState lot) -> lot.expiresAt, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparingInt(lot -> lot.order);

    private final Function<Long, String> tierFor;
    private final Map<LotId, LotState> lots = new LinkedHashMap<>();
    private final Map<HoldId, HoldPlaced> pendingHolds = new HashMap<>();
    private final Map<HoldId, HoldStatus> holdStatus = new HashMap<>();
    /** Grants − consumptions − removals − captures − transfers: what the events say the account still has. */
    private long movements;
    private long overdrawn;
    private long lifetimePurchased;

    LedgerJournal(Function<Long, String> tierFor) {
        this.tierFor = tierFor;
    }

    void record(List<Object> events) {
        events.forEach(this::record);
    }

    private void record(Object event) {
        switch (event) {
            case LedgerOpened opened -> {
            }
            case LotGranted granted -> {
                lots.put(granted.lotId(), new LotState(granted, lots.size()));
                movements += granted.amount();
                if (granted.source() == LotSource.PURCHASED) {
                    lifetimePurchased += granted.amount();
                }
            }
            case TierChanged changed -> {
                assertThat(changed.lifetimePurchased()).as("lifetime purchased").isEqualTo(lifetimePurchased);
                assertThat(changed.tier()).as("tier").isEqualTo(tierFor.apply(lifetimePurchased));
            }
            case OverdraftSettled settled -> {
                take(settled.lotId(), settled.amount());
                overdrawn -= settled.amount();
                assertThat(overdrawn).as("overdraft left").isNotNegative();
            }
            case CreditsConsumed consumed -> {
                assertTakenInConsumptionOrder(consumed.allocations(), consumed.consumedAt());
                assertThat(Allocations.sum(consumed.allocations()) + consumed.overdrawn()).as("consumed")
                        .isEqualTo(consumed.amount());
                if (consumed.overdrawn() > 0) {
                    assertThat(Allocations.sum(consumed.allocations())).as("overdraws only what no lot covers")
                            .isEqualTo(usable(consumed.consumedAt()));
                }
                consumed.allocations().forEach(a -> take(a.lotId(), a.amount()));
                overdrawn += consumed.overdrawn();
                movements -= consumed.amount();
            }
            case HoldPlaced placed -> {
                assertTakenInConsumptionOrder(placed.allocations(), placed.placedAt());
                assertThat(Allocations.sum(placed.allocations())).as("held").isEqualTo(placed.amount());
                placed.allocations().forEach(a -> take(a.lotId(), a.amount()));
                pendingHolds.put(placed.holdId(), placed);
                holdStatus.put(placed.holdId(), HoldStatus.PENDING);
            }
            case HoldCaptured captured -> {
                HoldPlaced hold = closeHold(captured.holdId(), HoldStatus.CAPTURED);
                assertThat(Allocations.sum(captured.captured())).as("captured").isEqualTo(captured.amount());
                assertThat(byLot(captured.captured(), captured.released())).as("captured and released")
                        .isEqualTo(byLot(hold.allocations(), List.of()));
                captured.released().forEach(a -> lot(a.lotId()).remaining += a.amount());
                movements -= captured.amount();
            }
            case HoldReleased released -> {
                HoldPlaced hold = closeHold(released.holdId(),
                        released.expired() ? HoldStatus.EXPIRED : HoldStatus.RELEASED);
                assertThat(released.allocations()).as("released").isEqualTo(hold.allocations());
                released.allocations().forEach(a -> lot(a.lotId()).remaining += a.amount());
            }
            case LotRemoved removed -> {
                LotState lot = lot(removed.lotId());
                if (removed.kind() == RemovalKind.EXPIRED) {
                    assertThat(lot.expiresAt).as("expiry of %s", lot.id).isNotNull()
                            .isBeforeOrEqualTo(removed.removedAt());
                }
                if (removed.kind() == RemovalKind.FORFEITED) {
                    assertThat(lot.source.isSubscriptionBound()).as("forfeited %s", lot.source).isTrue();
                }
                take(lot.id, removed.amount());
                lot.closed = true;
                movements -= removed.amount();
            }
            case CreditsTransferred transferred -> {
                assertTakenInConsumptionOrder(transferred.allocations(), transferred.transferredAt());
                assertThat(Allocations.sum(transferred.allocations())).as("transferred")
                        .isEqualTo(transferred.amount());
                transferred.allocations().forEach(a -> take(a.lotId(), a.amount()));
                movements -= transferred.amount();
            }
            default -> fail("unexpected event %s", event);
        }
    }

    /**
     * An operation never takes from a lot while a usable lot with an earlier expiry (or the same expiry, and older)
     * still has credits: those earlier lots are emptied by the same operation.
     */
    private void assertTakenInConsumptionOrder(List<Allocation> allocations, Instant at) {
        Map<LotId, Long> taken = byLot(allocations, List.of());
        assertThat(taken).as("one allocation per lot").hasSameSizeAs(allocations);
        for (Allocation allocation : allocations) {
            LotState lot = lot(allocation.lotId());
            assertThat(lot.usableAt(at)).as("%s is usable at %s", lot.id, at).isTrue();
            assertThat(allocation.amount()).as("taken from %s", lot.id).isPositive()
                    .isLessThanOrEqualTo(lot.remaining);
            lots.values().stream()
                    .filter(earlier -> earlier.usableAt(at) && CONSUMPTION_ORDER.compare(earlier, lot) < 0)
                    .forEach(earlier -> assertThat(taken.getOrDefault(earlier.id, 0L))
                            .as("%s is emptied before %s is touched", earlier.id, lot.id)
                            .isEqualTo(earlier.remaining));
        }
    }

    private HoldPlaced closeHold(HoldId holdId, HoldStatus status) {
        HoldPlaced hold = pendingHolds.remove(holdId);
        assertThat(hold).as("pending hold %s", holdId).isNotNull();
        holdStatus.put(holdId, status);
        return hold;
    }

    private void take(LotId lotId, long amount) {
        LotState lot = lot(lotId);
        assertThat(amount).as("taken from %s", lotId).isNotNegative().isLessThanOrEqualTo(lot.remaining);
        lot.remaining -= amount;
    }

    private LotState lot(LotId lotId) {
        LotState lot = lots.get(lotId);
        assertThat(lot).as("lot %s", lotId).isNotNull();
        return lot;
    }

    private static Map<LotId, Long> byLot(List<Allocation> first, List<Allocation> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream())
                .collect(Collectors.toMap(Allocation::lotId, Allocation::amount, Long::sum));
    }

    /** What the open lots hold: the balance the customer sees, before any overdraft. */
    long balance() {
        return lots.values().stream().filter(lot -> !lot.closed).mapToLong(lot -> lot.remaining).sum();
    }

    long usable(Instant at) {
        return lots.values().stream().filter(lot -> lot.usableAt(at)).mapToLong(lot -> lot.remaining).sum();
    }

    long held() {
        return pendingHolds.values().stream().mapToLong(HoldPlaced::amount).sum();
    }

    long movements() {
        return movements;
    }

    long overdrawn() {
        return overdrawn;
    }

    int lotCount() {
        return lots.size();
    }

    HoldStatus status(HoldId holdId) {
        return holdStatus.get(holdId);
    }

    long holdAmount(HoldId holdId) {
        return pendingHolds.get(holdId).amount();
    }

    /** The ledger's state, as far as the invariants are concerned. */
    List<LotState> lots() {
        return List.copyOf(lots.values());
    }

    static final class LotState {
        final LotId id;
        final LotSource source;
        final String subscriptionId;
        final Instant expiresAt;
        final int order;
        long remaining;
        boolean closed;

        private LotState(LotGranted granted, int order) {
            this.id = granted.lotId();
            this.source = granted.source();
            this.subscriptionId = granted.subscriptionId();
            this.expiresAt = granted.expiresAt();
            this.order = order;
            this.remaining = granted.amount();
        }

        boolean usableAt(Instant at) {
            return !closed && remaining > 0 && (expiresAt == null || expiresAt.isAfter(at));
        }
    }
}
