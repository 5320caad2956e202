package dev.fairbill.ledger.web;

import java.time.Instant;

import dev.fairbill.ledger.query.WithdrawalView;
import dev.fairbill.platform.money.Money;

/** {@code PENDING} until billing has answered every refund; then {@code COMPLETED} or {@code FAILED}. */
public record WithdrawalResponse(String id, String status, Money amount, Money paid, Money restored,
                                 String failureCode, Instant createdAt) {

    static WithdrawalResponse of(WithdrawalView view) {
        return new WithdrawalResponse(view.id(), view.status(), view.amount(), view.paid(), view.restored(),
                view.failureCode(), view.requestedAt());
    }
}
