package dev.fairbill.ledger.web;

import java.util.List;

import dev.fairbill.ledger.query.ConsumptionView;

/** The lots a consumption took from, in the order taken, and the credit balance afterwards. */
public record ConsumptionResponse(String id, long amount, List<AllocationResponse> allocations, long balanceAfter) {

    public record AllocationResponse(String lotId, long amount) {
    }

    static ConsumptionResponse of(ConsumptionView view) {
        return new ConsumptionResponse(view.id(), view.amount(), view.allocations().stream()
                .map(a -> new AllocationResponse(a.lotId().value(), a.amount())).toList(), view.balanceAfter());
    }
}
