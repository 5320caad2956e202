package dev.fairbill.billing.web;

import java.time.Instant;
import java.util.List;

import dev.fairbill.billing.account.AccountRole;
import dev.fairbill.billing.query.AccountView;
import dev.fairbill.platform.money.Money;

/**
 * An account. {@code holds} lists what keeps a suspended account suspended; {@code cashBalances} is the cash
 * balance the account's next charges use first, as billing last heard it from the ledger (the ledger's own
 * {@code GET /ledgers/{id}} is authoritative). {@code testClock} is the test clock the account lives on, or null for
 * an account on the wall clock.
 */
public record AccountResponse(String id, String tenant, String externalRef, AccountRole role, String parentAccountId,
                              String email, String defaultPaymentMethod, String status, List<Hold> holds,
                              List<Money> cashBalances, Instant createdAt, String testClock) {

    public record Hold(String reason, String reference) {
    }

    static AccountResponse of(AccountView view, List<Money> cashBalances) {
        return new AccountResponse(view.id(), view.tenant(), view.externalRef(), view.role(), view.parentAccountId(),
                view.email(), view.defaultPaymentMethod(), view.status(),
                view.holds().stream().map(hold -> new Hold(hold.reason(), hold.reference())).toList(),
                cashBalances, view.createdAt(), view.testClock());
    }
}
