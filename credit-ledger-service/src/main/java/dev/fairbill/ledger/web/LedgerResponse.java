package dev.fairbill.ledger.web;

import java.util.List;

import dev.fairbill.ledger.query.LedgerView;
import dev.fairbill.platform.money.Money;

/**
 * The ledger: credits in {@code balance} (what can be consumed now; held credits are not in it), money held for
 * the customer in {@code cashBalances}, and the lots with something left, in the order they are consumed.
 */
public record LedgerResponse(String accountId, long balance, boolean frozen, String tier, List<Money> cashBalances,
                             List<LotResponse> lots) {

    static LedgerResponse of(LedgerView view, List<Money> cashBalances, List<LotResponse> lots) {
        return new LedgerResponse(view.accountId(), view.balance(), view.frozen(), view.tier(), cashBalances, lots);
    }
}
