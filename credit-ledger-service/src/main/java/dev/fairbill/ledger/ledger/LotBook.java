package dev.fairbill.ledger.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;

/**
 * The lots of one ledger and the arithmetic on them. It decides which lots an operation takes from; the aggregate
 * records that choice in its events and replays it through {@link #take} and {@link #giveBack}.
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
final class LotBook {

    /** Soonest expiry first (never-expiring last), then the oldest (the consumption order). */
    static final Comparator<Lot> CONSUMPTION_ORDER = Comparator
            .comparing(Lot::expiresAt, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparingLong(Lot::order);

    private Map<LotId, Lot> lots = new LinkedHashMap<>();

    void add(LotId id, CreditUnit unit, LotSource source, long amount, Instant expiresAt, String reference,
             String chargeId, String subscriptionId) {
        lots.put(id, new Lot(id, unit, source, amount, expiresAt, reference, chargeId, subscriptionId, lots.size()));
    }

    boolean contains(LotId id) {
        return lots.containsKey(id);
    }

    Lot lot(LotId id) {
        return Objects.requireNonNull(lots.get(id), () -> "no lot " + id);
    }

    /** Usable lots of the unit, in consumption order: open, not expired at {@code now}, something left. */
    private List<Lot> usable(CreditUnit unit, Instant now) {
        return lots.values().stream()
                .filter(lot -> lot.unit().equals(unit) && lot.isOpen() && lot.remaining() > 0
                        && (lot.expiresAt() == null || lot.expiresAt().isAfter(now)))
                .sorted(CONSUMPTION_ORDER)
                .toList();
    }

    /** Up to {@code amount} of the unit from the usable lots in consumption order; fewer when there is not enough. */
    List<Allocation> allocate(CreditUnit unit, long amount, Instant now) {
        return allocateFrom(usable(unit, now), amount);
    }

    /** Up to {@code amount} from the given lots, in the order given. */
    static List<Allocation> allocateFrom(List<Lot> candidates, long amount) {
        List<Allocation> taken = new ArrayList<>();
        long left = amount;
        for (Lot lot : candidates) {
            if (left == 0) {
                break;
            }
            long part = Math.min(left, lot.remaining());
            if (part > 0) {
                taken.add(new Allocation(lot.id(), part));
                left -= part;
            }
        }
        return taken;
    }

    /** Cash lots of the currency that a withdrawal can pay back: those that know the charge to refund. */
    List<Lot> withdrawable(CreditUnit unit, Instant now) {
        return usable(unit, now).stream().filter(lot -> lot.chargeId() != null).toList();
    }

    long usableBalance(CreditUnit unit, Instant now) {
        return usable(unit, now).stream().mapToLong(Lot::remaining).sum();
    }

    /** What is left in the open lots of the unit: the balance the customer sees. */
    long balance(CreditUnit unit) {
        return lots.values().stream().filter(lot -> lot.unit().equals(unit) && lot.isOpen())
                .mapToLong(Lot::remaining).sum();
    }

    List<CreditUnit> cashUnits() {
        return lots.values().stream().map(Lot::unit).filter(CreditUnit::isCash).distinct().toList();
    }

    /** Open lots with something left whose expiry has come. */
    List<Lot> dueForExpiry(Instant now) {
        return lots.values().stream()
                .filter(lot -> lot.isOpen() && lot.remaining() > 0 && lot.expiresAt() != null
                        && !lot.expiresAt().isAfter(now))
                .toList();
    }

    /** Open lots that match, whether or not anything is left in them. */
    List<Lot> matching(java.util.function.Predicate<Lot> filter) {
        return lots.values().stream().filter(Lot::isOpen).filter(filter).toList();
    }

    void take(List<Allocation> allocations) {
        allocations.forEach(a -> lot(a.lotId()).remaining -= a.amount());
    }

    void giveBack(List<Allocation> allocations) {
        allocations.forEach(a -> lot(a.lotId()).remaining += a.amount());
    }

    void remove(LotId id, long amount, RemovalKind kind) {
        Lot lot = lot(id);
        lot.remaining -= amount;
        lot.closedAs = kind;
    }

    long sumRemaining() {
        return lots.values().stream().mapToLong(Lot::remaining).sum();
    }

    /** One lot. Only the book changes it, from the aggregate's events. */
    @JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
            isGetterVisibility = Visibility.NONE)
    static final class Lot {
        private LotId id;
        private CreditUnit unit;
        private LotSource source;
        private long granted;
        private Instant expiresAt;
        private String reference;
        private String chargeId;
        private String subscriptionId;
        private long order;
        private long remaining;
        private RemovalKind closedAs;

        /** For snapshots. */
        private Lot() {
        }

        Lot(LotId id, CreditUnit unit, LotSource source, long granted, Instant expiresAt, String reference,
            String chargeId, String subscriptionId, long order) {
            this.id = id;
            this.unit = unit;
            this.source = source;
            this.granted = granted;
            this.remaining = granted;
            this.expiresAt = expiresAt;
            this.reference = reference;
            this.chargeId = chargeId;
            this.subscriptionId = subscriptionId;
            this.order = order;
        }

        LotId id() {
            return id;
        }

        CreditUnit unit() {
            return unit;
        }

        LotSource source() {
            return source;
        }

        long granted() {
            return granted;
        }

        long remaining() {
            return remaining;
        }

        Instant expiresAt() {
            return expiresAt;
        }

        String reference() {
            return reference;
        }

        String chargeId() {
            return chargeId;
        }

        String subscriptionId() {
            return subscriptionId;
        }

        long order() {
            return order;
        }

        /** Not expired, forfeited, clawed back or voided: credits given back to it stay usable. */
        boolean isOpen() {
            return closedAs == null;
        }

        RemovalKind closedAs() {
            return closedAs;
        }
    }
}
