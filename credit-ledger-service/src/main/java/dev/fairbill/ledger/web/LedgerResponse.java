package dev.fairbill.ledger.web;

import java.time.Instant;
import java.util.List;

import dev.fairbill.ledger.query.LedgerView;
import dev.fairbill.platform.money.Money;

/** API.md's ledger: credits in {@code balance}, money held for the customer in {@code cashBalances}. */
public record LedgerResponse(String accountId, long balance, boolean frozen, String tier, List<Money> cashBalances,
                             List<Lot> lots) {

    public record Lot(String id, String unit, String source, long granted, long remaining, Instant expiresAt,
                      String reference) {
    }

    static LedgerResponse of(LedgerView view) {
        return new LedgerResponse(view.accountId(), view.balance(), view.frozen(), view.tier(), List.of(), List.of());
    }
}
