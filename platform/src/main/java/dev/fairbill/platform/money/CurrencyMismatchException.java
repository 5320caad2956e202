package dev.fairbill.platform.money;

/** Two amounts in different currencies met in one calculation; there is no implicit conversion. */
public class CurrencyMismatchException extends IllegalArgumentException {

    public CurrencyMismatchException(Money left, Money right) {
        super("cannot combine " + left + " with " + right + ": different currencies");
    }
}
