package dev.fairbill.ledger.query;

import java.util.List;

import dev.fairbill.ledger.ledger.Allocation;

public record ConsumptionView(String id, String accountId, long amount, List<Allocation> allocations,
                              long balanceAfter) {
}
