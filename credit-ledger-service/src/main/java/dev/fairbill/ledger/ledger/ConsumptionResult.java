package dev.fairbill.ledger.ledger;

import java.util.List;

/**
 * A consumption's answer: what it took and the balance after, so the caller needs no read-back; a repeated operation
 * names only the first consumption ({@code allocations} empty).
 */
public record ConsumptionResult(String consumptionId, boolean repeated, long amount, List<Allocation> allocations,
                                long balanceAfter) {

    static ConsumptionResult repeatOf(String consumptionId) {
        return new ConsumptionResult(consumptionId, true, 0, List.of(), 0);
    }
}
