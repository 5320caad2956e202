package dev.fairbill.ledger.ledger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Arithmetic on lists of allocations. */
final class Allocations {

    static long sum(List<Allocation> allocations) {
        return allocations.stream().mapToLong(Allocation::amount).sum();
    }

    /** The first {@code amount} of the allocations, in their order. */
    static List<Allocation> firstOf(List<Allocation> allocations, long amount) {
        List<Allocation> taken = new ArrayList<>();
        long left = amount;
        for (Allocation allocation : allocations) {
            if (left == 0) {
                break;
            }
            long part = Math.min(left, allocation.amount());
            taken.add(new Allocation(allocation.lotId(), part));
            left -= part;
        }
        return taken;
    }

    /** What is left of {@code all} after taking {@code taken}, lot by lot. */
    static List<Allocation> minus(List<Allocation> all, List<Allocation> taken) {
        Map<LotId, Long> left = new LinkedHashMap<>();
        all.forEach(a -> left.merge(a.lotId(), a.amount(), Long::sum));
        taken.forEach(a -> left.merge(a.lotId(), -a.amount(), Long::sum));
        List<Allocation> rest = new ArrayList<>();
        left.forEach((lot, amount) -> {
            if (amount > 0) {
                rest.add(new Allocation(lot, amount));
            }
        });
        return rest;
    }

    /** Whether any of {@code allocations} takes from {@code lot}. */
    static boolean takeFrom(List<Allocation> allocations, LotId lot) {
        return allocations.stream().anyMatch(allocation -> allocation.lotId().equals(lot));
    }

    private Allocations() {
    }
}
