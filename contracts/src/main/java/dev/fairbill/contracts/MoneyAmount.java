package dev.fairbill.contracts;

/**
 * Money on the wire, as the API writes it: {@code {"amount": 1999, "currency": "EUR"}}, integer minor units and an
 * ISO-4217 code.
 */
public record MoneyAmount(long amount, String currency) {
}
