package dev.fairbill.ledger.web;

import dev.fairbill.platform.web.MoneyBody;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** {@code POST /ledgers/{accountId}/withdrawals}. */
public record WithdrawalRequest(@NotNull @Valid MoneyBody amount) {
}
