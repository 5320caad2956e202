package dev.fairbill.ledger.query;

import java.time.Instant;

import dev.fairbill.platform.money.Money;

public record WithdrawalView(String id, String accountId, Money amount, String status, Money paid, Money restored,
                             String failureCode, Instant requestedAt, Instant settledAt) {
}
