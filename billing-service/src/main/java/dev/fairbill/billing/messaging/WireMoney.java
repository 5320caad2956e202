package dev.fairbill.billing.messaging;

import java.util.Currency;

import dev.fairbill.contracts.MoneyAmount;
import dev.fairbill.platform.money.Money;

/** Money as the contracts write it ({@link MoneyAmount}) and as billing computes with it ({@link Money}). */
final class WireMoney {

    static MoneyAmount wire(Money money) {
        return new MoneyAmount(money.amount(), money.currency().getCurrencyCode());
    }

    static Money money(MoneyAmount amount) {
        return new Money(amount.amount(), Currency.getInstance(amount.currency()));
    }

    private WireMoney() {
    }
}
